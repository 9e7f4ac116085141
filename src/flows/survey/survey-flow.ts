import { msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { postbackValue } from '../common/parse';
import type { Flow, Parsed, StepDef } from '../engine/types';

/** The longest survey comment kept. */
export const MAX_SURVEY_COMMENT = 1000;

const SCORES = ['1', '2', '3', '4', '5'] as const;

const score: StepDef<number | null> = {
  prompt: () => [
    {
      lines: [msg('survey:score.prompt'), msg('survey:score.scale')],
      buttons: [...[...SCORES].reverse().map((s) => postbackChip(msg(`survey:score.${s}`), `score=${s}`)), postbackChip(msg('survey:skip'), 'score=skip')],
    },
  ],
  parse: (input): Parsed<number | null> => {
    const v = postbackValue(input, 'score') ?? (input.kind === 'text' ? input.text.normalize('NFKC').trim() : null);
    if (v === 'skip') return { ok: true, value: null };
    if (v && (SCORES as readonly string[]).includes(v)) return { ok: true, value: Number(v) };
    return { ok: false, error: msg('common:pleaseTap') };
  },
  next: (value, data) =>
    value === null
      ? { end: true, messages: [{ lines: [msg('survey:thanks')] }], then: 'menu' }
      : { to: 'comment', data: { ...data, score: value } },
};

const comment: StepDef<string | null> = {
  prompt: () => [{ lines: [msg('survey:comment.prompt')], buttons: [postbackChip(msg('survey:comment.none'), 'comment=none')] }],
  parse: (input): Parsed<string | null> => {
    if (postbackValue(input, 'comment') === 'none') return { ok: true, value: null };
    if (input.kind === 'text' && input.text.trim()) return { ok: true, value: input.text.trim().slice(0, MAX_SURVEY_COMMENT) };
    return { ok: false, error: msg('common:pleaseTap') };
  },
  next: (value, data) => ({
    end: true,
    effects: [{ type: 'recordSurvey', conversationId: String(data.conversationId ?? ''), score: Number(data.score), comment: value }],
    messages: [{ lines: [msg('survey:thanks')] }],
    then: 'menu',
  }),
};

/**
 * The satisfaction survey after staff close a thread: a score from 1 to 5 (or no answer) and an optional
 * comment. The console starts it at `score` when it closes the thread; it is never started from the menu.
 */
export const surveyFlow: Flow = {
  id: 'survey',
  version: 1,
  start: () => ({ to: 'score', data: {} }),
  steps: { score, comment },
};
