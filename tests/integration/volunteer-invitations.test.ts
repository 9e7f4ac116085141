// Under test: invitations to volunteers end to end — invited through the console's use case (inviteVolunteers),
// sent by the broadcast engine with accept and decline buttons, answered by signed webhooks through the real
// flows and SQLite: places decided in SQL, the request matched, the requester told who is coming, the others told
// the places are filled, a correction when two volunteers take the last place at once, and a volunteer whose
// insurance does not cover the day told so when invited and when accepting. Faked: the clock
// (FakeClock, Tue 24 Nov 2026 10:00 JST) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { councilView } from '../../src/bot/render/council-view';
import { invitationNotice, reportNotice, volunteerNotice } from '../../src/bot/volunteers/notices';
import { loadCouncilProfile } from '../../src/infra/load-council-profile';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import { PrismaVolunteerAdmin } from '../../src/infra/prisma/prisma-volunteer-admin';
import { PrismaVolunteerRequests, volunteerRequestRepositories } from '../../src/infra/prisma/prisma-volunteer-requests';
import type { StaffMove } from '../../src/domain/volunteer-requests';
import { changeRequestStatus } from '../../src/usecases/volunteer-requests/change-request-status';
import { inviteVolunteers } from '../../src/usecases/volunteer-requests/invite-volunteers';
import type { VolunteerRequestDeps } from '../../src/usecases/volunteer-requests/request-deps';
import { PROJECT_ROOT } from '../../src/infra/project-root';
import { eventFrom, newUserId, postbackFrom, textFrom } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';
import path from 'node:path';

let t: TestApp;
let ts: number;
const db = () => t.testDb.db;
const council = councilView(loadCouncilProfile(path.join(PROJECT_ROOT, 'profiles', 'demo-council.yaml')));

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  ts = t.clock.now().getTime();
});
afterEach(async () => {
  await t.close();
});

/** A friend of the account (followed through a webhook); returns their LINE id and resident id. */
async function friend(): Promise<{ user: string; residentId: string }> {
  const user = newUserId();
  await t.post([eventFrom(t.messenger, 'follow', user, { timestamp: (ts += 1000) })]);
  return { user, residentId: (await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).id };
}

/** A registered volunteer, insured for fiscal year 2026 unless told; returns their LINE id and volunteer id. */
async function volunteer(name: string, insuranceFiscalYear = 2026): Promise<{ user: string; id: string }> {
  const f = await friend();
  const now = t.clock.now();
  const v = await db().volunteer.create({
    data: { residentId: f.residentId, name, skills: '["escort"]', availability: '{"sat":["am"]}', insuranceFiscalYear, insurancePlan: 'basic', status: 'active', registeredAt: now, updatedAt: now },
  });
  // Registered long ago: the welcome questions the follow started are no longer in progress.
  await db().flowState.deleteMany({ where: { residentId: f.residentId } });
  return { user: f.user, id: v.id };
}

/** The request use cases wired as the console wires them, with the bot's wording. */
function requestUseCases(): VolunteerRequestDeps {
  const translator = t.app.deps.translator;
  return {
    work: new PrismaUnitOfWork(db(), volunteerRequestRepositories),
    volunteers: new PrismaVolunteerAdmin(db()),
    notices: {
      invitation: (r, id, insured) => invitationNotice(translator, council, r, id, insured),
      moved: (to, r) => volunteerNotice(translator, council, to, r),
      report: (r, id) => reportNotice(translator, council, r, id),
    },
  };
}

/** A staff status change as the console makes it, on the request as it is now; true when it was made. */
async function setStatus(requestId: string, to: StaffMove): Promise<boolean> {
  const seen = (await new PrismaVolunteerRequests(db()).get(requestId))!;
  return (await changeRequestStatus(requestUseCases(), seen, to, '', { staffId: 'staff-1', ip: '127.0.0.1', at: t.clock.now() })).ok;
}

/** A request for `people` volunteers, from a new friend, and invitations sent to these volunteers. */
async function requestAndInvite(people: number, volunteers: Array<{ id: string }>) {
  const requester = await friend();
  const now = t.clock.now();
  const request = await db().volunteerRequest.create({
    data: { referenceNo: 'V-261124-ABCD', residentId: requester.residentId, requesterType: 'person', kind: 'escort', districtCode: 'kaigan', date: '2026-12-05', part: 'am', people, createdAt: now, updatedAt: now },
  });
  const seen = (await new PrismaVolunteerRequests(db()).get(request.id))!;
  // Invited as a coordinator who confirmed any whose insurance does not cover the day.
  const outcome = await inviteVolunteers(requestUseCases(), seen, { volunteerIds: volunteers.map((v) => v.id), confirmUninsured: true }, { staffId: 'staff-1', ip: '127.0.0.1', at: now });
  const invited = outcome.ok ? outcome.invited : 0;
  expect(invited).toBe(volunteers.length);
  return { requester, request };
}

/** The evening of the request's day (Sat 5 Dec 2026), when it can be marked done. */
function afterTheActivity(): void {
  t.clock.set('2026-12-05T17:00:00+09:00');
  ts = t.clock.now().getTime();
}

const tap = (user: string, data: string) => postbackFrom(t.messenger, user, data, { timestamp: (ts += 1000) });
const textsTo = (user: string) => t.messenger.sent.filter((s) => s.to === user).map((s) => JSON.stringify(s.messages));
const invitationOf = async (volunteerId: string) => db().volunteerInvitation.findFirstOrThrow({ where: { volunteerId } });
/** The accept or decline postback data in the invitation LINE delivered to `user`. */
function buttonData(user: string, answer: 'accept' | 'decline'): string {
  const found = textsTo(user).join('').match(new RegExp(`va=${answer}&i=[0-9a-f-]{36}`));
  if (!found) throw new Error(`no ${answer} button sent to ${user}`);
  return found[0];
}

describe('answering an invitation', () => {
  test('the invitation arrives with buttons; the first acceptance fills the place, the requester hears the name, the others are told', async () => {
    const a = await volunteer('山田 花子');
    const b = await volunteer('佐藤 一郎');
    const c = await volunteer('鈴木 次郎');
    const { requester, request } = await requestAndInvite(1, [a, b, c]);
    await t.app.runBroadcasts();
    for (const v of [a, b, c]) expect(textsTo(v.user).at(-1)).toContain('ボランティアのお願い');

    await t.post([tap(b.user, buttonData(b.user, 'decline'))]);
    expect((await invitationOf(b.id)).status).toBe('declined');
    expect(textsTo(b.user).at(-1)).toContain('見送り');

    await t.post([tap(a.user, buttonData(a.user, 'accept'))]);
    expect((await invitationOf(a.id)).status).toBe('accepted');
    expect(textsTo(a.user).at(-1)).toContain('参加が決まりました');
    expect((await db().volunteerRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('matched');
    expect((await invitationOf(c.id)).status).toBe('filled');

    const before = t.messenger.sent.length;
    await t.app.runBroadcasts();
    const sent = t.messenger.sent.slice(before);
    expect(sent.map((s) => s.to).sort()).toEqual([requester.user, c.user].sort());
    expect(JSON.stringify(sent.find((s) => s.to === requester.user)!.messages)).toContain('山田 花子さんが来てくれます');
    expect(JSON.stringify(sent.find((s) => s.to === c.user)!.messages)).toContain('人数がそろいました');

    // C's button still works, and says the places are filled; B cannot change their mind by tapping again.
    await t.post([tap(c.user, buttonData(c.user, 'accept'))]);
    expect(textsTo(c.user).at(-1)).toContain('すでに人数がそろいました');
    await t.post([tap(b.user, buttonData(b.user, 'accept'))]);
    expect(textsTo(b.user).at(-1)).toContain('見送りの返事');
    expect((await invitationOf(b.id)).status).toBe('declined');
  });

  test('a volunteer whose insurance does not cover the day is told so in the invitation, and again with how to renew when accepting', async () => {
    const a = await volunteer('伊藤 さくら', 2025);
    await requestAndInvite(1, [a]);
    await t.app.runBroadcasts();
    expect(textsTo(a.user).at(-1)).toContain('登録されているボランティア活動保険では、12月5日(土)の活動は補償されません。');

    await t.post([tap(a.user, buttonData(a.user, 'accept'))]);
    expect((await invitationOf(a.id)).status).toBe('accepted');
    const reply = textsTo(a.user).at(-1)!;
    expect(reply).toContain('参加が決まりました');
    expect(reply).toContain('登録されているボランティア活動保険では、12月5日(土)の活動は補償されません。');
    expect(reply).toContain('2026年度のボランティア活動保険に入ってください');
    expect(reply).toContain('☎ 045-000-1200');
  });

  test('two volunteers accepting the last place in one batch: one place, and a correction for the other', async () => {
    const a = await volunteer('山田 花子');
    const b = await volunteer('佐藤 一郎');
    const { requester } = await requestAndInvite(1, [a, b]);
    await t.app.runBroadcasts();
    await t.post([tap(a.user, buttonData(a.user, 'accept')), tap(b.user, buttonData(b.user, 'accept'))]);
    const statuses = [(await invitationOf(a.id)).status, (await invitationOf(b.id)).status].sort();
    expect(statuses).toEqual(['accepted', 'filled']);
    const late = (await invitationOf(a.id)).status === 'filled' ? a : b;
    const coming = late === a ? b : a;
    const before = t.messenger.sent.length;
    await t.app.runBroadcasts();
    const sent = t.messenger.sent.slice(before);
    expect(JSON.stringify(sent.find((s) => s.to === late.user)!.messages)).toContain('今回は参加なしになりました');
    const names = JSON.stringify(sent.find((s) => s.to === requester.user)!.messages);
    expect(names).toContain(coming === a ? '山田 花子さん' : '佐藤 一郎さん');
    expect(names).not.toContain(late === a ? '山田 花子' : '佐藤 一郎');
  });

  /** Two volunteers accept a request for two; returns what the requester (in `language`) is then told. */
  async function bothComing(language: 'ja' | 'en'): Promise<string> {
    const a = await volunteer('山田 花子');
    const b = await volunteer('佐藤 一郎');
    const { requester } = await requestAndInvite(2, [a, b]);
    await db().resident.update({ where: { id: requester.residentId }, data: { language } });
    await t.app.runBroadcasts();
    await t.post([tap(a.user, buttonData(a.user, 'accept'))]);
    await t.post([tap(b.user, buttonData(b.user, 'accept'))]);
    const before = t.messenger.sent.length;
    await t.app.runBroadcasts();
    return t.messenger.sent.slice(before).filter((s) => s.to === requester.user).map((s) => JSON.stringify(s.messages)).join('');
  }

  test('the requester hears every name with its honorific', async () => {
    expect(await bothComing('ja')).toMatch(/(山田 花子さん、佐藤 一郎さん|佐藤 一郎さん、山田 花子さん)が来てくれます/);
  });

  test('in English the names are listed without a Japanese honorific', async () => {
    const told = await bothComing('en');
    expect(told).toMatch(/(山田 花子, 佐藤 一郎|佐藤 一郎, 山田 花子) will come/);
    expect(told).not.toContain('さん');
  });

  test('an answer in the middle of another conversation is taken, and that conversation goes on where it was', async () => {
    const a = await volunteer('山田 花子');
    await requestAndInvite(2, [a]);
    await t.app.runBroadcasts();
    await t.post([tap(a.user, 'menu=events')]);
    await t.post([tap(a.user, buttonData(a.user, 'accept'))]);
    expect((await invitationOf(a.id)).status).toBe('accepted');
    const state = await db().flowState.findFirstOrThrow({ where: { resident: { lineUserId: a.user } } });
    expect(state).toMatchObject({ flowId: 'events', step: 'choose' });
    expect(textsTo(a.user).at(-1)).toContain('サロン・行事です');
  });

  test('hours reported in the middle of another form are kept, and the form goes on with what was typed', async () => {
    const a = await volunteer('山田 花子');
    const { request } = await requestAndInvite(1, [a]);
    await t.app.runBroadcasts();
    await t.post([tap(a.user, buttonData(a.user, 'accept'))]);
    afterTheActivity();
    expect(await setStatus(request.id, 'done')).toBe(true);
    await t.app.runBroadcasts();
    const two = textsTo(a.user).join('').match(/vr=[0-9a-f-]{36}&h=2/)?.[0];
    expect(two).toBeTruthy();

    // Halfway through changing their registration: a new name is typed, then the report button is tapped.
    for (const data of ['menu=volunteer', 'vh=edit', 'vf=name']) await t.post([tap(a.user, data)]);
    await t.post([textFrom(t.messenger, a.user, '山田 はなこ', { timestamp: (ts += 1000) })]);
    const stateOf = () => db().flowState.findFirstOrThrow({ where: { resident: { lineUserId: a.user } } });
    const before = await stateOf();
    expect(before).toMatchObject({ flowId: 'volunteer', step: 'confirm' });
    await t.post([tap(a.user, two!)]);
    expect(await invitationOf(a.id)).toMatchObject({ hours: 2, reportedAt: t.clock.now() });
    expect(await stateOf()).toMatchObject({ flowId: 'volunteer', step: 'confirm', data: before.data });
    expect(textsTo(a.user).at(-1)).toContain('2時間で記録しました');
    expect(textsTo(a.user).at(-1)).toContain('この内容に変更します');
    // The form goes on where it was: confirming saves the name typed before the report.
    await t.post([tap(a.user, 'vc=yes')]);
    expect(await db().volunteer.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ name: '山田 はなこ', status: 'active' });
  });

  test('after the activity: the request is done, the volunteer reports hours with one tap and a note, and the report is kept', async () => {
    const a = await volunteer('山田 花子');
    const { requester, request } = await requestAndInvite(1, [a]);
    await t.app.runBroadcasts();
    await t.post([tap(a.user, buttonData(a.user, 'accept'))]);
    afterTheActivity();
    expect(await setStatus(request.id, 'done')).toBe(true);
    expect(await setStatus(request.id, 'scheduled')).toBe(false);
    const before = t.messenger.sent.length;
    await t.app.runBroadcasts();
    const sent = t.messenger.sent.slice(before);
    expect(new Set(sent.map((s) => s.to))).toEqual(new Set([requester.user, a.user]));
    const report = JSON.stringify(sent.find((s) => s.to === a.user)!.messages);
    const three = report.match(/vr=[0-9a-f-]{36}&h=3/)?.[0];
    expect(three).toBeTruthy();

    await t.post([tap(a.user, three!)]);
    expect(await invitationOf(a.id)).toMatchObject({ hours: 3, reportedAt: t.clock.now() });
    expect(textsTo(a.user).at(-1)).toContain('3時間で記録しました');
    await t.post([textFrom(t.messenger, a.user, '段差が多いので、次回は二人がよいです', { timestamp: (ts += 1000) })]);
    expect((await invitationOf(a.id)).report).toBe('段差が多いので、次回は二人がよいです');
    // A report for someone else's invitation changes nothing.
    const b = await volunteer('佐藤 一郎');
    await t.post([tap(b.user, three!)]);
    expect(textsTo(b.user).at(-1)).toContain('見つかりませんでした');
    expect((await invitationOf(a.id)).hours).toBe(3);
  });
});

describe('a name stored with a control character in it', () => {
  test('accepting the last place still tells the requester and the others, and the other sends of the run go out too', async () => {
    // Stored before names were cleaned at the edge: a C0 control character and JSON's own quote and backslash.
    const a = await volunteer('山田\u0001"太郎\\');
    const c = await volunteer('鈴木 次郎');
    const { requester, request } = await requestAndInvite(1, [a, c]);
    await t.app.runBroadcasts();
    await t.post([tap(a.user, buttonData(a.user, 'accept'))]);
    expect((await db().volunteerRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe('matched');
    const now = t.clock.now();
    const other = await db().broadcast.create({ data: { kind: 'announcement', title: 'お知らせ', content: JSON.stringify({ ja: '福祉まつりを開きます' }), targeting: JSON.stringify({ everyone: true }), scheduledAt: now, createdAt: now } });

    const before = t.messenger.sent.length;
    await t.app.runBroadcasts();
    const sent = t.messenger.sent.slice(before);
    expect(JSON.stringify(sent.filter((s) => s.to === requester.user).map((s) => s.messages))).toContain('山田\\"太郎\\\\さんが来てくれます');
    expect(JSON.stringify(sent.filter((s) => s.to === c.user).map((s) => s.messages))).toContain('人数がそろいました');
    expect(JSON.stringify(sent.map((s) => s.messages))).not.toContain('\\u0001');
    expect(sent.filter((s) => JSON.stringify(s.messages).includes('福祉まつり')).map((s) => s.to).sort()).toEqual([a.user, c.user, requester.user].sort());
    expect(await db().broadcast.findMany({ where: { status: { not: 'sent' } } })).toEqual([]);
    expect((await db().broadcast.findUniqueOrThrow({ where: { id: other.id } })).sent).toBe(3);
  });
});
