// Under test: わたしの申し込み through the real engine (every module's flow part) — the words and the chip, each module's
// entries from its context, the cut with a count of the rest, nothing open, safety first, a conversation staff hold,
// a step that takes free text — and the pure rule of which consultation status changes the resident is told of.
// Only the contexts are faked (what each module's pipeline part would load).
import { describe, expect, it } from 'vitest';
import { consultationNoticeFor, type ConsultationStanding } from '../../../src/domain/consultation';
import { MY_REQUESTS_MAX, asksMyRequests } from '../../../src/flows/my-requests/my-requests';
import type { FlowContext } from '../../../src/flows/engine/types';
import { step } from '../../../src/flows/engine/step';
import { ENGINE, chipData, lineKeys, makeCtx, postback, run, sent, stateAt, text } from './flow-test-kit';

/** A resident's context with one open item in each of the consultation, volunteers and donations modules. */
function withItems(over: Parameters<typeof makeCtx>[0] = {}, consultations = 1): FlowContext {
  const ctx = makeCtx({ resident: { consent: 'granted', onboarded: true }, ...over });
  const open = Array.from({ length: consultations }, (_, i) => ({ referenceNo: `S-261124-000${i}`, categoryCode: 'food_hardship', status: 'referred' as const, referralTarget: '区役所' }));
  return {
    ...ctx,
    modules: {
      ...ctx.modules,
      consultation: { open },
      volunteers: { ...(ctx.modules.volunteers as object), requests: [{ referenceNo: 'V-261124-HELP', kind: 'escort', date: '2026-12-02', status: 'matched' }] },
      donations: { ...(ctx.modules.donations as object), offers: [{ referenceNo: 'D-261124-GIFT', kind: 'goods', status: 'accepted' }] },
    },
  };
}

describe('asking', () => {
  it('knows the words residents use, in every language, and the chip', () => {
    for (const words of ['状況', ' 状況?', 'どうなった?', 'わたしの申し込み', '申し込みの状況', 'じょうきょう', 'わたしの もうしこみ', 'Status', 'my requests', 'g=mine']) {
      expect(asksMyRequests(words.includes('=') ? postback(words) : text(words))).toBe(true);
    }
    for (const words of ['状況を教えて下さい、家が壊れました', 'メニュー', 'g=menu']) expect(asksMyRequests(words.includes('=') ? postback(words) : text(words))).toBe(false);
  });
});

describe('the answer', () => {
  it('lists each module\'s entries in one message, with the way back to the menu and to staff', () => {
    const r = run(null, text('状況'), withItems());
    expect(sent(r)).toHaveLength(1);
    expect(lineKeys(r)).toEqual(['myRequests:title', 'consultation:myRequests.item', 'volunteer:myRequests.item', 'donate:myRequests.item', 'myRequests:help']);
    expect(sent(r)[0]!.lines[1]!.params).toMatchObject({ reference: 'S-261124-0000', status: 'referred', target: '区役所', category: expect.any(String) });
    expect(chipData(r)).toEqual(['g=menu', 'g=staff']);
    expect(r.state).toBeNull();
  });

  it('cuts a long list and counts the rest', () => {
    const r = run(null, postback('g=mine'), withItems({}, 10));
    const keys = lineKeys(r);
    expect(keys.filter((k) => k.endsWith(':myRequests.item'))).toHaveLength(MY_REQUESTS_MAX);
    expect(sent(r)[0]!.lines.find((l) => l.key === 'myRequests:more')?.params).toEqual({ count: 12 - MY_REQUESTS_MAX });
    expect(sent(r)[0]!.lines[0]!.params).toEqual({ count: 12 });
  });

  it('nothing open: says so with the main menu', () => {
    const r = run(null, text('状況'), makeCtx({ resident: { consent: 'granted', onboarded: true } }));
    expect(lineKeys(r)[0]).toBe('myRequests:none');
    expect(chipData(r)).toContain('menu=consult');
  });

  it('a danger message gets the safety reply, never the list', () => {
    // Faked: the detector's verdict on the text (the words alone signal no danger).
    const r = step(ENGINE, null, text('状況'), { ...withItems(), danger: 'suicide' });
    expect(lineKeys(r)).not.toContain('myRequests:title');
    expect(r.effects.some((e) => e.type === 'safetyAlert')).toBe(true);
  });

  it('while staff hold the conversation, the words are theirs', () => {
    const r = run(null, text('状況'), withItems({ thread: { id: 'th-1', owner: 'staff', urgent: false } as never }));
    expect(lineKeys(r)).not.toContain('myRequests:title');
  });

  it('a tap step in progress is kept; a step that takes free text takes the words', () => {
    const tap = stateAt('consultation', 'forWhom', { category: 'food_hardship' });
    const kept = run(tap, text('状況'), withItems());
    expect(lineKeys(kept)[0]).toBe('myRequests:title');
    expect(kept.state).toEqual(tap);
    const typed = stateAt('consultation', 'description', { category: 'food_hardship', forWhom: 'self', description: [] });
    expect(lineKeys(run(typed, text('状況'), withItems()))).not.toContain('myRequests:title');
  });
});

describe('which consultation status changes the resident is told of', () => {
  const all = { taken: true, referred: true, closed: true };
  const at = (status: ConsultationStanding['status'], referralTarget: string | null = null): ConsultationStanding => ({ status, referralTarget });

  it('taken, referred (again when elsewhere) and closed; nothing for the same status or back to 新規', () => {
    expect(consultationNoticeFor(at('new'), at('in_progress'), all)).toBe('taken');
    expect(consultationNoticeFor(at('in_progress'), at('referred', '区役所'), all)).toBe('referred');
    expect(consultationNoticeFor(at('referred', '区役所'), at('referred', '包括'), all)).toBe('referred');
    expect(consultationNoticeFor(at('referred', '区役所'), at('referred', '区役所'), all)).toBeNull();
    expect(consultationNoticeFor(at('in_progress'), at('closed'), all)).toBe('closed');
    expect(consultationNoticeFor(at('in_progress'), at('in_progress'), all)).toBeNull();
    expect(consultationNoticeFor(at('closed'), at('new'), all)).toBeNull();
  });

  it('none for a change the council keeps silent', () => {
    expect(consultationNoticeFor(at('new'), at('closed'), { ...all, closed: false })).toBeNull();
    expect(consultationNoticeFor(at('new'), at('in_progress'), { ...all, taken: false })).toBeNull();
  });
});
