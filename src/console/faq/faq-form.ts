import { STARTS_WITH_PATTERN, type FaqEntry } from '../../domain/faq/entry';
import type { FaqEntryInput } from '../../domain/faq/store';
import { countGraphemes, LABEL_MAX_GRAPHEMES } from '../../domain/graphemes';
import { MORE_LANGUAGES, moreField, moreLanguageValues, readMoreLanguages } from '../shared/language-texts';

export const QUESTIONS_MAX = 50;
/** The prefix of the answer's fields in the languages beyond Japanese, easy Japanese and English (`answer_vi`). */
const ANSWER_PREFIX = 'answer';
export const ANSWER_MAX = 1000;

/** The entry form's fields as posted (and as shown again after an error). */
export interface FaqFormValues {
  questions: string;
  answerJa: string;
  answerEasy: string;
  answerEn: string;
  links: string;
  startsWith: string;
  districts: string[];
  validFrom: string;
  validUntil: string;
  active: boolean;
  /** The answer in the languages beyond the three above, by field name (`answer_vi`). */
  more: Record<string, string>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const lines = (v: string): string[] => v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

/** The posted body as form values. */
export function formValues(body: unknown): FaqFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  const districts = Array.isArray(b.districts) ? b.districts.map(str) : b.districts ? [str(b.districts)] : [];
  return {
    questions: str(b.questions),
    answerJa: str(b.answerJa),
    answerEasy: str(b.answerEasy),
    answerEn: str(b.answerEn),
    links: str(b.links),
    startsWith: str(b.startsWith),
    districts: districts.filter(Boolean),
    validFrom: str(b.validFrom),
    validUntil: str(b.validUntil),
    active: b.active === 'on' || b.active === 'true',
    more: Object.fromEntries(MORE_LANGUAGES.map((l) => [moreField(ANSWER_PREFIX, l), str(b[moreField(ANSWER_PREFIX, l)])])),
  };
}

/** An entry as the form shows it. */
export function valuesOf(e: FaqEntry | null): FaqFormValues {
  if (!e) return { questions: '', answerJa: '', answerEasy: '', answerEn: '', links: '', startsWith: '', districts: [], validFrom: '', validUntil: '', active: true, more: {} };
  return {
    questions: e.questions.join('\n'),
    answerJa: e.answer.ja,
    answerEasy: e.answer['ja-x-easy'] ?? '',
    answerEn: e.answer.en ?? '',
    links: e.links.map((l) => `${l.label} | ${l.uri}`).join('\n'),
    startsWith: e.startsWith ?? '',
    districts: e.districts,
    validFrom: e.validFrom ?? '',
    validUntil: e.validUntil ?? '',
    active: e.active,
    more: moreLanguageValues(ANSWER_PREFIX, e.answer),
  };
}

/** Parses the entry form: the entry, or the first problem in words staff understand. */
export function parseFaqForm(v: FaqFormValues, allowed: { startsWith: readonly string[]; districts: readonly string[] }): { ok: true; entry: FaqEntryInput } | { ok: false; error: string } {
  const questions = lines(v.questions);
  if (questions.length === 0) return { ok: false, error: '質問の言い方を1行に1つ、少なくとも1つ入力してください。' };
  if (questions.length > QUESTIONS_MAX) return { ok: false, error: `質問の言い方は${QUESTIONS_MAX}個までにしてください。` };
  const ja = v.answerJa.trim();
  if (!ja) return { ok: false, error: '答え(日本語)を入力してください。' };
  for (const [name, a] of [['日本語', ja], ['やさしい日本語', v.answerEasy], ['英語', v.answerEn]] as const) if (a.trim().length > ANSWER_MAX) return { ok: false, error: `答え(${name})は${ANSWER_MAX}文字までにしてください。` };
  const more = readMoreLanguages(v.more, ANSWER_PREFIX, ANSWER_MAX, '答え');
  if (!more.ok) return { ok: false, error: `${more.error}。` };
  const links = [];
  for (const line of lines(v.links)) {
    const [label, uri] = line.split('|').map((s) => s.trim());
    if (!label || !uri || !/^(https?:\/\/|tel:)\S+$/.test(uri)) return { ok: false, error: `リンクは「ボタンの名前 | https://…」の形で1行に1つ入力してください(「${line}」)。` };
    if (countGraphemes(label) > LABEL_MAX_GRAPHEMES) return { ok: false, error: `リンクのボタンの名前は${LABEL_MAX_GRAPHEMES}文字までです(「${label}」)。` };
    links.push({ label, uri });
  }
  if (links.length > 3) return { ok: false, error: 'リンクは3つまでにしてください。' };
  const startsWith = v.startsWith.trim();
  if (startsWith && (!STARTS_WITH_PATTERN.test(startsWith) || !allowed.startsWith.includes(startsWith))) return { ok: false, error: '「答えのあとに始める手続き」を一覧から選んでください。' };
  const unknown = v.districts.find((d) => !allowed.districts.includes(d));
  if (unknown) return { ok: false, error: '地区を一覧から選んでください。' };
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if ((v.validFrom && !day.test(v.validFrom)) || (v.validUntil && !day.test(v.validUntil))) return { ok: false, error: '期間は日付で入力してください。' };
  if (v.validFrom && v.validUntil && v.validFrom > v.validUntil) return { ok: false, error: '期間の終わりは始まりより後にしてください。' };
  const easy = v.answerEasy.trim();
  const en = v.answerEn.trim();
  return {
    ok: true,
    entry: {
      questions,
      answer: { ja, ...(easy ? { 'ja-x-easy': easy } : {}), ...(en ? { en } : {}), ...more.texts },
      links,
      startsWith: startsWith || null,
      districts: v.districts,
      validFrom: v.validFrom || null,
      validUntil: v.validUntil || null,
      active: v.active,
    },
  };
}
