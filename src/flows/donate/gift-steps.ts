import { parseYen } from '../../domain/donation';
import { msg } from '../../domain/message-text';
import { choiceChip, postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { FlowContext, FlowData, Parsed, StepDef, Transition } from '../engine/types';
import { currentPlan, DESCRIPTION_MAX, draftOf, fiscalYearNow, onward, typedText, withDraft } from './draft';

/** The code of 「おまかせ」: a general gift (一般預託) the committee allocates. */
export const GENERAL_PURPOSE = 'general';

/**
 * What the gift is for: a purpose of this year's allocation plan (指定預託), or left to the committee. Reached
 * without a plan for the year (a fix from the summary), only the general gift is offered.
 */
const purpose: StepDef<string> = {
  prompt: (_data, ctx) => {
    const plan = currentPlan(ctx);
    const lang = ctx.resident.language;
    const general = postbackChip(msg('donate:purpose.general'), `dpu=${GENERAL_PURPOSE}`);
    if (!plan) return [{ lines: [msg('donate:purpose.noPlan', { year: fiscalYearNow(ctx) })], buttons: [general] }];
    return [
      {
        lines: [msg('donate:purpose.prompt'), msg('donate:purpose.plan', { year: plan.fiscalYear }), ...plan.purposes.map((p) => msg('donate:purpose.planItem', { name: p.name[lang], budget: p.budgetYen }))],
        buttons: [...plan.purposes.map((p) => choiceChip(p, ctx, `dpu=${p.code}`)), general],
      },
    ];
  },
  parse: (input, _data, ctx) => parseChoice(input, 'dpu', [...(currentPlan(ctx)?.purposes ?? []).map((p) => p.code), GENERAL_PURPOSE]),
  next: (v, data) => afterPurpose(data, v === GENERAL_PURPOSE ? null : v),
};

/** After the purpose (or without a plan to choose from): the amount for money, the description for goods. */
function afterPurpose(data: FlowData, purposeCode: string | null): Transition {
  return onward(draftOf(data).kind === 'money' ? 'amount' : 'description', withDraft(data, { purpose: purposeCode }));
}

/**
 * Where money and goods start: the purpose, or — in a fiscal year without an allocation plan — straight on as a
 * general gift, saying so.
 */
export function giftStart(data: FlowData, ctx: FlowContext): Transition {
  if (currentPlan(ctx)) return { to: 'purpose', data };
  const next = afterPurpose(data, null);
  return 'to' in next ? { ...next, before: [{ lines: [msg('donate:purpose.noPlan', { year: fiscalYearNow(ctx) })] }] } : next;
}

/** How much money, in yen, as typed (「1万円」 and 「10,000」 both work). */
const amount: StepDef<number> = {
  prompt: () => [{ lines: [msg('donate:amount.prompt'), msg('donate:amount.how')] }],
  parse: (input): Parsed<number> => {
    const yen = input.kind === 'text' ? parseYen(input.text) : null;
    return yen ? { ok: true, value: yen } : { ok: false, error: msg('donate:amount.invalid') };
  },
  next: (v, data) => onward('name', withDraft(data, { amountYen: v })),
};

/** What the goods are, in a few words. */
const description: StepDef<string> = {
  prompt: () => [{ lines: [msg('donate:description.prompt')] }],
  parse: (input): Parsed<string> => {
    const typed = typedText(input);
    return typed && typed.length <= DESCRIPTION_MAX ? { ok: true, value: typed } : { ok: false, error: msg('donate:description.invalid', { max: DESCRIPTION_MAX }) };
  },
  next: (v, data) => onward('name', withDraft(data, { description: v })),
};

/** The steps for money and goods given to the goodwill bank. */
export const giftSteps: Record<string, StepDef<any>> = { purpose, amount, description };
