import { LANGUAGE_INFO, LANGUAGES, staffTextFor, staffTextNote, type Language, type TextsByLanguage } from '../../domain/language';
import { msg, type Msg } from '../../domain/message-text';
import type { Chip, OutMessage } from '../../domain/out-message';
import { MENU_SECTIONS, POSTBACK } from '../postback-codes';
import type { Choice, FlowContext } from '../engine/types';

/** A chip that sends a postback code, showing its label as what the user "said". */
export function postbackChip(label: Msg, data: string): Chip {
  return { kind: 'postback', label, data };
}

/**
 * A button for a choice from the council profile: its short label (it fits LINE's 20 characters), sending `data`;
 * the chat shows the full name as what the resident chose.
 */
export function choiceChip(c: Choice, ctx: FlowContext, data: string): Chip {
  const lang = ctx.resident.language;
  return { kind: 'postback', label: msg('common:literal', { text: c.label[lang] }), data, displayText: msg('common:literal', { text: c.name[lang] }) };
}

/** The main menu as quick-reply chips, with the call-us line. */
export function mainMenu(ctx: FlowContext, lead?: Msg): OutMessage {
  const chips: Chip[] = MENU_SECTIONS.map((s) => postbackChip(msg(`menu:section.${s}`), POSTBACK[s]));
  chips.push(postbackChip(msg('myRequests:chip'), POSTBACK.mine), staffChip());
  return {
    lines: [...(lead ? [lead] : []), msg('menu:prompt'), msg('common:callUs', { phone: ctx.council.phone, hours: ctx.council.hours[ctx.resident.language] })],
    chips,
  };
}

/** The chip that asks for a person (スタッフと話す). */
export function staffChip(): Chip {
  return postbackChip(msg('menu:staff'), POSTBACK.staff);
}

/** The chips that go back to the menu or cancel, added to every step of a flow. */
export function navigationChips(): Chip[] {
  return [postbackChip(msg('common:nav.menu'), POSTBACK.menu), postbackChip(msg('common:nav.cancel'), POSTBACK.cancel)];
}

/** Language choice, offered both inside flows and as a global intent: each language by its own name, so anyone finds theirs. */
export function languageChoiceChips(dataFor: (lang: Language) => string): Chip[] {
  return LANGUAGES.map((lang) => postbackChip(msg('common:literal', { text: LANGUAGE_INFO[lang].endonym }), dataFor(lang)));
}

/** A reply for a menu section that is not available yet. */
export function sectionNotReady(section: string, ctx: FlowContext): OutMessage[] {
  return [mainMenu(ctx, msg(`menu:notReady.${section}`))];
}

/** Text staff wrote, in the resident's language or its fallback, after a one-line note when it is not in theirs. */
export function staffTextLines(text: TextsByLanguage, lang: Language): Msg[] {
  const { text: shown, from } = staffTextFor(text, lang);
  const note = staffTextNote(lang, from);
  return [...(note ? [note] : []), msg('common:literal', { text: shown })];
}
