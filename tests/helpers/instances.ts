/**
 * Several instances of the service on one database, for the multi-instance test: each a separate OS process
 * running the production bundle (so one can be killed with SIGKILL), all with the same LINE channel, all talking
 * to ONE fake LINE Messaging API served over HTTP by the test process (the project's fake: reply tokens single-use,
 * a repeated accepted X-Line-Retry-Key answered 409, every delivery recorded), as a load balancer's pool would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startFakeLineServer, type FakeLineFaults, type FakeLineServer } from '../../src/simulator/fake-line/fake-line-api';
import { callbackBody, sign, type FixtureEvent } from '../fixtures/webhook-fixtures';
import { freePort, serviceEnv } from './service-bundle';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One service process on its own port; it can be killed and started again on the same port. */
export class ServiceInstance {
  private child: ChildProcess | undefined;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly command: { entry: string; env: NodeJS.ProcessEnv },
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Started and not exited. */
  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and resolves once `/readyz` answers 200 (migrated, recovered); throws if it exits first. */
  async start(timeoutMs = 60_000): Promise<void> {
    const child = spawn(process.execPath, ['--max-old-space-size=256', this.command.entry], { env: this.command.env, stdio: ['ignore', 'ignore', 'inherit'] });
    this.child = child;
    const until = Date.now() + timeoutMs;
    for (;;) {
      const ready = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} exited while starting (${child.exitCode ?? child.signalCode})`);
      if (Date.now() > until) throw new Error(`${this.name} did not become ready within ${timeoutMs / 1000} s`);
      await sleep(50);
    }
  }

  /** SIGKILL, as a lost machine: nothing is drained. Resolves once the process is gone. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM (graceful: the work in flight drains), SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.signal('SIGTERM');
    clearTimeout(timer);
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const gone = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await gone;
  }
}

export interface ClusterOptions {
  count: number;
  databaseUrl: string;
  /** The production bundle's folder (`buildServiceBundle`). */
  bundle: string;
  secret: string;
  token: string;
  /** Extra environment for every instance. */
  env?: Record<string, string>;
  /** Log level of the instances (default error: their stderr is the test's). */
  logLevel?: string;
  /** Entries the fake keeps per log (default 500 000, enough for a broadcast to tens of thousands sent more than once). */
  maxRecords?: number;
  /** Faults of the fake LINE API (latency, so that calls are in flight when an instance dies). */
  faults?: FakeLineFaults;
  /** The database is migrated already: start every instance at once (else the first alone, as it migrates). */
  migrated?: boolean;
}

/** N instances, the fake LINE API they share, and a client that spreads webhooks across them as a load balancer would. */
export class Cluster {
  private turn = 0;

  private constructor(
    readonly line: FakeLineServer,
    readonly instances: ServiceInstance[],
    private readonly secret: string,
  ) {}

  /**
   * Starts the fake LINE API and `count` instances: all at once on a migrated database, else the first alone (it
   * applies the migrations), then the others at once.
   */
  static async start(o: ClusterOptions): Promise<Cluster> {
    const line = await startFakeLineServer({ channelAccessToken: o.token, maxRecords: o.maxRecords ?? 500_000, ...(o.faults ? { faults: o.faults } : {}) });
    const instances: ServiceInstance[] = [];
    for (let i = 0; i < o.count; i++) {
      const port = await freePort();
      const env = { ...serviceEnv({ port, databaseUrl: o.databaseUrl, secret: o.secret, token: o.token, lineUrl: line.url, logLevel: o.logLevel ?? 'error' }), LINE_TIMEOUT_MS: '2000', ...o.env };
      instances.push(new ServiceInstance(`instance ${i + 1}`, port, { entry: path.join(o.bundle, 'server.mjs'), env }));
    }
    const cluster = new Cluster(line, instances, o.secret);
    try {
      const first = o.migrated ? 0 : 1;
      for (const s of instances.slice(0, first)) await s.start();
      await Promise.all(instances.slice(first).map((s) => s.start()));
    } catch (e) {
      await cluster.close();
      throw e;
    }
    return cluster;
  }

  /** The instances that are running now. */
  live(): ServiceInstance[] {
    return this.instances.filter((s) => s.running);
  }

  /**
   * Posts one event in its own signed webhook to instance `prefer` (modulo N), as LINE does; when that instance is
   * down or does not answer 200, posts it again (as a redelivery) to the next one, until one accepts it.
   */
  async deliver(event: FixtureEvent, prefer = this.turn++, giveUpMs = 60_000): Promise<ServiceInstance> {
    const until = Date.now() + giveUpMs;
    for (let attempt = 0; ; attempt++) {
      const target = this.instances[(prefer + attempt) % this.instances.length] as ServiceInstance;
      if (target.running) {
        const e = attempt === 0 ? event : { ...event, deliveryContext: { isRedelivery: true } };
        const body = callbackBody([e]);
        const ok = await fetch(`${target.url}/webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-line-signature': sign(body, this.secret) },
          body,
          signal: AbortSignal.timeout(5000),
        }).then(
          async (r) => {
            await r.arrayBuffer();
            return r.status === 200;
          },
          () => false,
        );
        if (ok) return target;
      }
      if (Date.now() > until) throw new Error(`no instance accepted webhook event ${String(event.webhookEventId)} within ${giveUpMs / 1000} s`);
      if (attempt % this.instances.length === this.instances.length - 1) await sleep(100);
    }
  }

  /** Stops every instance (SIGTERM, then SIGKILL) and the fake. */
  async close(): Promise<void> {
    await Promise.all(this.instances.map((s) => s.stop(5000)));
    await this.line.close();
  }
}
