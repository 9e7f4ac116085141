import { DONATION_KINDS, type DonationKind } from '../../domain/donation';
import { msg, type Msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { Flow, FlowContext, StepDef, Transition } from '../engine/types';
import { consentGranted, consentStep } from '../onboarding/consent-step';
import { applianceSteps } from './appliance-steps';
import { contactSteps } from './contact-steps';
import { foodSteps } from './food-steps';
import { giftStart, giftSteps } from './gift-steps';
import { summarySteps } from './summary-steps';
import { donationsContext } from './module-context';

/** The first question about the gift itself. */
const FIRST_STEP: Record<DonationKind, string> = { money: 'purpose', goods: 'purpose', food: 'foodCategory', appliance: 'applianceKind' };

const kind: StepDef<DonationKind> = {
  prompt: () => [{ lines: [msg('donate:kind.prompt'), msg('donate:kind.about')], buttons: DONATION_KINDS.map((k) => postbackChip(msg(`donate:kind.${k}`), `dk=${k}`)) }],
  parse: (input) => parseChoice(input, 'dk', DONATION_KINDS),
  next: (v, _data, ctx): Transition => (FIRST_STEP[v] === 'purpose' ? giftStart({ offer: { kind: v } }, ctx) : { to: FIRST_STEP[v], data: { offer: { kind: v } } }),
};

/** The most wanted items shown; a longer list ends with how many more there are. */
export const WANTED_SHOWN_MAX = 10;
/**
 * UTF-16 units the shown items' names and notes may take together. LINE refuses a text over 5,000 units (the
 * whole section would then fail for everyone); this leaves ample room for the title, the 「ほか N 件」 line
 * and each item's wording in any language (counted as `WANTED_ITEM_OVERHEAD` per item).
 */
export const WANTED_TEXT_BUDGET = 3000;
const WANTED_ITEM_OVERHEAD = 16;

/**
 * The council's wanted items, shown to everyone who opens the section (no personal data needed to read it):
 * the first ones in the council's order that fit `WANTED_SHOWN_MAX` and `WANTED_TEXT_BUDGET`, then how many
 * more there are.
 */
function wantedLines(ctx: FlowContext): Msg[] {
  const { wanted } = donationsContext(ctx);
  if (!wanted.length) return [];
  const shown: Msg[] = [];
  let used = 0;
  for (const w of wanted) {
    used += w.name.length + (w.note?.length ?? 0) + WANTED_ITEM_OVERHEAD;
    if (shown.length === WANTED_SHOWN_MAX || used > WANTED_TEXT_BUDGET) break;
    shown.push(w.note ? msg('donate:wanted.itemWithNote', { name: w.name, note: w.note }) : msg('donate:wanted.item', { name: w.name }));
  }
  const more = wanted.length - shown.length;
  return [msg('donate:wanted.title'), ...shown, ...(more > 0 ? [msg('donate:wanted.more', { count: more })] : [])];
}

function start(ctx: FlowContext): Transition {
  if (!ctx.council.donations) return { end: true, messages: [{ lines: [msg('menu:notReady.donate')] }], then: 'menu' };
  const wanted = wantedLines(ctx);
  const intro = [{ lines: [msg('donate:intro')] }, ...(wanted.length ? [{ lines: wanted }] : [])];
  if (ctx.resident.consent !== 'granted') return { to: 'consent', data: {}, before: [...intro, { lines: [msg('donate:consentNeeded')] }] };
  return { to: 'kind', data: {}, before: intro };
}

/**
 * Donation offers (menu 寄付・寄贈), after consent to keeping the donor's name and contact: money or goods for the
 * goodwill bank, optionally designated to a purpose of the allocation plan (gift-steps.ts); food for the food
 * drive, each item judged at once against the food rules (food-steps.ts); or an appliance or furniture with a
 * required photo (appliance-steps.ts). Then name, contact and a hand-over window, with a pick-up address
 * (contact-steps.ts), and a summary with fixes that sends the offer with a D- reference number (summary-steps.ts).
 * Declining consent, stopping, or food the drive cannot take stores nothing.
 */
export const donateFlow: Flow = {
  id: 'donate',
  version: 1,
  start,
  steps: {
    consent: consentStep(
      (answer, data, ctx) =>
        answer === 'no'
          ? { end: true, messages: [{ lines: [msg('donate:consentDeclined', { phone: ctx.council.phone })] }], then: 'menu' }
          : { to: 'kind', data, effects: [{ type: 'updateResident', patch: consentGranted(ctx) }] },
      'consent',
    ),
    kind,
    ...giftSteps,
    ...foodSteps,
    ...applianceSteps,
    ...contactSteps,
    ...summarySteps,
  },
};
