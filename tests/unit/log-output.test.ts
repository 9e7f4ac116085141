// Under test: how the service writes its logs (src/infra/log-output.ts) — JSON lines or readable lines, and
// text printed after a record never overtaking it — and the worker's log relay (src/infra/relay-logger.ts).
// Nothing is faked: the output goes to a real temporary file through pino's own destination.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Logger } from '../../src/domain/ports';
import { logFormatFor, openLogOutput } from '../../src/infra/log-output';
import { relayLogger, writeRelayedLog, type RelayedLog } from '../../src/infra/relay-logger';

describe('logFormatFor', () => {
  test('readable lines on a terminal, JSON lines otherwise (pipes, files, CI)', () => {
    expect(logFormatFor({ isTTY: true })).toBe('pretty');
    expect(logFormatFor({ isTTY: false })).toBe('json');
    expect(logFormatFor({})).toBe('json');
  });
});

describe('openLogOutput', () => {
  let dir: string;
  let file: string;
  let fd: number;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tsunagu-log-'));
    file = path.join(dir, 'out.log');
    fd = openSync(file, 'w');
  });
  afterEach(() => {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });

  /** The file's text once it ends with `last` (the writer is asynchronous). */
  async function outputEndingWith(last: string): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const text = readFileSync(file, 'utf8');
      if (text.endsWith(`${last}\n`)) return text;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`output never ended with ${last}: ${readFileSync(file, 'utf8')}`);
  }

  const record = (msg: string, fields: object = {}) => `${JSON.stringify({ level: 30, time: Date.UTC(2026, 11, 6, 1, 2, 3), pid: 4242, hostname: 'host-a', ...fields, msg })}\n`;

  test('json: records are written as they are, and printed text comes after every earlier record', async () => {
    const out = await openLogOutput('json', fd);
    for (let i = 0; i < 500; i++) out.stream.write(record(`line ${i}`, { i }));
    out.print('BANNER first line\n  second line');
    const lines = (await outputEndingWith('  second line')).trimEnd().split('\n');
    expect(lines).toHaveLength(502);
    expect(lines.slice(0, 500).map((l) => JSON.parse(l).i)).toEqual([...Array(500).keys()]);
    expect(lines.slice(500)).toEqual(['BANNER first line', '  second line']);
  });

  test('pretty: one readable line per record (time, level, message, fields; no pid or host), then printed text', async () => {
    const out = await openLogOutput('pretty', fd);
    out.stream.write(record('database migrated', { applied: ['a', 'b'] }));
    out.stream.write(`${JSON.stringify({ level: 40, time: Date.now(), pid: 1, hostname: 'h', name: 'processing', outboundId: 'o-1', msg: 'push not accepted; will try again' })}\n`);
    out.print('BANNER');
    // Colours follow the terminal (none here, unless the environment forces them); the text is what is read.
    const lines = (await outputEndingWith('BANNER')).replace(/\x1b\[[0-9;]*m/g, '').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: database migrated \{"applied":\["a","b"\]\}$/);
    expect(lines[1]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN \(processing\): push not accepted; will try again \{"outboundId":"o-1"\}$/);
    expect(lines[2]).toBe('BANNER');
    expect(lines.join('\n')).not.toMatch(/4242|host-a/);
  });
});

describe('relayLogger', () => {
  test('hands on records at or above its level, with their fields as JSON text', () => {
    const sent: RelayedLog[] = [];
    const log = relayLogger('warn', (r) => sent.push(r));
    log.debug({ a: 1 }, 'debug');
    log.info({ a: 2 }, 'info');
    log.warn({ outboundId: 'o-1', when: new Date(Date.UTC(2026, 0, 2)) }, 'warned');
    log.error({}, 'failed');
    expect(sent).toEqual([
      { level: 'warn', fields: '{"outboundId":"o-1","when":"2026-01-02T00:00:00.000Z"}', msg: 'warned' },
      { level: 'error', fields: '{}', msg: 'failed' },
    ]);
  });

  test('silent hands on nothing', () => {
    const sent: RelayedLog[] = [];
    const log = relayLogger('silent', (r) => sent.push(r));
    log.error({}, 'failed');
    expect(sent).toEqual([]);
  });

  test('a relayed record is written by the receiving logger at its level, named after its source', () => {
    const written: Array<[string, Record<string, unknown>, string]> = [];
    const at = (level: string) => (fields: Record<string, unknown>, msg: string) => void written.push([level, fields, msg]);
    const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
    relayLogger('info', (r) => writeRelayedLog(logger, 'processing', r)).warn({ eventId: 'e-1' }, 'event processing failed');
    expect(written).toEqual([['warn', { name: 'processing', eventId: 'e-1' }, 'event processing failed']]);
  });
});
