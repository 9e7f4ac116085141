import { existsSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import kuromoji from 'kuromoji';
import type { Morpheme, Tokenizer } from '../domain/faq/tokenizer';
import { PROJECT_ROOT } from './project-root';

/** kuromoji's dictionary, shipped inside its npm package. */
function dictionaryPath(): string {
  const pkg = createRequire(path.join(PROJECT_ROOT, 'package.json')).resolve('kuromoji/package.json');
  return path.join(path.dirname(pkg), 'dict');
}

const require = createRequire(import.meta.url);

/**
 * kuromoji keeps its word-id → token-ids table as one JS object with an array per word (some 390,000 of them): about
 * 70 MB of heap, too much for the processing worker's bounded heap. This reads the same file into two typed arrays
 * (offsets and ids, a few MB outside the heap) and answers the same lookups through a proxy; lookups stay exact.
 */
function compactTargetMap(): void {
  const dictionary = require('kuromoji/src/dict/TokenInfoDictionary.js') as { prototype: { loadTargetMap(bytes: Uint8Array): unknown; target_map: unknown } };
  dictionary.prototype.loadTargetMap = function loadTargetMap(this: { target_map: unknown }, bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The file: a count, then [key, n, n ids] records (little-endian int32), as kuromoji's own reader takes it.
    const records = (visit: (key: number, at: number, n: number) => void) => {
      for (let at = 4; at + 8 <= bytes.byteLength; ) {
        const key = view.getInt32(at, true);
        const n = view.getInt32(at + 4, true);
        visit(key, at + 8, n);
        at += 8 + 4 * n;
      }
    };
    let maxKey = 0;
    let total = 0;
    records((key, _at, n) => {
      if (key > maxKey) maxKey = key;
      total += n;
    });
    const counts = new Int32Array(maxKey + 2);
    records((key, _at, n) => void (counts[key + 1]! += n));
    for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
    const offsets = counts;
    const fill = offsets.slice();
    const ids = new Int32Array(total);
    records((key, at, n) => {
      for (let i = 0; i < n; i++) ids[fill[key]!++] = view.getInt32(at + 4 * i, true);
    });
    const empty = new Int32Array(0);
    this.target_map = new Proxy(
      {},
      {
        get(_target, prop) {
          const key = typeof prop === 'string' ? Number(prop) : NaN;
          return Number.isInteger(key) && key >= 0 && key <= maxKey ? ids.subarray(offsets[key]!, offsets[key + 1]!) : empty;
        },
      },
    );
    return this;
  };
}

/**
 * Files kuromoji reads byte by byte that ship padded with zeros to a power of two (tid.dat: 3.9 of 10.5 MB used;
 * tid_pos.dat 36 of 42 MB; unk*.dat a few hundred bytes of 1–10 MB). Its reader stops at the end of the buffer as it
 * stops at the padding, so the padding is cut off (to 4 bytes after the last non-zero byte, a multiple of 4).
 * unk_invoke's padding would otherwise also become some 150,000 empty character classes on the heap.
 */
const PADDED = new Set(['tid.dat.gz', 'tid_pos.dat.gz', 'unk.dat.gz', 'unk_pos.dat.gz', 'unk_map.dat.gz', 'unk_compat.dat.gz', 'unk_invoke.dat.gz']);

/**
 * The part-of-speech file (tid_pos.dat: 36 MB of feature lines, read only for the few words of each answer's best
 * path) stays on disk: it is unpacked once into a file in the temporary folder, named by kuromoji's version and reused
 * by every thread and restart, and each feature line is read from it by position (a read of a few hundred bytes from
 * the page cache, a few per question). The process keeps 36 MB less.
 */
const FEATURES_FILE = 'tid_pos.dat.gz';
let featuresFd: number | undefined;

function featuresOnDisk(gzFile: string): number {
  if (featuresFd !== undefined) return featuresFd;
  const version = (require('kuromoji/package.json') as { version: string }).version;
  const gz = readFileSync(gzFile);
  const size = gz.readUInt32LE(gz.length - 4);
  const file = path.join(tmpdir(), `tsunagu-kuromoji-${version}-tid_pos-${size}.dat`);
  if (!existsSync(file) || statSync(file).size !== size) {
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, gunzipSync(gz, { chunkSize: Math.max(64 * 1024, size) }));
    renameSync(partial, file);
  }
  featuresFd = openSync(file, 'r');
  return featuresFd;
}

/** kuromoji's `ByteBuffer.getString` over the file: the zero-terminated UTF-8 line starting at `index`. */
function featureLines(fd: number) {
  let scratch = Buffer.alloc(512);
  return {
    getString(index: number): string {
      for (;;) {
        const n = readSync(fd, scratch, 0, scratch.length, index);
        const end = scratch.subarray(0, n).indexOf(0);
        if (end >= 0 || n < scratch.length) return scratch.toString('utf8', 0, end >= 0 ? end : n);
        scratch = Buffer.alloc(scratch.length * 2);
      }
    },
  };
}

function featuresFromDisk(): void {
  const dictionary = require('kuromoji/src/dict/TokenInfoDictionary.js') as { prototype: { loadPosVector(bytes: Uint8Array): unknown; pos_buffer: unknown } };
  const inMemory = dictionary.prototype.loadPosVector;
  // The unknown-word dictionary inherits this method and loads its own small file (unk_pos.dat) in memory as before;
  // only the token dictionary's file arrives empty (the loader unpacked it to disk).
  dictionary.prototype.loadPosVector = function loadPosVector(this: { pos_buffer: unknown }, bytes: Uint8Array) {
    if (bytes.byteLength > 0) return inMemory.call(this, bytes);
    if (featuresFd === undefined) throw new Error('kuromoji: the feature file was not unpacked');
    this.pos_buffer = featureLines(featuresFd);
    return this;
  };
}

/**
 * kuromoji's Node loader gunzips each file in chunks and then copies it once more into a typed array, so every file
 * is held two or three times while the tokenizer is built; the freed memory mostly stays with the process. This
 * loader decompresses each file once into a buffer of its exact size (gzip stores it in its last four bytes) and
 * cuts the padding, moving (not copying) the bytes where the engine allows.
 */
function leanDictionaryLoader(): void {
  const loader = require('kuromoji/src/loader/NodeDictionaryLoader.js') as { prototype: { loadArrayBuffer(file: string, callback: (err: Error | null, buffer?: ArrayBuffer) => void): void } };
  loader.prototype.loadArrayBuffer = function loadArrayBuffer(file, callback) {
    let buffer: ArrayBuffer;
    try {
      if (path.basename(file) === FEATURES_FILE) {
        featuresOnDisk(file);
        callback(null, new ArrayBuffer(0));
        return;
      }
      const gz = readFileSync(file);
      const size = gz.readUInt32LE(gz.length - 4);
      const plain = gunzipSync(gz, { chunkSize: Math.max(64 * 1024, size) });
      const used = PADDED.has(path.basename(file)) ? Math.min(plain.length, (lastNonZero(plain) + 1 + 4 + 3) & ~3) : plain.length;
      const whole = plain.byteOffset === 0 && plain.buffer.byteLength === plain.length;
      buffer = whole ? (plain.buffer as ArrayBuffer).transfer(used) : plain.buffer.slice(plain.byteOffset, plain.byteOffset + used);
    } catch (e) {
      callback(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    callback(null, buffer);
  };
}

function lastNonZero(bytes: Uint8Array): number {
  let i = bytes.length - 1;
  while (i >= 0 && bytes[i] === 0) i--;
  return i;
}

/** The FAQ tokenizer over kuromoji (IPADIC): dictionary form, part of speech and reading of each morpheme. */
export class KuromojiTokenizer implements Tokenizer {
  constructor(private readonly inner: kuromoji.Tokenizer<kuromoji.IpadicFeatures>) {}

  tokenize(text: string): Morpheme[] {
    return this.inner.tokenize(text).map((t) => ({ surface: t.surface_form, base: t.basic_form, pos: t.pos, posDetail: t.pos_detail_1, reading: t.reading }));
  }
}

let building: Promise<KuromojiTokenizer> | null = null;

/**
 * The process's one tokenizer, built on first use (about 0.5 s; the dictionary lives mostly in array buffers outside
 * the JS heap, see docs/performance.md) and shared after. A failed build is retried on the next call.
 */
export function kuromojiTokenizer(): Promise<KuromojiTokenizer> {
  if (!building) {
    compactTargetMap();
    featuresFromDisk();
    leanDictionaryLoader();
  }
  building ??= new Promise<KuromojiTokenizer>((resolve, reject) => {
    kuromoji.builder({ dicPath: dictionaryPath() }).build((err, tokenizer) => (err ? reject(err) : resolve(new KuromojiTokenizer(tokenizer))));
  }).catch((e: unknown) => {
    building = null;
    throw e;
  });
  return building;
}
