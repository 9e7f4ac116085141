// Under test: the disaster centre's pure rules in src/domain/disaster/centre.ts — status moves, the running states,
// application windows and the 【訓練】 mark of a drill's notices. Nothing faked.
import { describe, expect, test } from 'vitest';
import { DRILL_MARK, isRunning, markedForDrill, mayMoveCentre, windowOpen } from '../../src/domain/disaster/centre';

describe('a centre\'s life', () => {
  test('preparing → open, open ⇄ paused, anything but closed → closed; nothing leaves closed', () => {
    expect(mayMoveCentre('preparing', 'open')).toBe(true);
    expect(mayMoveCentre('preparing', 'paused')).toBe(false);
    expect(mayMoveCentre('open', 'paused')).toBe(true);
    expect(mayMoveCentre('paused', 'open')).toBe(true);
    expect(mayMoveCentre('paused', 'closed')).toBe(true);
    expect(mayMoveCentre('closed', 'open')).toBe(false);
    expect(mayMoveCentre('open', 'open')).toBe(false);
    expect(['preparing', 'open', 'paused', 'closed'].filter((s) => isRunning(s as never))).toEqual(['open', 'paused']);
  });

  test('an application window is open from its opening to (not including) its closing', () => {
    const day = { opensAt: new Date('2026-12-06T00:00:00Z'), closesAt: new Date('2026-12-06T09:00:00Z') };
    expect(windowOpen(day, new Date('2026-12-05T23:59:59Z'))).toBe(false);
    expect(windowOpen(day, new Date('2026-12-06T00:00:00Z'))).toBe(true);
    expect(windowOpen(day, new Date('2026-12-06T09:00:00Z'))).toBe(false);
  });
});

describe('a drill\'s notices', () => {
  const notice = { title: '抽選結果', content: { ja: '当選しました', en: 'You have a place', link: 'https://example.org/x', actions: [{ data: 'dz=ok&a=1', label: { ja: '参加します' } }] } };

  test('carry 【訓練】 at the start of the title and of every language\'s text, and leave links and buttons alone', () => {
    const marked = markedForDrill(notice, true);
    expect(marked.title).toBe(`${DRILL_MARK}抽選結果`);
    expect(marked.content).toEqual({ ...notice.content, ja: `${DRILL_MARK}当選しました`, en: `${DRILL_MARK}You have a place` });
  });

  test('outside a drill are unchanged', () => {
    expect(markedForDrill(notice, false)).toBe(notice);
  });
});
