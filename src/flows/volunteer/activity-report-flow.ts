import { msg } from '../../domain/message-text';
import { postbackChip } from '../common/messages';
import { postbackValue } from '../common/parse';
import type { Flow, Parsed } from '../engine/types';
import { volunteerEffect } from './module-context';

/** The longest note a report keeps. */
export const REPORT_NOTE_MAX = 500;

/**
 * After a volunteer reports their hours (a tap on the report message, handled by the engine), a short note about
 * the activity — optional — added to the same report.
 */
export const activityReportFlow: Flow = {
  id: 'activityReport',
  version: 1,
  start: () => ({ to: 'note', data: {} }),
  steps: {
    note: {
      prompt: () => [{ lines: [msg('volunteer:report.notePrompt')], buttons: [postbackChip(msg('volunteer:report.noNote'), 'vn=skip')] }],
      parse: (input): Parsed<string | null> => {
        if (postbackValue(input, 'vn') === 'skip') return { ok: true, value: null };
        const typed = input.kind === 'text' ? input.text.trim() : '';
        return typed && typed.length <= REPORT_NOTE_MAX ? { ok: true, value: typed } : { ok: false, error: msg('volunteer:report.noteInvalid', { max: REPORT_NOTE_MAX }) };
      },
      next: (note, data) => ({
        end: true,
        effects: note && typeof data.invitationId === 'string' ? [volunteerEffect({ type: 'reportActivity', invitationId: data.invitationId, note })] : [],
        messages: [{ lines: [msg(note ? 'volunteer:report.noteSaved' : 'volunteer:report.thanks')] }],
        then: 'menu',
      }),
    },
  },
};
