import { LANGUAGE_INFO, type Language } from '../../domain/language';
import { helplineTopicsFor, type SafetyCategory } from '../../domain/safety';
import { msg, type Msg } from '../../domain/message-text';
import { telUri } from '../../domain/phone';
import type { Chip, OutMessage } from '../../domain/out-message';
import type { FlowContext } from '../engine/types';

/** At most this many helplines, so the reply stays short enough to read in a crisis. */
const MAX_HELPLINES = 3;

/**
 * The calm reply to a message that signals danger: a short acknowledgement, the emergency numbers, the
 * helplines for the danger's topics (from the profile), and that staff have been told. Tap-to-call buttons.
 * It never claims to be an emergency line.
 */
export function safetyReply(category: SafetyCategory, ctx: FlowContext): OutMessage[] {
  const lang = ctx.resident.language;
  const helplines = helplinesFor(category, ctx.council.emergency.helplines, lang);
  const body: Msg[] = [
    msg(`handoff:safety.lead.${category}`),
    msg('handoff:safety.emergency', { police: ctx.council.emergency.police, fire: ctx.council.emergency.fireAmbulance }),
    ...helplines.map((h) =>
      h.languages?.includes(lang)
        ? msg('handoff:safety.helplineInLanguage', { name: h.name[lang], phone: h.phone, hours: h.hours[lang], language: LANGUAGE_INFO[lang].endonym })
        : msg('handoff:safety.helpline', { name: h.name[lang], phone: h.phone, hours: h.hours[lang] }),
    ),
    msg('handoff:safety.staffTold', { phone: ctx.council.phone }),
  ];
  const call: Chip[] = [
    { kind: 'uri', label: msg('handoff:safety.call', { name: ctx.council.emergency.fireAmbulance }), uri: telUri(ctx.council.emergency.fireAmbulance) },
    { kind: 'uri', label: msg('handoff:safety.call', { name: ctx.council.emergency.police }), uri: telUri(ctx.council.emergency.police) },
    ...helplines.map((h): Chip => ({ kind: 'uri', label: msg('handoff:safety.callShort', { phone: h.phone }), uri: telUri(h.phone) })),
  ];
  return [{ lines: body, chips: call }];
}

type Helpline = FlowContext['council']['emergency']['helplines'][number];

/**
 * The helplines a safety reply names, at most `MAX_HELPLINES`: those serving the danger's topics (else the general
 * ones) among the lines the resident can use — Japanese lines, and foreign-language lines of their language. A line in
 * the resident's own language comes first; when none serves the topics, their language's general line is added first.
 * A number already named is not named again.
 */
export function helplinesFor(category: SafetyCategory, all: readonly Helpline[], lang: Language): Helpline[] {
  const topics = helplineTopicsFor(category);
  const usable = all.filter((h) => !h.languages || h.languages.includes(lang));
  const topical = usable.filter((h) => h.for.some((t) => topics.includes(t)));
  const chosen = topical.length ? topical : usable.filter((h) => h.for.includes('general'));
  const own = (h: Helpline) => h.languages?.includes(lang) ?? false;
  const ownGeneral = chosen.some(own) ? [] : usable.filter((h) => own(h) && h.for.includes('general'));
  const ordered = [...ownGeneral, ...chosen.filter(own), ...chosen.filter((h) => !own(h))];
  // One number once: a line's foreign-language service often shares the number of its Japanese one.
  return ordered.filter((h, i) => ordered.findIndex((o) => o.phone === h.phone) === i).slice(0, MAX_HELPLINES);
}
