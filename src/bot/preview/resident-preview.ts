/**
 * What a resident would see with settings not saved yet: the real flows run through the real engine with a council
 * view built from the candidate settings, for a resident who agreed and lives in the given district, tapping the
 * given postbacks; the last replies rendered by the real renderer in one language. The modules load their context as
 * for any resident (events, wanted items …: what is in the database now). Nothing is stored or sent.
 */
import type { Language } from '../../domain/language';
import type { SafetyCategory } from '../../domain/safety';
import type { LineMessage } from '../../domain/line-message';
import { step } from '../../flows/engine/step';
import type { CouncilView, FlowContext, FlowState, StepResult } from '../../flows/engine/types';
import type { ProcessorDeps } from '../pipeline/plan-webhook-event';
import { renderOutMessages } from '../render/render-message';

/** One message as the preview shows it: its texts and its buttons' labels. */
export interface PreviewBubble {
  texts: string[];
  buttons: string[];
}

/** A typed message the safety detector found `danger` in (the preview takes the detector's word as given). */
export interface TypedInScenario {
  text: string;
  danger: SafetyCategory;
}

export interface PreviewScenario {
  /** Postback data tapped in turn (`menu=consult`, `cat=elderly`), or a message typed. */
  taps: Array<string | TypedInScenario>;
  districtCode: string | null;
  language: Language;
  now: Date;
}

/** A resident id no row has: module loaders find nothing of their own for it. */
const NOBODY = 'settings-preview';

export async function previewConversation(deps: Pick<ProcessorDeps, 'engine' | 'modules' | 'translator' | 'consentVersion' | 'flowTtlMs'>, council: CouncilView, s: PreviewScenario): Promise<PreviewBubble[]> {
  const loaded = await Promise.all(deps.modules.flatMap((m) => (m.load ? [m.load([NOBODY], s.now, [], [NOBODY]).then((get) => [m.flow.id, get(NOBODY)] as const)] : [])));
  const ctx: FlowContext = {
    thread: null,
    seed: 'preview0',
    danger: null,
    now: s.now,
    resident: { language: s.language, consent: 'granted', districtCode: s.districtCode, topics: [], salons: [], onboarded: true, topicConsents: [] },
    council,
    ttlMs: deps.flowTtlMs,
    consentVersion: deps.consentVersion,
    modules: Object.fromEntries(loaded),
    consentWithdrawal: [],
  };
  let state: FlowState | null = null;
  let last: LineMessage[] = [];
  for (const tap of s.taps) {
    const result: StepResult =
      typeof tap === 'string'
        ? step(deps.engine, state, { kind: 'postback', data: tap }, ctx)
        : step(deps.engine, state, { kind: 'text', text: tap.text, messageId: 'preview' }, { ...ctx, danger: tap.danger });
    state = result.state;
    const out = result.effects.flatMap((e) => (e.type === 'send' ? e.messages : []));
    last = renderOutMessages(out, deps.translator.forLanguage(s.language));
  }
  return last.map(bubbleOf);
}

/** LINE's action objects: their `label` is a button's, their `text` what a tap sends (not shown). */
const ACTIONS = new Set(['postback', 'message', 'uri', 'datetimepicker', 'camera', 'cameraRoll', 'location', 'richmenuswitch', 'clipboard']);

/** The texts and button labels anywhere in a rendered message (text, Flex, template, quick replies), in order. */
function bubbleOf(message: LineMessage): PreviewBubble {
  const texts: string[] = [];
  const buttons: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (typeof o.type === 'string' && ACTIONS.has(o.type)) {
      if (typeof o.label === 'string') buttons.push(o.label);
      return;
    }
    if (typeof o.text === 'string') texts.push(o.text);
    for (const [k, x] of Object.entries(o)) if (k !== 'text' && k !== 'altText') walk(x);
  };
  walk(message);
  return { texts, buttons };
}
