import { msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { postbackValue } from '../common/parse';
import type { FlowData, Parsed, StepDef, Transition } from '../engine/types';

/** The longest description kept (characters); longer text is cut at submission. */
export const MAX_DESCRIPTION = 4000;
/** Photos kept per consultation. */
export const MAX_PHOTOS = 5;

type DescriptionAnswer = { text: string } | { photo: string } | { done: true };

function texts(data: FlowData): string[] {
  return Array.isArray(data.description) ? data.description.filter((t): t is string => typeof t === 'string') : [];
}

function photos(data: FlowData): string[] {
  return Array.isArray(data.photos) ? data.photos.filter((t): t is string => typeof t === 'string') : [];
}

/**
 * The free description: the resident may send several messages and photos; each is added, and a big
 * 「入力おわり」 button moves on to the summary once something has been written.
 */
export function descriptionStep(): StepDef<DescriptionAnswer> {
  return {
    prompt: (data) => {
      const count = texts(data).length + photos(data).length;
      if (count === 0) return [{ lines: [msg('consultation:description.prompt'), msg('consultation:description.how')] }];
      return [{ lines: [msg('consultation:description.added', { count })], buttons: [postbackChip(msg('consultation:description.done'), 'desc=done')] }];
    },
    parse: (input, data): Parsed<DescriptionAnswer> => {
      if (postbackValue(input, 'desc') === 'done') {
        return texts(data).length > 0 ? { ok: true, value: { done: true } } : { ok: false, error: msg('consultation:description.empty') };
      }
      if (input.kind === 'text' && input.text.trim()) {
        const total = texts(data).reduce((n, t) => n + t.length + 1, 0) + input.text.trim().length;
        if (total > MAX_DESCRIPTION) return { ok: false, error: msg('consultation:description.tooLong', { max: MAX_DESCRIPTION }) };
        return { ok: true, value: { text: input.text.trim() } };
      }
      if (input.kind === 'media' && input.mediaType === 'image') {
        return photos(data).length < MAX_PHOTOS ? { ok: true, value: { photo: input.messageId } } : { ok: false, error: msg('consultation:description.tooManyPhotos', { max: MAX_PHOTOS }) };
      }
      return { ok: false, error: msg('consultation:description.textOrPhoto') };
    },
    next: (answer, data): Transition => {
      if ('done' in answer) return { to: 'confirm', data: { ...data, fixing: false } };
      if ('photo' in answer) return { to: 'description', data: { ...data, photos: [...photos(data), answer.photo] } };
      return { to: 'description', data: { ...data, description: [...texts(data), answer.text] } };
    },
  };
}
