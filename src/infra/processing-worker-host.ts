import { Worker } from 'node:worker_threads';
import type { Config } from '../config';
import type { Logger } from '../domain/ports';
import type { PendingEvent } from '../domain/stores';
import { writeRelayedLog, type RelayedLog } from './relay-logger';

/** What the worker is started with. */
export interface WorkerData {
  config: Config;
  /** Overrides both LINE base URLs (simulator mode: the fake API served by the main thread). */
  lineBaseUrl?: string;
  accessToken: string;
}

/** Messages to the worker. */
export type WorkerRequest =
  | { t: 'enqueue'; events: PendingEvent[] }
  | { t: 'recover'; id: number }
  | { t: 'idle'; id: number }
  | { t: 'close'; id: number };

/** Messages from the worker; its log records come this way too, so they arrive in order with its answers. */
export type WorkerReply = { t: 'ready' } | { t: 'done'; id: number } | { t: 'failed'; id: number; error: string } | { t: 'log'; record: RelayedLog };

/** How soon a crashed worker is started again. */
const RESTART_DELAY_MS = 1000;

/**
 * Runs event processing in a worker thread (`src/processing-worker.ts`, `dist/processing-worker.mjs` in the
 * bundle). Stored events are posted to it; if it dies, it is started again and recovers what was pending from
 * the database, so nothing is lost.
 */
export class ProcessingWorkerHost {
  private worker!: Worker;
  private ready!: Promise<void>;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private closing = false;
  /** False from a worker's exit until its replacement is ready: nothing is in flight then (events wait in the database). */
  private running = false;
  private restart: NodeJS.Timeout | undefined;

  private constructor(
    private readonly data: WorkerData,
    private readonly logger: Logger,
  ) {}

  /** Starts the worker and waits until it is ready. */
  static async start(data: WorkerData, logger: Logger): Promise<ProcessingWorkerHost> {
    const host = new ProcessingWorkerHost(data, logger);
    host.spawn();
    await host.ready;
    return host;
  }

  enqueue(events: PendingEvent[]): void {
    this.worker.postMessage({ t: 'enqueue', events } satisfies WorkerRequest);
  }

  whenIdle(): Promise<void> {
    return this.request('idle');
  }

  /**
   * Has the worker resume what a previous run left. If the worker dies meanwhile, this resolves all the same: the
   * worker that replaces it recovers by itself (see `spawn`), so a crash at start never stops the service.
   */
  async recover(): Promise<void> {
    try {
      await this.request('recover');
    } catch (e) {
      if (this.closing) throw e;
      this.logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'processing worker ended during recovery; its replacement recovers');
    }
  }

  /**
   * Ends the worker abruptly, as an out-of-memory crash would, wherever it is in its work (drills and the crash
   * test): it is started again and recovers from the database like after any crash.
   */
  async crash(): Promise<void> {
    await this.worker.terminate();
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restart);
    await this.request('close').catch(() => undefined);
    await this.worker.terminate();
  }

  /**
   * Asks the worker and waits for its answer. Between a worker's death and its replacement there is no one to ask
   * and nothing in flight (what it held is still pending in the database; the replacement recovers it), so the
   * request is done at once — a shutdown in that second no longer waits forever.
   */
  private request(t: 'idle' | 'recover' | 'close'): Promise<void> {
    if (!this.running) return Promise.resolve();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ t, id } satisfies WorkerRequest);
    });
  }

  private spawn(): void {
    const here = import.meta.url;
    // From the sources (tsx) the worker is a .ts file and needs the same loader flags; in the bundle it is a sibling .mjs.
    const fromSource = here.endsWith('.ts');
    const url = fromSource ? new URL('../composition/processing-worker.ts', here) : new URL('./processing-worker.mjs', here);
    this.worker = new Worker(url, {
      workerData: this.data,
      execArgv: fromSource ? ['--import', 'tsx'] : [],
      // Bounded like the main thread's heap (package.json `start`), so memory stays predictable under load.
      resourceLimits: { maxOldGenerationSizeMb: 160, maxYoungGenerationSizeMb: 16 },
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.on('message', (m: WorkerReply) => {
        if (m.t === 'log') return writeRelayedLog(this.logger, 'processing', m.record);
        if (m.t === 'ready') {
          this.running = true;
          return resolve();
        }
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        if (m.t === 'done') w?.resolve();
        else w?.reject(new Error(m.error));
      });
    });
    this.worker.on('error', (e) => this.logger.error({ err: e.message }, 'processing worker failed'));
    this.worker.on('exit', (code) => {
      this.running = false;
      if (this.closing) return;
      this.logger.error({ code }, 'processing worker exited; restarting it');
      for (const w of this.waiting.values()) w.reject(new Error('processing worker exited'));
      this.waiting.clear();
      this.restart = setTimeout(() => {
        this.spawn();
        // What was queued in the dead worker is still pending in the database.
        void this.ready.then(() => this.recover()).catch((e: unknown) => this.logger.error({ err: String(e) }, 'processing worker restart failed'));
      }, RESTART_DELAY_MS).unref();
    });
  }
}
