/**
 * The knowledge loop's two forms as posted: a new entry (question forms one a line, the answer in Japanese and
 * optionally in やさしい日本語 and English) and a synonym (a word residents use → the word it means). Pure.
 */
import type { NewFaqEntry } from '../../domain/faq-loop/ports';
import { lines, one } from '../shared/form-fields';

export const QUESTION_MAX = 200;
export const QUESTIONS_MAX = 30;
export const ANSWER_MAX = 1000;
export const WORD_MAX = 30;
/** The longest entry form, in characters (the console's body limit is set from it). */
export const LOOP_FORM_MAX_CHARS = QUESTIONS_MAX * (QUESTION_MAX + 1) + 3 * ANSWER_MAX;

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; values: Record<string, string> };

/** The entry form's fields, as a new entry or the first mistake in plain words. */
export function parseEntryForm(body: unknown): Parsed<NewFaqEntry> {
  const b = (body ?? {}) as Record<string, unknown>;
  const values = { questions: lines(b.questions), answerJa: lines(b.answerJa), answerEasy: lines(b.answerEasy), answerEn: lines(b.answerEn) };
  const fail = (error: string): Parsed<NewFaqEntry> => ({ ok: false, error, values });
  const questions = [...new Set(values.questions.split('\n').map((q) => q.trim()).filter(Boolean))];
  if (questions.length === 0) return fail('質問の言い方を1行に1つ、入力してください。');
  if (questions.length > QUESTIONS_MAX) return fail(`質問の言い方は${QUESTIONS_MAX}行までにしてください。`);
  if (questions.some((q) => [...q].length > QUESTION_MAX)) return fail(`質問の言い方は1行${QUESTION_MAX}文字までにしてください。`);
  if (!values.answerJa) return fail('答え(日本語)を入力してください。');
  for (const [v, label] of [[values.answerJa, '答え(日本語)'], [values.answerEasy, '答え(やさしい日本語)'], [values.answerEn, '答え(英語)']] as const) {
    if ([...v].length > ANSWER_MAX) return fail(`${label}は${ANSWER_MAX}文字までにしてください。`);
  }
  return {
    ok: true,
    value: { questions, answer: { ja: values.answerJa, ...(values.answerEasy ? { 'ja-x-easy': values.answerEasy } : {}), ...(values.answerEn ? { en: values.answerEn } : {}) } },
  };
}

/** The synonym form's fields, as the two words or the first mistake in plain words. */
export function parseSynonymForm(body: unknown): Parsed<{ term: string; means: string }> {
  const b = (body ?? {}) as Record<string, unknown>;
  const values = { term: one(b.term), means: one(b.means) };
  const fail = (error: string): Parsed<{ term: string; means: string }> => ({ ok: false, error, values });
  if (!values.term) return fail('住民が使うことば を入力してください。');
  if (!values.means) return fail('同じ意味のことば を入力してください。');
  if ([...values.term].length > WORD_MAX || [...values.means].length > WORD_MAX) return fail(`ことばは${WORD_MAX}文字までにしてください。`);
  if (values.term === values.means) return fail('2つのことばが同じです。ちがうことばを入力してください。');
  return { ok: true, value: values };
}
