// Under test: withdrawing consent (Settings in LINE) for a registered volunteer, end to end — signed webhooks
// through the real flows, runner and Prisma on a temp SQLite file, then the console on the same app: the
// volunteer registration is ended and its personal fields erased, waiting invitations (and acceptances not yet
// passed on to a requester) are withdrawn, reported hours stay for the annual report without a name, they are
// never ranked or invitable again, and the resident is told truly what was deleted and what was kept.
// Faked: the clock (FakeClock, Tue 24 Nov 2026 10:00 JST) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginAs, postForm } from '../helpers/console';
import type { SaidInput } from '../helpers/line-events';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let talk: ResidentTalk;
let user: string;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  talk = new ResidentTalk(t);
  user = await talk.follows();
});
afterEach(async () => {
  await t.close();
});

const say = (...inputs: SaidInput[]) => talk.say(user, ...inputs);
const lastText = () => talk.sentTo(user).at(-1) ?? '';
/** The first message of the last reply (what the step said, without the menu that may follow it). */
const firstMessage = () => JSON.stringify(t.messenger.sent.filter((s) => s.to === user).at(-1)?.messages[0] ?? {});

let requests = 0;
/** A request for escort help from another resident, on `date`, in `status`. */
async function helpRequest(date: string, status: string) {
  requests += 1;
  const now = t.clock.now();
  const requester = await db().resident.create({ data: { lineUserId: `U${String(requests).padStart(32, 'f')}`, language: 'ja', consent: 'granted', followedAt: now, createdAt: now, updatedAt: now } });
  return db().volunteerRequest.create({
    data: { referenceNo: `V-261124-W${String(requests).padStart(3, '0')}`, residentId: requester.id, requesterType: 'person', kind: 'escort', districtCode: 'kaigan', date, part: 'am', people: 2, status, createdAt: now, updatedAt: now },
  });
}

/** Registers `user` as a volunteer through LINE, with activity behind them and invitations ahead. */
async function registeredVolunteer() {
  await say('menu=volunteer', 'vo=register', 'c=yes', '佐藤 一郎', '090-1234-5678', 'd=kaigan', 'vs=escort', 'vs=done', 'vd=sat', 'vd=done', 'vt=am', 'vt=done', 'vi=basic', { data: 've=date', date: '2026-06-10' }, 'vc=yes');
  const v = await db().volunteer.findFirstOrThrow({ where: { resident: { lineUserId: user } } });
  expect(v).toMatchObject({ name: '佐藤 一郎', phone: '09012345678', status: 'active' });
  const done = await helpRequest('2026-10-10', 'done');
  const looking = await helpRequest('2026-12-05', 'received');
  const stillOpen = await helpRequest('2026-12-12', 'received');
  const matched = await helpRequest('2026-12-19', 'matched');
  const now = t.clock.now();
  await db().volunteerInvitation.createMany({
    data: [
      { requestId: done.id, volunteerId: v.id, status: 'accepted', invitedAt: now, answeredAt: now, hours: 3, report: '佐藤です。090-1234-5678 に連絡ください', reportedAt: now },
      { requestId: looking.id, volunteerId: v.id, status: 'invited', invitedAt: now },
      { requestId: stillOpen.id, volunteerId: v.id, status: 'accepted', invitedAt: now, answeredAt: now },
      { requestId: matched.id, volunteerId: v.id, status: 'accepted', invitedAt: now, answeredAt: now },
    ],
  });
  return { v, done, looking, stillOpen, matched };
}

describe('withdrawing consent as a registered volunteer', () => {
  test('ends the registration and erases its personal fields; hours stay without a name; never ranked or invited again', async () => {
    const { v, done, looking, stillOpen, matched } = await registeredVolunteer();

    await say('menu=settings', 's=consent');
    expect(lastText()).toContain('ボランティアの登録も終わりにして');
    await say('w=yes');

    // What the resident is told: what was deleted, and what was kept and why.
    const told = firstMessage();
    expect(told).toContain('同意を取り消し、地区、知りたい情報、フォローしていたサロンの記録を消しました。');
    expect(told).toContain('ボランティアの登録を終わりにして、お名前・電話番号・地区・できること・活動できる日・保険の記録を消しました。');
    expect(told).toContain('これまでの活動の回数と時間は、お名前を消したうえで、年間の活動の集計のために残ります。');
    expect(told).toContain('すでに依頼した方にお名前を伝えた活動');

    const erased = await db().volunteer.findUniqueOrThrow({ where: { id: v.id } });
    expect(erased).toMatchObject({ status: 'left', name: '', phone: null, districtCode: null, skills: '[]', availability: '{}', insuranceFiscalYear: null, insurancePlan: null, insuranceEnrolledOn: null, leftAt: t.clock.now(), erasedAt: t.clock.now() });
    expect(await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).toMatchObject({ consent: 'declined', districtCode: null });

    const invitation = (requestId: string) => db().volunteerInvitation.findFirstOrThrow({ where: { requestId, volunteerId: v.id } });
    // The activity done keeps its hours (the annual report), not the note that named them.
    expect(await invitation(done.id)).toMatchObject({ status: 'accepted', hours: 3, report: null });
    // Waiting, and accepted where the requester has not been given the name yet: withdrawn.
    expect((await invitation(looking.id)).status).toBe('withdrawn');
    expect((await invitation(stillOpen.id)).status).toBe('withdrawn');
    // The requester already knows who is coming: that stays, as the resident was told.
    expect((await invitation(matched.id)).status).toBe('accepted');

    const coordinator = await loginAs(t.app, 'coordinator');
    const get = (url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: coordinator.cookie } });
    const csv = (await get('/console/reports/volunteer-hours.csv?year=2026')).rawPayload.toString('utf8');
    expect(csv).toBe('\uFEFFお名前,活動回数,活動時間(時間)\r\n(同意の取り消しにより削除),1,3\r\n');

    const fresh = await helpRequest('2026-12-26', 'received');
    const page = await get(`/console/volunteer-requests/${fresh.id}`);
    expect(page.body).not.toContain(`value="${v.id}"`);
    const invite = await postForm(t.app.server, coordinator, `/console/volunteer-requests/${fresh.id}/invite`, [['volunteerIds', v.id], ['confirmUninsured', 'on']]);
    expect(invite.statusCode).toBe(409);
    expect(await db().volunteerInvitation.count({ where: { requestId: fresh.id } })).toBe(0);
    expect(await db().broadcast.count({ where: { kind: 'volunteer_notice', targeting: { contains: erased.residentId } } })).toBe(0);

    const profile = await get(`/console/volunteers/${v.id}`);
    expect(profile.body).toContain('(同意の取り消しにより削除)');
    expect(profile.body).not.toContain('佐藤 一郎');
    expect(profile.body).not.toContain('090-1234-5678');
    const stored = JSON.stringify(await db().volunteer.findMany()) + JSON.stringify(await db().volunteerInvitation.findMany());
    expect(stored).not.toContain('佐藤');
    // The phone as stored (09012345678) and as written in the report (090-1234-5678); a shorter piece would also be
    // found, now and then, in the rows' random ids.
    expect(stored).not.toContain('12345678');
    expect(stored).not.toContain('1234-5678');
  });

  test('someone who never volunteered is told only what applies to them; registering again after consent starts afresh', async () => {
    await say('menu=settings', 's=consent', 'c=yes');
    await say('menu=settings', 's=consent');
    expect(firstMessage()).toContain('同意を取り消すと');
    expect(firstMessage()).not.toContain('ボランティア');
    await say('w=yes');
    expect(firstMessage()).toContain('同意を取り消し、地区、知りたい情報、フォローしていたサロンの記録を消しました。');
    expect(firstMessage()).not.toContain('ボランティア');
    expect(await db().volunteer.count()).toBe(0);
  });

  test('a volunteer who left earlier has what the registration kept erased too, and can register again after consenting', async () => {
    const { v } = await registeredVolunteer();
    await say('menu=volunteer', 'vh=leave', 'vl=yes');
    expect(await db().volunteer.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({ status: 'left', name: '佐藤 一郎' });
    await say('menu=settings', 's=consent', 'w=yes');
    expect(lastText()).toContain('お名前・電話番号・地区・できること・活動できる日・保険の記録を消しました。');
    expect(await db().volunteer.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({ status: 'left', name: '', phone: null, erasedAt: t.clock.now() });

    await say('menu=volunteer', 'vo=register', 'c=yes', '佐藤 一郎', 'vp=line', 'd=kaigan', 'vs=escort', 'vs=done', 'vd=sat', 'vd=done', 'vt=am', 'vt=done', 'vi=none', 'vc=yes');
    expect(await db().volunteer.findUniqueOrThrow({ where: { id: v.id } })).toMatchObject({ status: 'active', name: '佐藤 一郎', leftAt: null, erasedAt: null });
  });
});
