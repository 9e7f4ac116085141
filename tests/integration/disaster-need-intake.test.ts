// Under test: asking a running disaster centre for help through LINE end to end — signed webhooks through the real
// app with the default modules, Prisma on a temp SQLite file: the whole form with a map pin, a photo and roof work
// (told at once that volunteers cannot do it, and where to turn; the rest still saved), the Need, its first report
// and history, the reference number; a neighbour reporting the same house (the first need recorded as a likely
// duplicate); 「状況」 answered as a reply; the follow-up's answers. Faked: the clock (Tue 24 Nov 2026 10:00 JST) and
// LINE (RecordingMessenger); the centre is written straight into the database.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { seedCentre } from '../helpers/disaster-centre';
import { eventFrom, type SaidInput } from '../helpers/line-events';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let talk: ResidentTalk;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  talk = new ResidentTalk(t);
});
afterEach(async () => {
  await t.close();
});

/** A friend who went through onboarding (consent, Japanese, 海岸地区). */
async function onboarded(): Promise<string> {
  const user = await talk.follows();
  await talk.say(user, 'c=yes', 'lang=ja', 'd=kaigan', 't=done');
  return user;
}
const sends = (user: string) => t.messenger.sent.filter((s) => s.to === user);
const lastText = (user: string) => JSON.stringify(sends(user).at(-1)?.messages ?? []);
const residentId = async (user: string) => (await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).id;
/** Posts a fixture message (a photo, a location) from `user`; returns the LINE message id. */
async function sendFixture(user: string, name: 'message-image' | 'message-location'): Promise<string> {
  const event = eventFrom(t.messenger, name, user, { timestamp: talk.nextTimestamp() });
  expect((await t.post([event])).status).toBe(200);
  return (event.message as { id: string }).id;
}

const neighbourReport: SaidInput[] = [
  'dz=need', 'dnr=neighbour', '山田 ハナ', 'dns=householdPhone', '佐藤 次郎', 'つなぐ市海岸町1-2-3', 'dns=pin', 'dnd=none', 'dnw=cleaning', 'dnw=done',
  'dnx=none', 'dns=photos', 'dnh=none', 'dnt=any', 'dnc=line', 'dns=notes', 'dnk=yes',
];

describe('needs intake through LINE', () => {
  test('a resident asks for help with a pin, a photo and roof work; a neighbour reports the same house; 状況 is a reply', async () => {
    const { centreId } = await seedCentre(db());
    const user = await onboarded();
    await talk.say(user, 'メニュー');
    expect(lastText(user)).toContain('手伝ってほしい');

    await talk.say(user, 'dz=need', 'dnr=self', 'つなぐ市海岸町1丁目2-3');
    await sendFixture(user, 'message-location');
    await talk.say(user, 'dnd=floodAbove', 'dnd=done', 'dnw=mud', 'dnw=other', 'dnw=done', '屋根のブルーシート張りと泥出し');
    // Told at once: volunteers cannot do roof work, and where to turn.
    expect(lastText(user)).toContain('ボランティアではお受けできません');
    expect(lastText(user)).toContain('屋根の工事は、工務店や屋根の業者にご相談ください');
    await talk.say(user, 'dnx=none');
    const photoId = await sendFixture(user, 'message-image');
    await talk.say(user, 'dns=photos', 'dnh=elderly', 'dnh=done', 'dnt=any', 'dnc=line', 'dns=notes');
    expect(lastText(user)).toContain('この内容で送りますか');
    const before = sends(user).length;
    await talk.say(user, 'dnk=yes');
    expect(sends(user).length).toBe(before + 1);

    const need = await db().need.findFirstOrThrow({ include: { reports: true, events: true } });
    expect(need).toMatchObject({ centreId, status: 'received', address: 'つなぐ市海岸町1丁目2-3', latitude: 35.67966, longitude: 139.73669, contactMethod: 'line', districtCode: 'kaigan' });
    expect(JSON.parse(need.screening)).toEqual(['roof']);
    expect(JSON.parse(need.work)).toEqual(['mud', 'other']);
    expect(JSON.parse(need.flags)).toEqual(['vulnerable']);
    expect(need.addressKey).not.toBeNull();
    expect(need.referenceNo).toMatch(/^N-261124-[A-Z0-9]{4}$/);
    expect(lastText(user)).toContain(need.referenceNo);
    expect(lastText(user)).toContain('119');
    expect(need.reports).toHaveLength(1);
    const [report] = need.reports;
    expect(report).toMatchObject({ channel: 'line', relation: 'self', residentId: await residentId(user), reporterName: null });
    expect(JSON.parse(report!.suspects)).toEqual([]);
    const attachment = await db().attachment.findUniqueOrThrow({ where: { lineMessageId: photoId } });
    expect(JSON.parse(report!.photoIds)).toEqual([attachment.id]);
    expect(attachment.status).toBe('stored');
    expect(need.events.map((e) => [e.kind, e.to, e.staffId])).toEqual([['status', 'received', null]]);
    expect(await db().flowState.count({ where: { residentId: await residentId(user) } })).toBe(0);

    // A neighbour reports the same house: saved as its own need, the first one recorded as a likely duplicate.
    const neighbour = await onboarded();
    await talk.say(neighbour, ...neighbourReport);
    const second = await db().needReport.findFirstOrThrow({ where: { residentId: await residentId(neighbour) }, include: { need: true } });
    expect(second).toMatchObject({ relation: 'neighbour', reporterName: '佐藤 次郎' });
    expect(second.need).toMatchObject({ householdName: '山田 ハナ', address: 'つなぐ市海岸町1-2-3', flags: '[]' });
    expect(JSON.parse(second.suspects)).toEqual([expect.objectContaining({ needId: need.id, referenceNo: need.referenceNo, reasons: ['sameAddress'] })]);

    // 「状況」: a free reply listing the need, never a push.
    await talk.say(user, '状況');
    expect(sends(user).at(-1)?.method).toBe('reply');
    expect(lastText(user)).toContain(need.referenceNo);
    expect(lastText(user)).toContain('受け付けました');
    expect(sends(user).filter((s) => s.method === 'push')).toHaveLength(0);
  });

  test('the follow-up after 完了: fine is noted, more starts a new request, talk hands off to staff', async () => {
    await seedCentre(db());
    const user = await onboarded();
    await talk.say(user, ...neighbourReport);
    // Staff's side marked it done some days ago (the console's work); the follow-up's buttons answer for it.
    const need = await db().need.update({ where: { id: (await db().need.findFirstOrThrow()).id }, data: { status: 'done' } });

    await talk.say(user, `dn=fine&n=${need.id}`);
    expect(lastText(user)).toContain('お知らせありがとうございます');
    expect(await db().needEvent.findMany({ where: { needId: need.id, kind: 'note' }, select: { note: true, staffId: true } })).toEqual([{ note: 'follow-up: fine', staffId: null }]);
    // Somebody else's need is not noted.
    const other = await onboarded();
    await talk.say(other, `dn=fine&n=${need.id}`);
    expect(await db().needEvent.count({ where: { needId: need.id, kind: 'note' } })).toBe(1);

    await talk.say(user, `dn=more&n=${need.id}`);
    expect(lastText(user)).toContain('新しいご依頼として');
    expect(lastText(user)).toContain('前回と同じ場所(つなぐ市海岸町1-2-3)');
    const state = await db().flowState.findUniqueOrThrow({ where: { residentId: await residentId(user) } });
    expect(state).toMatchObject({ flowId: 'disasterNeed', step: 'damage' });
    expect(JSON.parse(state.data).draft).toMatchObject({ relation: 'neighbour', householdName: '山田 ハナ', address: 'つなぐ市海岸町1-2-3' });
    // 「状況」 (わたしの申し込み) lists open needs only: the one done is not there, so nothing is open.
    await talk.say(user, '状況');
    expect(lastText(user)).toContain('いま手続き中のお申し込みはありません');

    await talk.say(user, `dn=talk&n=${need.id}`);
    expect(await db().conversation.findFirst({ where: { residentId: await residentId(user) } })).toMatchObject({ owner: 'waiting' });
  });

  test('withdrawing consent clears the reporter\'s fields of their reports; the need stays', async () => {
    await seedCentre(db());
    const user = await onboarded();
    await talk.say(user, ...neighbourReport);
    const id = await residentId(user);
    await talk.say(user, 'menu=settings', 's=consent');
    expect(lastText(user)).toContain('ご依頼の記録は、お住まいの方への手伝いのために残ります');
    await talk.say(user, 'w=yes');
    expect(lastText(user)).toContain('ご依頼の記録から、あなたのお名前や連絡先を消しました');
    const report = await db().needReport.findFirstOrThrow({ include: { need: true } });
    expect(report).toMatchObject({ residentId: null, reporterName: null, reporterPhone: null, content: '{"erased":true}' });
    expect(report.need).toMatchObject({ address: 'つなぐ市海岸町1-2-3', status: 'received' });
    expect(await db().needReport.count({ where: { residentId: id } })).toBe(0);
  });
});
