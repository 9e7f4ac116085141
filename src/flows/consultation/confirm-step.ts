import { msg, type Msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { parseChoice } from '../common/parse';
import type { FlowContext, FlowData, StepDef, Transition } from '../engine/types';
import { chosenCategory } from './category-step';

/** Characters of the description repeated in the summary. */
export const SUMMARY_DESCRIPTION = 800;

/** Answers the resident can fix from the summary, in the order asked. */
export const FIXABLE = ['forWhom', 'district', 'contact', 'contactTime', 'urgency', 'description'] as const;

/** The summary lines: every answer in the resident's language. */
export function summaryLines(data: FlowData, ctx: FlowContext): Msg[] {
  const lang = ctx.resident.language;
  const district = ctx.council.districts.find((d) => d.code === data.district);
  const time = String(data.contactTime ?? '');
  const full = Array.isArray(data.description) ? data.description.join('\n') : '';
  // The summary bubble must stay within LINE's 5,000-character text limit; staff get the whole text.
  const description = full.length > SUMMARY_DESCRIPTION ? `${full.slice(0, SUMMARY_DESCRIPTION)}…` : full;
  const photoCount = Array.isArray(data.photos) ? data.photos.length : 0;
  return [
    msg('consultation:summary.title'),
    msg('consultation:summary.category', { value: chosenCategory(data, ctx)?.name[lang] ?? '' }),
    msg(`consultation:summary.forWhom.${String(data.forWhom)}`),
    district ? msg('consultation:summary.district', { value: district.name[lang] }) : msg('consultation:summary.noDistrict'),
    data.contact === 'phone'
      ? msg('consultation:summary.contactPhone', { phone: String(data.phone ?? '') })
      : msg(`consultation:summary.contact.${String(data.contact)}`),
    ['weekday_am', 'weekday_pm', 'anytime'].includes(time)
      ? msg(`consultation:summary.contactTime.${time}`)
      : msg('consultation:summary.contactTime.typed', { value: time }),
    msg(`consultation:summary.urgency.${String(data.urgency)}`),
    Array.isArray(data.declinedTopics) && data.declinedTopics.length
      ? msg('consultation:summary.descriptionNotKept')
      : msg('consultation:summary.description', { text: description, photos: photoCount }),
  ];
}

/** Shows the summary and asks to send it or fix an answer. */
export function confirmStep(submit: (data: FlowData, ctx: FlowContext) => Transition): StepDef<'send' | 'fix'> {
  return {
    prompt: (data, ctx) => [
      { lines: summaryLines(data, ctx) },
      { lines: [msg('consultation:confirm.prompt')], buttons: [postbackChip(msg('consultation:confirm.send'), 'confirm=send'), postbackChip(msg('consultation:confirm.fix'), 'confirm=fix')] },
    ],
    parse: (input) => parseChoice(input, 'confirm', ['send', 'fix'] as const),
    next: (answer, data, ctx) => (answer === 'send' ? submit(data, ctx) : { to: 'fix', data }),
  };
}
