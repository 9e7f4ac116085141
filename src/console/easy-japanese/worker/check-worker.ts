/**
 * The browser side of the やさしい日本語 check, run as a dedicated worker so the page stays responsive while the
 * dictionary (about 17 MB, fetched once from the service and kept by the browser) loads: it answers `check` with the
 * domain checker's report and `readings` with the text with readings added. Bundled by esbuild when served.
 */
import { addReadings, checkEasyJapanese, RULE_NAMES, type EasyJapaneseReport, type ReadingScope } from '../../../domain/easy-japanese';
import type { Morpheme, Tokenizer } from '../../../domain/faq/tokenizer';

interface KuromojiToken {
  surface_form: string;
  basic_form: string;
  pos: string;
  pos_detail_1: string;
  reading?: string;
}
interface Kuromoji {
  builder(options: { dicPath: string }): { build(callback: (err: Error | null, tokenizer: { tokenize(text: string): KuromojiToken[] }) => void): void };
}
interface WorkerScope {
  importScripts(...urls: string[]): void;
  postMessage(message: unknown): void;
  onmessage: ((event: { data: Request }) => void) | null;
  kuromoji: Kuromoji;
}
type Request = { id: number; kind: 'check'; text: string } | { id: number; kind: 'readings'; text: string; scope: ReadingScope };

const scope = globalThis as unknown as WorkerScope;
scope.importScripts('/console/assets/kuromoji.js');

const tokenizer: Promise<Tokenizer> = new Promise((resolve, reject) => {
  scope.kuromoji.builder({ dicPath: '/console/easy-japanese/dict/' }).build((err, t) => {
    if (err) return reject(err);
    resolve({
      tokenize: (text: string): Morpheme[] => t.tokenize(text).map((m) => ({ surface: m.surface_form, base: m.basic_form, pos: m.pos, posDetail: m.pos_detail_1, reading: m.reading })),
    });
  });
});

/** The report with each finding's rule named for staff (the page shows the name). */
const named = (report: EasyJapaneseReport) => ({ ...report, findings: report.findings.map((f) => ({ ...f, ruleName: RULE_NAMES[f.rule] })) });

scope.onmessage = (event) => {
  const request = event.data;
  tokenizer
    .then((t) => (request.kind === 'check' ? { id: request.id, report: named(checkEasyJapanese(request.text, t)) } : { id: request.id, text: addReadings(request.text, t, request.scope) }))
    .then((answer) => scope.postMessage(answer))
    .catch((e: unknown) => scope.postMessage({ id: request.id, error: String(e) }));
};
