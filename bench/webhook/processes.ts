/**
 * Child processes of the webhook bench: the service under test, the fake LINE API, and their sampling
 * (RSS from /proc/<pid>/status, CPU from /proc/<pid>/stat). Every child is started in a process group of
 * its own and is killed by that group's id when the bench ends, on error or on a signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeCollected, FakeCommand, FakeReply } from './fake-protocol';

// ── process registry and cleanup ─────────────────────────────────────────────

const started = new Set<ChildProcess>();

/** Spawns `command` as the leader of a new process group and registers it for cleanup. */
export function spawnGroup(command: string, args: string[], options: Parameters<typeof spawn>[2]): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** SIGKILLs the process group of every child still running (synchronous; safe in an `exit` handler). */
/**
 * Kills every child and removes the temporary folders pushed onto the returned list whenever the bench ends:
 * normally, on an error, or on Ctrl-C / SIGTERM (exit 130).
 */
export function cleanUpOnExit(): string[] {
  const tempDirs: string[] = [];
  process.on('exit', () => {
    killAll();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.error(`\nbench interrupted (${signal})`);
      process.exit(130);
    });
  }
  return tempDirs;
}

export function killAll(): void {
  for (const child of started) killGroup(child, 'SIGKILL');
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Sends SIGTERM to the child itself, waits up to `graceMs` for it to exit, then SIGKILLs its group. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(graceMs)]);
  }
  killGroup(child, 'SIGKILL');
  started.delete(child);
}

/**
 * Node arguments to start the production bundle exactly as `npm start` does (the `start` script's flags),
 * plus any given in BENCH_NODE_ARGS (e.g. "--cpu-prof"), for investigations.
 */
export function serviceNodeArgs(root: string): string[] {
  const start = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return [...start.split(' ').filter((w) => w.startsWith('--')), ...extra, 'dist/server.mjs'];
}

/** The channel secret and access token every bench service and fake LINE API share. */
export const BENCH_SECRET = 'bench-channel-secret';
export const BENCH_TOKEN = 'bench-channel-access-token';

/** How to start a service under test and tell that it is up. */
export interface ServiceSpec {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  readyPath: string;
  /** Any HTTP answer on `readyPath` means it is up (not only 2xx). */
  anyStatus: boolean;
  /** Its SQLite file, when it has one. */
  dbPath?: string;
  /** Its PostgreSQL database, when it uses one. */
  databaseUrl?: string;
}

/**
 * Tsunagu's production bundle, exactly as `npm start` runs it (built by the bench's `prebench:` script), in
 * production mode on 127.0.0.1, with its own SQLite file and LINE pointed at the fake.
 */
export function tsunaguService(root: string, fakeUrl: string, port: number, dbPath: string): ServiceSpec {
  return {
    command: process.execPath,
    args: serviceNodeArgs(root),
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: `file:${dbPath}`,
      LINE_CHANNEL_SECRET: BENCH_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: BENCH_TOKEN,
      LINE_API_BASE_URL: fakeUrl,
      LINE_DATA_API_BASE_URL: fakeUrl,
    },
    readyPath: '/readyz',
    anyStatus: false,
    dbPath,
  };
}

/** Tsunagu's production bundle as `tsunaguService` starts it, on the PostgreSQL database at `databaseUrl`. */
export function tsunaguOnPostgres(root: string, fakeUrl: string, port: number, databaseUrl: string): ServiceSpec {
  const { dbPath: _file, ...spec } = tsunaguService(root, fakeUrl, port, '');
  return { ...spec, env: { ...spec.env, DATABASE_URL: databaseUrl }, databaseUrl };
}

/** A started service: its launcher (`child`), the process doing the work (`pid`), its URL and RSS sampling. */
export interface LaunchedService {
  child: ChildProcess;
  pid: number;
  base: string;
  sampler: RssSampler;
  readySeconds: number;
}

/** Starts `spec` on `port` and resolves once it answers; its output goes to `tail` (printed if it never comes up). */
export async function launchService(root: string, spec: ServiceSpec, port: number, tail: OutputTail): Promise<LaunchedService> {
  const base = `http://127.0.0.1:${port}`;
  const startedAt = Date.now();
  const child = spawnGroup(spec.command, spec.args, { cwd: root, env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  tail.attach(child.stdout);
  tail.attach(child.stderr);
  try {
    await waitForHttp(base + spec.readyPath, child, 90_000, spec.anyStatus);
  } catch (e) {
    console.error(tail.text());
    throw e;
  }
  const pid = workerPid(child.pid as number, spec.args.at(-1) as string);
  return { child, pid, base, sampler: new RssSampler(pid), readySeconds: (Date.now() - startedAt) / 1000 };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Keeps the last lines a child printed, to show them if it fails. */
export class OutputTail {
  readonly lines: string[] = [];
  /** Lines that look like warn/error log records (pino levels 40+/"warn"/"error"). */
  warnings = 0;
  /** Times the service logged that its processing worker died (and was restarted). */
  workerRestarts = 0;
  /** The first few lines about the processing worker failing (why it died). */
  readonly workerLines: string[] = [];
  private partial = '';

  attach(stream: NodeJS.ReadableStream | null): void {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop() ?? '';
      for (const line of parts) {
        if (/"level":\s*(40|50|60)\b|"level":\s*"(warn|error|fatal)"/.test(line)) this.warnings++;
        if (line.includes('processing worker exited')) this.workerRestarts++;
        if (/processing worker (failed|exited)/.test(line) && this.workerLines.length < 6) this.workerLines.push(line.slice(0, 400));
        this.lines.push(line);
        if (this.lines.length > 40) this.lines.shift();
      }
    });
  }

  text(): string {
    return [...this.lines, this.partial].filter(Boolean).join('\n');
  }
}

/** Polls `url` until it answers (any status if `anyStatus`, else 2xx) or `timeoutMs` passes. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, anyStatus = false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`process exited (${child.exitCode ?? child.signalCode}) before answering ${url}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) })
      .then(async (r) => {
        await r.arrayBuffer();
        return anyStatus || r.ok;
      })
      .catch(() => false);
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

// ── /proc sampling ────────────────────────────────────────────────────────────

/**
 * The process running `script` under `pid`: `tsx file.ts` runs the script in a child `node` process (and
 * esbuild in another), so the descendant whose command line names the script is taken; `pid` itself when
 * there is none.
 */
export function workerPid(pid: number, script: string): number {
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift() as number;
    if (current !== pid && cmdlineOf(current).includes(script)) return current;
    queue.push(...childrenOf(current));
  }
  return pid;
}

function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid) out.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return out.sort((a, b) => a - b);
}

/** VmRSS and VmHWM in MB, or undefined when the process is gone. */
export function memoryOf(pid: number): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux x86-64

/** CPU seconds (user + system) the process has used, or NaN when it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** CPU seconds all processes on the machine have used since boot (busy time from /proc/stat). */
export function machineBusySeconds(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** Cores other processes kept busy over one second, measured before a run: other work shares the cores with the bench. */
export async function busyElsewhere(): Promise<number> {
  const before = machineBusySeconds();
  const own = process.cpuUsage();
  await sleep(1000);
  const ownUsed = process.cpuUsage(own);
  return Math.max(0, machineBusySeconds() - before - (ownUsed.user + ownUsed.system) / 1e6);
}

/** Cores used over a stretch of a run: the service, the fake LINE API, this process, and everything else. */
export interface CoresUsed {
  service: number;
  fake: number;
  load: number;
  other: number;
}

/** Measures CPU from now until `read()`: per process from /proc, this process from `process.cpuUsage`. */
export class CpuMeter {
  private readonly start = performance.now();
  private readonly servicePids: number[];
  private readonly service: number;
  private readonly fake: number;
  private readonly load = process.cpuUsage();
  private readonly machine = machineBusySeconds();

  /** `service`: the service's process, or the processes of its instances (their CPU is added up). */
  constructor(private readonly pids: { service: number | number[]; fake: number }) {
    this.servicePids = typeof pids.service === 'number' ? [pids.service] : pids.service;
    this.service = this.serviceSeconds();
    this.fake = cpuSecondsOf(pids.fake);
  }

  read(): { cores: CoresUsed; seconds: number } {
    const seconds = (performance.now() - this.start) / 1000;
    const service = this.serviceSeconds() - this.service;
    const fake = cpuSecondsOf(this.pids.fake) - this.fake;
    const used = process.cpuUsage(this.load);
    const load = (used.user + used.system) / 1e6;
    // Everything else the machine did meanwhile (other users' tests, the tsx launchers, the kernel).
    const other = Math.max(0, machineBusySeconds() - this.machine - service - fake - load);
    return { cores: { service: service / seconds, fake: fake / seconds, load: load / seconds, other: other / seconds }, seconds };
  }

  private serviceSeconds(): number {
    return this.servicePids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
  }
}

/** The largest instance's figures of several samplers (one per instance of a service), behind one sampler's face. */
export class RssSamplers {
  constructor(private readonly samplers: RssSampler[]) {}

  get peak(): number {
    return Math.max(...this.samplers.map((s) => s.peak));
  }

  get sincePeak(): number {
    return Math.max(...this.samplers.map((s) => s.sincePeak));
  }

  get initial(): number {
    return Math.max(...this.samplers.map((s) => s.initial));
  }

  sample(): void {
    for (const s of this.samplers) s.sample();
  }

  mark(): void {
    for (const s of this.samplers) s.mark();
  }

  stop(): void {
    for (const s of this.samplers) s.stop();
  }
}

/** Samples a process's resident set every `intervalMs`; peaks are kept overall and since `mark()`. */
export class RssSampler {
  peak = 0;
  sincePeak = 0;
  /** RSS when sampling began (the service idle, just ready), MB. */
  readonly initial: number;
  private readonly timer: NodeJS.Timeout;

  constructor(readonly pid: number, intervalMs = 100) {
    this.initial = memoryOf(pid)?.rss ?? NaN;
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const m = memoryOf(this.pid);
    if (!m) return;
    this.peak = Math.max(this.peak, m.rss, m.hwm);
    this.sincePeak = Math.max(this.sincePeak, m.rss);
  }

  /** Starts a new "since" window (a phase). */
  mark(): void {
    this.sample();
    this.sincePeak = memoryOf(this.pid)?.rss ?? 0;
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

// ── the fake LINE API child ──────────────────────────────────────────────────

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** `bench/fake-line-server.ts` in its own process, driven over IPC. */
export class FakeLineProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: FakeReply) => void>();

  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
    readonly pid: number,
  ) {
    child.on('message', (reply: FakeReply) => {
      if (!('id' in reply)) return;
      const resolve = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      resolve?.(reply);
    });
  }

  static async start(root: string, script: string, token: string): Promise<FakeLineProcess> {
    const child = spawnGroup(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      env: { ...process.env, FAKE_LINE_TOKEN: token, PORT: '0', NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<FakeReply & { type: 'ready' }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fake LINE API did not start within 30 s')), 30_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`fake LINE API exited (${code})`));
      });
      child.on('message', (m: FakeReply) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve(m);
        }
      });
    });
    return new FakeLineProcess(child, ready.url, ready.pid);
  }

  private request<T extends FakeReply>(command: WithoutId<FakeCommand>): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake LINE API did not answer ${command.type}`)), 30_000);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply as T);
      });
      this.child.send({ ...command, id } as FakeCommand);
    });
  }

  async friends(users: string[], language = 'ja'): Promise<void> {
    await this.request({ type: 'friends', users, language });
  }

  async issueTokens(users: string[]): Promise<string[]> {
    const reply = await this.request<FakeReply & { type: 'issued' }>({ type: 'issue', users });
    return reply.tokens;
  }

  async collect(): Promise<FakeCollected> {
    return this.request<FakeReply & { type: 'collected' }>({ type: 'collect' });
  }

  async stop(): Promise<void> {
    if (this.child.connected) this.child.disconnect();
    await stopChild(this.child, 3000);
  }
}
