import { INTEREST_TOPICS } from '../../domain/council-profile';
import { LANGUAGES, type Language } from '../../domain/language';
import { msg } from '../../domain/message-text';
import type { Chip } from '../../domain/out-message';
import type { FlowContext, FlowData, Parsed, StepDef, Transition } from '../engine/types';
import { parsePhone } from '../../domain/consultation';
import { chipPage, pageTap } from './chip-pages';
import { choiceChip, languageChoiceChips, postbackChip } from './messages';
import { parseChoice, postbackValue } from './parse';

/** Asks for the resident's language (postback `lang=<code>`). */
export function languageStep(next: (lang: Language, data: FlowData, ctx: FlowContext) => Transition): StepDef<Language> {
  return {
    prompt: () => [{ lines: [msg('common:language.prompt')], chips: languageChoiceChips((l) => `lang=${l}`) }],
    parse: (input) => parseChoice(input, 'lang', LANGUAGES),
    next,
  };
}

type DistrictAnswer = { district: string | null } | { page: number } | { change: true };

/** What a district question says about itself: why this flow asks, and the district already known, if any. */
export interface DistrictQuestion {
  /** Message key saying why the district is asked here (onboarding's: salons and events nearby). */
  why?: string;
  /** The district to offer first (the resident's, or one given earlier), or null to list them all. */
  known?: (data: FlowData, ctx: FlowContext) => string | null;
}

/**
 * Asks for the resident's 地区 (optional), paging through the council's districts. A district already known is
 * offered on its own, with a way to choose another (`dchange=1`, then the list is shown).
 */
export function districtStep(next: (district: string | null, data: FlowData, ctx: FlowContext) => Transition, stepName: string, question: DistrictQuestion = {}): StepDef<DistrictAnswer> {
  const why = msg(question.why ?? 'onboarding:district.why');
  return {
    prompt: (data, ctx) => {
      const lang = ctx.resident.language;
      const code = data.districtChoosing ? null : question.known?.(data, ctx);
      const known = ctx.council.districts.find((d) => d.code === code);
      if (known) {
        const buttons = [postbackChip(msg('common:district.keep'), `d=${known.code}`), postbackChip(msg('common:district.change'), 'dchange=1')];
        return [{ lines: [msg('common:district.known', { district: known.name[lang] }), why], buttons }];
      }
      const options = ctx.council.districts.map((d) => choiceChip(d, ctx, `d=${d.code}`));
      const chips = chipPage(options, Number(data.districtPage ?? 0), 'dpage');
      chips.push(postbackChip(msg('common:nav.skip'), 'd=skip'));
      return [{ lines: [msg('onboarding:district.prompt'), why], chips }];
    },
    parse: (input, _data, ctx) => {
      const page = pageTap(input, 'dpage');
      if (page !== null) return { ok: true, value: { page } };
      if (postbackValue(input, 'dchange') !== null) return { ok: true, value: { change: true } };
      const codes = ['skip', ...ctx.council.districts.map((d) => d.code)];
      const chosen = parseChoice(input, 'd', codes);
      if (chosen.ok) return { ok: true, value: { district: chosen.value === 'skip' ? null : chosen.value } };
      // Typing the district's name works too, in any language.
      if (input.kind === 'text') {
        const typed = input.text.normalize('NFKC').trim();
        const hit = ctx.council.districts.find((d) => [...Object.values(d.name), ...Object.values(d.label)].some((n) => n.normalize('NFKC') === typed));
        if (hit) return { ok: true, value: { district: hit.code } };
      }
      return chosen;
    },
    next: (answer, data, ctx) => {
      if ('change' in answer) return { to: stepName, data: { ...data, districtChoosing: true } };
      if ('page' in answer) return { to: stepName, data: { ...data, districtPage: answer.page } };
      const { districtChoosing: _choosing, ...rest } = data;
      return next(answer.district, rest, ctx);
    },
  };
}

type TopicAnswer = { toggle: string } | { done: true };

/** Multi-select of interest topics: each tap toggles one; 「決定」 finishes. Selection lives in `data.topics`. */
export function topicsStep(next: (topics: string[], data: FlowData, ctx: FlowContext) => Transition, stepName: string): StepDef<TopicAnswer> {
  return {
    prompt: (data) => {
      const selected = new Set(selectedTopics(data));
      const chips: Chip[] = INTEREST_TOPICS.map((t) => postbackChip(msg(`common:topic.${t}.${selected.has(t) ? 'on' : 'off'}`), `t=${t}`));
      chips.push(postbackChip(msg('common:nav.done'), 't=done'));
      return [{ lines: [msg('onboarding:topics.prompt'), msg('onboarding:topics.how')], chips }];
    },
    parse: (input) => {
      const v = parseChoice(input, 't', [...INTEREST_TOPICS, 'done']);
      if (!v.ok) return v;
      return { ok: true, value: v.value === 'done' ? { done: true } : { toggle: v.value } };
    },
    next: (answer, data, ctx) => {
      if ('done' in answer) return next(selectedTopics(data), data, ctx);
      const current = new Set(selectedTopics(data));
      if (current.has(answer.toggle)) current.delete(answer.toggle);
      else current.add(answer.toggle);
      // Keep the profile's order so stored values are stable.
      return { to: stepName, data: { ...data, topics: INTEREST_TOPICS.filter((t) => current.has(t)) } };
    },
  };
}

function selectedTopics(data: FlowData): string[] {
  return Array.isArray(data.topics) ? data.topics.filter((t): t is string => typeof t === 'string') : [];
}

/**
 * Asks for a phone number to reach the resident on, or "LINE only" with a button (postback `<key>=line`). The
 * number is read as typed on a phone (full-width digits, hyphens); `keys` are the prompt, button and error texts.
 */
export function phoneOrLineStep(key: string, keys: { prompt: string; lineOnly: string; invalid: string }, next: (phone: string | null, data: FlowData, ctx: FlowContext) => Transition): StepDef<string | null> {
  return {
    prompt: () => [{ lines: [msg(keys.prompt)], buttons: [postbackChip(msg(keys.lineOnly), `${key}=line`)] }],
    parse: (input): Parsed<string | null> => {
      if (postbackValue(input, key) === 'line') return { ok: true, value: null };
      const digits = input.kind === 'text' ? parsePhone(input.text) : null;
      return digits ? { ok: true, value: digits } : { ok: false, error: msg(keys.invalid) };
    },
    next,
  };
}
