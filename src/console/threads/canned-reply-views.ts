/**
 * The canned replies (定型文) as the conversation page offers them to one resident: each button inserts the text for
 * the resident's language, else the やさしい日本語 or Japanese one, which then starts with the bot's one-line note in
 * the resident's language saying so; the page tells staff in Japanese what it inserts. Pure: the note's wording comes
 * in through `residentLine` (the bot's translator).
 */
import type { CouncilProfile } from '../../domain/council-profile';
import { staffTextFor, staffTextNote, type Language } from '../../domain/language';
import type { Msg } from '../../domain/message-text';
import { LANGUAGE_NAMES } from '../shared/language-names';

export type CannedReply = CouncilProfile['consultation']['cannedReplies'][number];

export interface CannedReplyView {
  title: string;
  /** What the button puts into the reply box (staff may still change it before sending). */
  text: string;
  /** For staff, when the text is not in the resident's language: which one it is instead. */
  notice: string | null;
}

/** The canned replies for a resident who reads `language`; `residentLine` words a message in a language. */
export function cannedReplyViews(replies: readonly CannedReply[], language: Language, residentLine: (m: Msg, language: Language) => string): CannedReplyView[] {
  return replies.map((r) => {
    const { text, from } = staffTextFor({ ...r.texts, ja: r.text }, language);
    const note = staffTextNote(language, from);
    if (!note) return { title: r.title, text, notice: null };
    const name = LANGUAGE_NAMES[language];
    return {
      title: r.title,
      text: `${residentLine(note, language)}\n${text}`,
      notice: `この方は${name}です。${name}の定型文がないため、${LANGUAGE_NAMES[from]}を入れます。`,
    };
  });
}
