import { CHECK_MARK } from '../../domain/council-profile';
import { msg, type Msg } from '../../domain/message-text';
import type { Chip } from '../../domain/out-message';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { FlowContext, FlowData, StepDef, Transition } from '../engine/types';
import { afterNeed, draftOf, withDraft, type NeedDraft, type NeedQuestion } from './need-draft';

type ListField = 'damage' | 'work' | 'cannotDo' | 'households';

/** A step choosing several of a list: each tap adds or removes one (✓ when chosen), then 決定 — or 該当なし / とばす. */
export interface ToggleSpec {
  q: NeedQuestion & ListField;
  /** The postback key of its taps (`<key>=<code>`, `<key>=done`, `<key>=none`). */
  key: string;
  codes(ctx: FlowContext): string[];
  label(code: string, ctx: FlowContext): Msg;
  prompt(data: FlowData, ctx: FlowContext): Msg[];
  /** The label of the button answering "none of these" (then nothing is chosen); without it, one must be chosen. */
  none?: string;
  /** What follows the answer (the screening told at once, say). */
  then?(t: Transition, ctx: FlowContext): Transition;
}

/** The step for `spec`: tapped one at a time as chips, 決定 and 該当なし as big buttons. */
export function toggleStep(spec: ToggleSpec): StepDef<string> {
  const chosen = (data: FlowData): string[] => (draftOf(data)[spec.q] as string[] | undefined) ?? [];
  const then = (t: Transition, ctx: FlowContext) => (spec.then ? spec.then(t, ctx) : t);
  const set = (data: FlowData, list: string[]) => withDraft(data, { [spec.q]: list } as Partial<NeedDraft>);
  return {
    prompt: (data, ctx) => {
      const picked = chosen(data);
      const chips: Chip[] = spec.codes(ctx).map((c) => {
        const label = spec.label(c, ctx);
        return postbackChip(picked.includes(c) ? msg('disasterNeed:checked', { ...label.params, checkMark: CHECK_MARK, labelKey: label.key }) : label, `${spec.key}=${c}`);
      });
      const buttons = [postbackChip(msg('disasterNeed:done'), `${spec.key}=done`), ...(spec.none ? [postbackChip(msg(spec.none), `${spec.key}=none`)] : [])];
      return [{ lines: [...spec.prompt(data, ctx), msg(picked.length ? 'disasterNeed:chosen' : 'disasterNeed:noneYet', { count: picked.length })], chips, buttons }];
    },
    parse: (input, _data, ctx) => parseChoice(input, spec.key, [...spec.codes(ctx), 'done', ...(spec.none ? ['none'] : [])]),
    next: (v, data, ctx) => {
      if (v === 'none') return then(afterNeed(spec.q, set(data, [])), ctx);
      if (v === 'done') {
        if (!chosen(data).length && !spec.none) return { to: spec.q, data, before: [{ lines: [msg('disasterNeed:chooseOne')] }] };
        return then(afterNeed(spec.q, set(data, chosen(data))), ctx);
      }
      const list = chosen(data);
      return { to: spec.q, data: set(data, list.includes(v) ? list.filter((c) => c !== v) : [...list, v]) };
    },
  };
}
