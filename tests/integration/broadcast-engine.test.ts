// Under test: the broadcast engine (runDueBroadcasts through the app, PrismaBroadcastStore on a temp SQLite
// file): targeting, per-recipient language, batches of 500 with stored retry keys, quiet hours, catch-up and
// missed sends, a LINE failure resent with the same key. Faked: the clock (FakeClock) and LINE (RecordingMessenger,
// which records a multicast as one send per recipient with the call's retry key).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { LineApiError } from '../../src/domain/ports';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const jst = (s: string) => new Date(`${s}+09:00`);
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
});
afterEach(async () => {
  await t.close();
});

/** Residents U-<prefix>-<n> with the given attributes, written directly (their onboarding is not under test). */
async function residents(prefix: string, count: number, o: { language?: string; followed?: boolean; consent?: string; districtCode?: string | null; topics?: string[] } = {}): Promise<string[]> {
  const now = t.clock.now();
  const ids = Array.from({ length: count }, (_, i) => `U${prefix}${String(i).padStart(31 - prefix.length, '0')}`);
  await db().resident.createMany({
    data: ids.map((lineUserId) => ({
      lineUserId,
      language: o.language ?? 'ja',
      followed: o.followed ?? true,
      consent: o.consent ?? 'granted',
      districtCode: o.districtCode ?? null,
      topics: JSON.stringify(o.topics ?? []),
      followedAt: now,
      createdAt: now,
      updatedAt: now,
    })),
  });
  return ids;
}

async function broadcast(o: { scheduledAt?: Date; targeting?: object; urgent?: boolean; content?: object } = {}) {
  return db().broadcast.create({
    data: {
      kind: 'announcement',
      title: 'お知らせ',
      content: JSON.stringify(o.content ?? { ja: '福祉まつりを開きます', en: 'Welfare festival', 'ja-x-easy': 'ふくし まつりを します' }),
      targeting: JSON.stringify(o.targeting ?? { everyone: true }),
      urgent: o.urgent ?? false,
      scheduledAt: o.scheduledAt ?? t.clock.now(),
      createdAt: t.clock.now(),
    },
  });
}

const textTo = (user: string) => t.messenger.sent.filter((s) => s.to === user).map((s) => JSON.stringify(s.messages));
const status = async (id: string) => db().broadcast.findUniqueOrThrow({ where: { id } });

describe('who gets what', () => {
  test('each follower gets it once in their own language; someone who unfollowed gets nothing', async () => {
    const [ja] = await residents('a', 1, { language: 'ja' });
    const [en] = await residents('b', 1, { language: 'en' });
    const [easy] = await residents('c', 1, { language: 'ja-x-easy' });
    const [gone] = await residents('d', 1, { followed: false });
    const b = await broadcast();
    await t.app.runBroadcasts();
    expect(textTo(ja!)).toEqual([expect.stringContaining('福祉まつりを開きます')]);
    expect(textTo(en!)).toEqual([expect.stringContaining('Welfare festival')]);
    expect(textTo(easy!)).toEqual([expect.stringContaining('ふくし まつりを します')]);
    expect(textTo(gone!)).toEqual([]);
    expect(await status(b.id)).toMatchObject({ status: 'sent', targeted: 3, sent: 3, failed: 0, skipped: 0, startedAt: t.clock.now(), finishedAt: t.clock.now() });
  });

  test('a reader whose language staff did not write gets easy Japanese after one line in their own language saying so', async () => {
    const [vi] = await residents('a', 1, { language: 'vi' });
    const [pt] = await residents('b', 1, { language: 'pt' });
    const [en] = await residents('c', 1, { language: 'en' });
    const [ko] = await residents('d', 1, { language: 'ko' });
    await broadcast({ content: { ja: '福祉まつりを開きます', 'ja-x-easy': 'ふくし まつりを します', ko: '복지 축제를 엽니다' } });
    await t.app.runBroadcasts();
    const only = (user: string) => {
      const sent = t.messenger.sent.filter((s) => s.to === user);
      expect(sent).toHaveLength(1);
      return (sent[0]!.messages as Array<{ type: string; text?: string }>).map((m) => m.text ?? '').join('\n');
    };
    expect(only(vi!)).toMatch(/^\(Nội dung này chưa có bản tiếng Việt\. Dưới đây là bản tiếng Nhật dễ hiểu\.\)\s+ふくし まつりを します/);
    expect(only(pt!)).toMatch(/^\(Este texto ainda não foi escrito em português\. Segue em japonês fácil\.\)\s+ふくし まつりを します/);
    expect(only(en!)).toMatch(/^\(This is not written in English yet\. Here it is in easy Japanese\.\)\s+ふくし まつりを します/);
    // Written in Korean: no note.
    expect(only(ko!)).toBe('복지 축제를 엽니다');
  });

  test('district and topic targeting uses consented answers only', async () => {
    const [kaigan] = await residents('a', 1, { districtCode: 'kaigan', topics: ['salons_events'] });
    const [other] = await residents('b', 1, { districtCode: 'sakurazaka', topics: ['salons_events'] });
    const [noConsent] = await residents('c', 1, { consent: 'pending', districtCode: 'kaigan' });
    await broadcast({ targeting: { districts: ['kaigan'], topics: ['salons_events'] } });
    await t.app.runBroadcasts();
    expect(textTo(kaigan!)).toHaveLength(1);
    expect(textTo(other!)).toEqual([]);
    expect(textTo(noConsent!)).toEqual([]);
  });

  test('1,201 recipients go in three multicast calls of at most 500, each with its own stored retry key', async () => {
    await residents('m', 1201);
    const b = await broadcast();
    await t.app.runBroadcasts();
    const batches = await db().broadcastBatch.findMany({ where: { broadcastId: b.id }, include: { _count: { select: { deliveries: true } } } });
    expect(batches.map((x) => x._count.deliveries).sort((x, y) => x - y)).toEqual([201, 500, 500]);
    expect(batches.every((x) => x.status === 'sent' && x.attempts === 1)).toBe(true);
    const keys = new Set(t.messenger.sent.map((s) => s.retryKey));
    expect(keys).toEqual(new Set(batches.map((x) => x.retryKey)));
    expect(new Set(t.messenger.sent.map((s) => s.to)).size).toBe(1201);
    expect(t.messenger.sent).toHaveLength(1201);
  });
});

describe('when it goes', () => {
  test('not before its time; a non-urgent send waits through quiet hours; an urgent one does not', async () => {
    const [user] = await residents('a', 1);
    t.clock.set('2026-11-24T20:50:00+09:00');
    const later = await broadcast({ scheduledAt: jst('2026-11-24T21:30:00') });
    const urgent = await broadcast({ scheduledAt: jst('2026-11-24T21:30:00'), urgent: true, content: { ja: '避難所を開設しました' } });
    await t.app.runBroadcasts();
    expect(t.messenger.sent).toHaveLength(0);

    t.clock.set('2026-11-24T22:00:00+09:00');
    await t.app.runBroadcasts();
    expect(textTo(user!)).toEqual([expect.stringContaining('避難所を開設しました')]);
    expect((await status(later.id)).status).toBe('scheduled');
    expect((await status(urgent.id)).status).toBe('sent');

    t.clock.set('2026-11-25T08:00:00+09:00');
    await t.app.runBroadcasts();
    expect(textTo(user!)).toHaveLength(2);
    expect((await status(later.id)).status).toBe('sent');
  });

  test('after downtime: a send due 10 minutes ago goes now; one due 7 hours ago is marked missed and not sent', async () => {
    const [user] = await residents('a', 1);
    // 16:00 JST: the old one was due at 09:00, outside quiet hours, so it is 7 hours late (more than the 6 allowed).
    t.clock.set('2026-11-24T16:00:00+09:00');
    const recent = await broadcast({ scheduledAt: new Date(t.clock.now().getTime() - 10 * 60_000), content: { ja: '最近の知らせ' } });
    const old = await broadcast({ scheduledAt: new Date(t.clock.now().getTime() - 7 * 3600_000), content: { ja: '古い知らせ' } });
    await t.app.runBroadcasts();
    expect(textTo(user!)).toEqual([expect.stringContaining('最近の知らせ')]);
    expect((await status(recent.id)).status).toBe('sent');
    expect(await status(old.id)).toMatchObject({ status: 'missed', sent: 0 });
  });
});

describe('when LINE fails', () => {
  test('a temporary failure leaves the batch pending; the next run sends it with the same retry key, once', async () => {
    const users = await residents('a', 3);
    const b = await broadcast();
    t.messenger.failNext = new LineApiError('multicast', 'server', 500, 'LINE is down');
    await t.app.runBroadcasts();
    expect(t.messenger.sent).toHaveLength(0);
    const [batch] = await db().broadcastBatch.findMany({ where: { broadcastId: b.id } });
    expect(batch).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await status(b.id)).status).toBe('sending');

    await t.app.runBroadcasts();
    expect(t.messenger.sent.map((s) => s.to).sort()).toEqual([...users].sort());
    expect(new Set(t.messenger.sent.map((s) => s.retryKey))).toEqual(new Set([batch!.retryKey]));
    expect(await status(b.id)).toMatchObject({ status: 'sent', sent: 3 });
    await t.app.runBroadcasts();
    expect(t.messenger.sent).toHaveLength(3);
  });

  test('a refusal (400) fails the batch for good and counts it; someone who unfollowed before the resend is skipped', async () => {
    const [stays, leaves] = await residents('a', 2);
    const b = await broadcast();
    t.messenger.failNext = new LineApiError('multicast', 'network', undefined, 'timeout');
    await t.app.runBroadcasts();
    await db().resident.update({ where: { lineUserId: leaves! }, data: { followed: false } });
    await t.app.runBroadcasts();
    expect(textTo(stays!)).toHaveLength(1);
    expect(textTo(leaves!)).toEqual([]);
    expect(await status(b.id)).toMatchObject({ status: 'sent', targeted: 2, sent: 1, skipped: 1 });

    const refused = await broadcast();
    t.messenger.failNext = new LineApiError('multicast', 'badRequest', 400, 'bad');
    await t.app.runBroadcasts();
    expect(await status(refused.id)).toMatchObject({ status: 'sent', sent: 0, failed: 1 });
  });
});

describe('a newsletter issue with a link', () => {
  test('goes out as a bubble whose big button opens the link', async () => {
    const [user] = await residents('a', 1, { language: 'en' });
    await broadcast({ content: { ja: '会報 第58号ができました', en: 'Issue 58 of our newsletter is out', link: 'https://minato-shakyo.example/dayori/58' } });
    await t.app.runBroadcasts();
    const [message] = t.messenger.sent.find((s) => s.to === user)!.messages;
    expect(message).toMatchObject({ type: 'flex', altText: 'Issue 58 of our newsletter is out' });
    const json = JSON.stringify(message);
    expect(json).toContain('"uri":"https://minato-shakyo.example/dayori/58"');
    expect(json).toContain('Read more');
  });

  test('with a cover image: the image first, then the text, in one call', async () => {
    const [user] = await residents('a', 1);
    await broadcast({ content: { ja: '会報 第58号ができました', image: 'https://minato-shakyo.example/dayori/58/cover.jpg' } });
    await t.app.runBroadcasts();
    const calls = t.messenger.sent.filter((s) => s.to === user);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.messages.map((m) => m.type)).toEqual(['image', 'text']);
    expect(calls[0]!.messages[0]).toEqual({ type: 'image', originalContentUrl: 'https://minato-shakyo.example/dayori/58/cover.jpg', previewImageUrl: 'https://minato-shakyo.example/dayori/58/cover.jpg' });
  });
});

describe('a row that cannot be read', () => {
  test.each([
    ['content that is not JSON', { content: '{"ja":"途中で切れ' }, 'unreadable_content'],
    ['content without Japanese', { content: '{"en":"English only"}' }, 'unreadable_content'],
    ['buttons without a label', { content: '{"ja":"参加しますか","actions":[{"data":"va=accept"}]}' }, 'unreadable_content'],
    ['targeting that is not JSON', { targeting: '{"everyone":tru' }, 'unreadable_targeting'],
    ['targeting that is not an object', { targeting: '[]' }, 'unreadable_targeting'],
  ])('%s: marked failed with its reason, while the other due sends go out; the next run passes it by', async (_name, corrupt, reason) => {
    const [a] = await residents('q', 1);
    const first = await broadcast({ content: { ja: '先に予定したお知らせ' }, scheduledAt: jst('2026-11-24T09:58:00') });
    const bad = await broadcast({ scheduledAt: jst('2026-11-24T09:59:00') });
    await db().broadcast.update({ where: { id: bad.id }, data: corrupt });
    const after = await broadcast({ content: { ja: '後に予定したお知らせ' } });

    await t.app.runBroadcasts();
    expect(await status(bad.id)).toMatchObject({ status: 'failed', error: reason, finishedAt: t.clock.now() });
    expect(textTo(a!)).toEqual([expect.stringContaining('先に予定したお知らせ'), expect.stringContaining('後に予定したお知らせ')]);
    expect([(await status(first.id)).status, (await status(after.id)).status]).toEqual(['sent', 'sent']);

    await broadcast({ content: { ja: '次の回のお知らせ' } });
    await t.app.runBroadcasts();
    expect(textTo(a!)).toHaveLength(3);
    expect(await status(bad.id)).toMatchObject({ status: 'failed', error: reason });
  });

  test('a batch whose recipient list cannot be read is failed with its reason; the other batches are sent', async () => {
    const [a] = await residents('r', 1);
    const b = await broadcast();
    await db().broadcast.update({ where: { id: b.id }, data: { status: 'sending', startedAt: t.clock.now(), targeted: 2 } });
    await db().broadcastBatch.createMany({
      data: [
        { broadcastId: b.id, language: 'ja', recipients: '["U-cut-off', retryKey: 'key-bad', createdAt: t.clock.now() },
        { broadcastId: b.id, language: 'ja', recipients: JSON.stringify([a]), retryKey: 'key-good', createdAt: t.clock.now() },
      ],
    });
    await t.app.runBroadcasts();
    expect(textTo(a!)).toHaveLength(1);
    const batches = await db().broadcastBatch.findMany({ where: { broadcastId: b.id }, orderBy: { retryKey: 'asc' } });
    expect(batches.map((x) => [x.retryKey, x.status, x.error])).toEqual([['key-bad', 'failed', 'unreadable_recipients'], ['key-good', 'sent', null]]);
    expect(await status(b.id)).toMatchObject({ status: 'sent', sent: 1, error: 'unreadable_recipients' });
  });
});
