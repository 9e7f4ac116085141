// Under test: the console's volunteer request pages (ボランティア依頼) through app.inject on the real app and a temp
// SQLite file — the list of open requests (and the tab of those done or declined), a request's page with its
// details (audited), the volunteers ranked for it with their reasons in Japanese, inviting some of them (an
// invitation row and one personal Broadcast each, with the accept and decline buttons; one whose insurance does
// not cover the day only once the coordinator confirms, and told how to renew), the status changes and
// the notice each writes for the requester, refusals (no volunteer chosen, a decline without reason, a move the
// request cannot make, 完了 before the activity's day, counsellors, an unknown id), the audit page's labels, and that with the audit log failing
// no invitation or status change is written and nobody is told. Residents, volunteers and
// requests are written straight to the database (the LINE side is tested elsewhere). Faked: the clock
// (FakeClock, Tue 24 Nov 2026 10:00 JST, fiscal year 2026) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { breakAuditLog, repairAuditLog } from '../helpers/audit-outage';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
});
afterEach(async () => {
  await t.close();
});

const get = (login: ConsoleLogin, url: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: login.cookie } });
const post = (login: ConsoleLogin, url: string, fields: Parameters<typeof postForm>[3] = []) => postForm(t.app.server, login, url, fields);

let residents = 0;

/** A resident who agreed to the privacy notice; returns the row. */
async function resident() {
  residents += 1;
  const now = t.clock.now();
  return db().resident.create({ data: { lineUserId: `U${String(residents).padStart(32, '0')}`, language: 'ja', consent: 'granted', consentVersion: '1', consentAt: now, followedAt: now, createdAt: now, updatedAt: now } });
}

interface VolunteerSeed {
  name: string;
  districtCode?: string | null;
  skills?: string[];
  availability?: Record<string, string[]>;
  insurance?: { fiscalYear: number; plan: string; enrolledOn: string | null } | null;
  status?: 'active' | 'paused' | 'left';
}

/** A resident and their volunteer registration as the LINE flow stores them. */
async function volunteer(v: VolunteerSeed) {
  const r = await resident();
  const at = new Date('2026-06-01T10:00:00+09:00');
  return db().volunteer.create({
    data: {
      residentId: r.id,
      name: v.name,
      districtCode: v.districtCode ?? null,
      skills: JSON.stringify(v.skills ?? []),
      availability: JSON.stringify(v.availability ?? {}),
      insuranceFiscalYear: v.insurance?.fiscalYear ?? null,
      insurancePlan: v.insurance?.plan ?? null,
      insuranceEnrolledOn: v.insurance?.enrolledOn ?? null,
      status: v.status ?? 'active',
      registeredAt: at,
      updatedAt: at,
    },
  });
}

let requests = 0;

/** A request as the LINE flow stores it (escort help on Sat 5 Dec 2026, morning, one person, unless told). */
async function helpRequest(over: Partial<{ residentId: string; requesterType: string; orgName: string | null; kind: string; districtCode: string | null; address: string | null; location: string | null; date: string; part: string; people: number; notes: string | null; phone: string | null; status: string }> = {}) {
  requests += 1;
  const now = t.clock.now();
  const residentId = over.residentId ?? (await resident()).id;
  return db().volunteerRequest.create({
    data: {
      referenceNo: `V-261124-A${String(requests).padStart(3, '0')}`,
      requesterType: 'person',
      orgName: null,
      kind: 'escort',
      districtCode: 'kaigan',
      address: '港区海岸通1-2-3',
      location: null,
      date: '2026-12-05',
      part: 'am',
      people: 1,
      notes: null,
      phone: null,
      status: 'received',
      createdAt: now,
      updatedAt: now,
      ...over,
      residentId,
    },
  });
}

const INSURED = { fiscalYear: 2026, plan: 'basic', enrolledOn: '2026-05-10' };

/** Four active volunteers who rank in a known order for the default request, and two who are never listed. */
async function seedVolunteers() {
  // Insured, free on Saturday mornings, escorts, same district: the best.
  const yamada = await volunteer({ name: '山田 花子', districtCode: 'kaigan', skills: ['escort', 'listening'], availability: { sat: ['am'] }, insurance: INSURED });
  // As good but from another district, and asked twice in the last 30 days: second.
  const sato = await volunteer({ name: '佐藤 一郎', districtCode: 'shiomidai', skills: ['escort'], availability: { sat: ['am', 'pm'] }, insurance: INSURED });
  // Only free on Saturday afternoons: third.
  const suzuki = await volunteer({ name: '鈴木 次郎', districtCode: 'kaigan', skills: ['escort'], availability: { sat: ['pm'] }, insurance: INSURED });
  // Everything fits but the insurance (last year's): below every insured volunteer.
  const ito = await volunteer({ name: '伊藤 さくら', districtCode: 'kaigan', skills: ['escort'], availability: { sat: ['am'] }, insurance: { fiscalYear: 2025, plan: 'basic', enrolledOn: null } });
  const paused = await volunteer({ name: '休止 中子', districtCode: 'kaigan', skills: ['escort'], availability: { sat: ['am'] }, insurance: INSURED, status: 'paused' });
  const left = await volunteer({ name: '退会 済男', districtCode: 'kaigan', skills: ['escort'], availability: { sat: ['am'] }, insurance: INSURED, status: 'left' });
  // Sato was invited to two earlier requests in the last 30 days; Yamada once, 40 days ago (no longer counted).
  for (const [v, daysAgo] of [[sato, 5], [sato, 12], [yamada, 40]] as const) {
    const earlier = await helpRequest({ status: 'done', date: '2026-11-01' });
    await db().volunteerInvitation.create({ data: { requestId: earlier.id, volunteerId: v.id, status: 'accepted', invitedAt: new Date(t.clock.now().getTime() - daysAgo * 86_400_000) } });
  }
  return { yamada, sato, suzuki, ito, paused, left };
}

/** The rows of the table inside the element with this id: each row's cells as text. */
function tableRows(html: string, id: string): string[][] {
  const section = html.slice(html.indexOf(`id="${id}"`));
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...(m[1] as string).matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) =>
      (c[1] as string)
        .replace(/<\/li><li>/g, ' | ')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

/** The list's rows as text. */
function listRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...(m[1] as string).matchAll(/<td>([\s\S]*?)<\/td>/g)].map((c) => (c[1] as string).replace(/<[^>]+>/g, '').trim()));
}

describe('the list', () => {
  test('shows open requests soonest first in words, with people wanted and accepted; done and declined ones on their own tab', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const later = await helpRequest({ date: '2026-12-20', part: 'any', kind: 'heavy_work', districtCode: null, people: 5 });
    const matched = await helpRequest({ date: '2026-12-05', part: 'pm', status: 'matched', people: 2 });
    const { yamada, sato } = await seedVolunteers();
    await db().volunteerInvitation.createMany({
      data: [
        { requestId: matched.id, volunteerId: yamada.id, status: 'accepted', invitedAt: t.clock.now() },
        { requestId: matched.id, volunteerId: sato.id, status: 'accepted', invitedAt: t.clock.now() },
      ],
    });
    const scheduled = await helpRequest({ date: '2026-12-01', status: 'scheduled', kind: 'listening', districtCode: 'shiomidai' });
    const declined = await helpRequest({ date: '2026-12-02', status: 'declined' });

    const res = await get(coordinator, '/console/volunteer-requests');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>ボランティア依頼</h1>');
    expect(res.body).toContain('href="/console/volunteer-requests" aria-current="page"');
    expect(listRows(res.body)).toEqual([
      [scheduled.referenceNo, '12月1日(火)', '午前', '傾聴・話し相手', '汐見台地区社会福祉協議会', '1人 / 0人', '日時決定'],
      [matched.referenceNo, '12月5日(土)', '午後', '送迎・付き添い', '海岸地区社会福祉協議会', '2人 / 2人', 'ボランティア決定'],
      [later.referenceNo, '12月20日(日)', 'いつでも(指定なし)', '力仕事・片付け', '—', '5人以上 / 0人', '受付'],
    ]);
    expect(res.body).toContain(`href="/console/volunteer-requests/${scheduled.id}"`);

    const closed = await get(coordinator, '/console/volunteer-requests?show=closed');
    const rows = listRows(closed.body);
    // The three earlier requests seedVolunteers made are done; the declined one is here too, the latest day first.
    expect(rows.map((r) => r[6])).toEqual(['お受けできない', '完了', '完了', '完了']);
    expect(rows[0]?.[0]).toBe(declined.referenceNo);
  });
});

describe('a request’s page', () => {
  test('shows the details in words; every opening is audited with the requester, without personal data in the log', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const r = await helpRequest({ requesterType: 'organisation', orgName: 'みなと子ども食堂', phone: '0450009999', notes: '車いすを使っています', address: null, location: JSON.stringify({ latitude: 35.4437, longitude: 139.638, title: 'みなと集会所' }) });
    const res = await get(coordinator, `/console/volunteer-requests/${r.id}`);
    expect(res.statusCode).toBe(200);
    const facts = Object.fromEntries([...res.body.matchAll(/<dt>([^<]*)<\/dt><dd>([\s\S]*?)<\/dd>/g)].map((m) => [m[1], (m[2] as string).replace(/<[^>]+>/g, '').trim()]));
    expect(facts).toMatchObject({
      状態: '受付',
      受付番号: r.referenceNo,
      依頼した人: '団体:みなと子ども食堂',
      内容: '送迎・付き添い',
      日にち: '12月5日(土)',
      時間帯: '午前',
      人数: '1人(参加 0人)',
      地区: '海岸地区社会福祉協議会',
      場所: 'みなと集会所 地図で見る(別の画面で開きます)',
      電話: '045-000-9999',
      伝えたいこと: '車いすを使っています',
    });
    expect(res.body).toContain('href="https://www.google.com/maps/search/?api=1&amp;query=35.4437%2C139.638"');

    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'volunteerRequest.view' } });
    expect(audit).toMatchObject({ staffId: coordinator.member.id, subjectType: 'volunteerRequest', subjectId: r.id, residentId: r.residentId });
    expect(JSON.parse(audit.detail!)).toEqual({ status: 'received', invitations: 0 });

    const person = await helpRequest();
    const other = await get(coordinator, `/console/volunteer-requests/${person.id}`);
    expect(other.body).toContain('<dt>依頼した人</dt><dd><span class="description">個人(本人・家族)</span></dd>');
    expect(other.body).toContain('<dt>場所</dt><dd><span class="description">港区海岸通1-2-3</span></dd>');
    expect(other.body).toContain('<dt>電話</dt><dd><span class="description">LINEで連絡</span></dd>');
    expect(await db().auditLog.count({ where: { action: 'volunteerRequest.view' } })).toBe(2);
    const log = JSON.stringify(await db().auditLog.findMany());
    expect(log).not.toContain('みなと');
    expect(log).not.toContain('0450009999');
  });

  test('ranks the active volunteers (insurance, the day, the skill, the district, fairness) with each one’s reasons', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada, sato, suzuki, ito } = await seedVolunteers();
    const r = await helpRequest();
    const res = await get(coordinator, `/console/volunteer-requests/${r.id}`);
    expect(tableRows(res.body, 'candidates')).toEqual([
      ['選ぶ', '1', '山田 花子', '海岸地区社会福祉協議会', '保険 有効 | その日に活動できる(午前) | 得意:送迎・付き添い(主) | 同じ地区'],
      ['選ぶ', '2', '佐藤 一郎', '汐見台地区社会福祉協議会', '保険 有効 | その日に活動できる(午前) | 得意:送迎・付き添い(主) | ほかの地区 | 最近30日で2回依頼'],
      ['選ぶ', '3', '鈴木 次郎', '海岸地区社会福祉協議会', '保険 有効 | その日は活動できない | 得意:送迎・付き添い(主) | 同じ地区'],
      ['選ぶ', '4', '伊藤 さくら', '海岸地区社会福祉協議会', '保険が対象外 | その日に活動できる(午前) | 得意:送迎・付き添い(主) | 同じ地区'],
    ]);
    // Warnings stand out; each checkbox carries the volunteer's id and name.
    expect(res.body).toContain('<strong class="badge badge-danger">保険が対象外</strong>');
    expect(res.body).toContain('<strong class="badge badge-danger">その日は活動できない</strong>');
    for (const v of [yamada, sato, suzuki, ito]) expect(res.body).toContain(`name="volunteerIds" value="${v.id}" aria-label="${v.name}さんを選ぶ"`);
    expect(res.body).toContain('選んだ人に依頼する');
    expect(res.body).not.toContain('休止 中子');
    expect(res.body).not.toContain('退会 済男');

    // Once volunteers are matched, the ranking is no longer offered.
    await db().volunteerRequest.update({ where: { id: r.id }, data: { status: 'matched' } });
    const matched = await get(coordinator, `/console/volunteer-requests/${r.id}`);
    expect(matched.body).not.toContain('id="candidates"');
    expect(matched.body).not.toContain('選んだ人に依頼する');
  });

  test('an unknown id is a 404 page, and nothing is audited', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const res = await get(coordinator, '/console/volunteer-requests/no-such-request');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('ボランティア依頼が見つかりません');
    expect(await db().auditLog.count({ where: { action: { startsWith: 'volunteerRequest.' } } })).toBe(0);
  });
});

describe('inviting', () => {
  test('two coordinators inviting the same volunteers at once make one invitation and one notice each; the later is told why', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada, ito } = await seedVolunteers();
    const r = await helpRequest();
    const form = [['volunteerIds', yamada.id], ['volunteerIds', ito.id], ['confirmUninsured', 'on']] as Array<[string, string]>;
    const answers = await Promise.all([post(coordinator, `/console/volunteer-requests/${r.id}/invite`, form), post(coordinator, `/console/volunteer-requests/${r.id}/invite`, form)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([303, 409]);
    expect(answers.find((a) => a.statusCode === 303)!.headers.location).toBe(`/console/volunteer-requests/${r.id}?done=invited&n=2`);
    expect(answers.find((a) => a.statusCode === 409)!.body).toContain('選んだ人には依頼できませんでした。もう依頼しているか');
    expect(await db().volunteerInvitation.count({ where: { requestId: r.id } })).toBe(2);
    expect(await db().broadcast.count({ where: { kind: 'volunteer_notice' } })).toBe(2);
    expect(await db().auditLog.count({ where: { action: 'volunteerRequest.invite' } })).toBe(1);
  });

  test('writes an invitation and one personal Broadcast with accept and decline buttons per volunteer; they are then shown as invited', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada, sato, ito } = await seedVolunteers();
    const r = await helpRequest();
    // Ito's insurance does not cover the day: chosen anyway, with the confirmation.
    const res = await post(coordinator, `/console/volunteer-requests/${r.id}/invite`, [['volunteerIds', yamada.id], ['volunteerIds', ito.id], ['confirmUninsured', 'on']]);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/console/volunteer-requests/${r.id}?done=invited&n=2`);

    const invitations = await db().volunteerInvitation.findMany({ where: { requestId: r.id }, orderBy: { volunteerId: 'asc' } });
    expect(invitations.map((i) => i.volunteerId).sort()).toEqual([yamada.id, ito.id].sort());
    for (const i of invitations) expect(i).toMatchObject({ status: 'invited', invitedBy: coordinator.member.id, invitedAt: t.clock.now(), answeredAt: null });

    const broadcasts = await db().broadcast.findMany({ where: { kind: 'volunteer_notice' } });
    expect(broadcasts).toHaveLength(2);
    for (const inv of invitations) {
      const v = inv.volunteerId === yamada.id ? yamada : ito;
      const b = broadcasts.find((x) => JSON.parse(x.targeting).residentIds?.[0] === v.residentId);
      expect(b, v.name).toBeDefined();
      expect(b).toMatchObject({ title: `ボランティアのお願い:${r.referenceNo}`, status: 'scheduled', scheduledAt: t.clock.now(), createdBy: coordinator.member.id });
      expect(JSON.parse(b!.targeting)).toEqual({ residentIds: [v.residentId] });
      const content = JSON.parse(b!.content);
      expect(content.ja).toContain('送迎・付き添いの手伝いをお願いできませんか');
      expect(content.ja).toContain(r.referenceNo);
      expect(content.actions).toEqual([
        { data: `va=accept&i=${inv.id}`, label: expect.objectContaining({ ja: expect.any(String) }) },
        { data: `va=decline&i=${inv.id}`, label: expect.objectContaining({ ja: expect.any(String) }) },
      ]);
    }
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'volunteerRequest.invite' } });
    expect(audit).toMatchObject({ staffId: coordinator.member.id, subjectType: 'volunteerRequest', subjectId: r.id });
    expect(JSON.parse(audit.detail!)).toEqual({ chosen: 2, invited: 2, uninsured: 1, volunteerIds: [yamada.id, ito.id] });

    // The page after the redirect: the message, the invitations waiting, and the invited no longer offered.
    const page = await get(coordinator, res.headers.location as string);
    expect(page.body).toContain('<p class="status" role="status" tabindex="-1" id="done">2人に依頼しました。');
    // Invited at the same instant: in either order.
    expect(tableRows(page.body, 'invitations').map((row) => `${row[0]}:${row[1]}`).sort()).toEqual(['伊藤 さくら:返事待ち', '山田 花子:返事待ち']);
    const candidates = tableRows(page.body, 'candidates');
    expect(candidates.map((row) => [row[0], row[2]])).toEqual([
      ['依頼済み', '山田 花子'],
      ['選ぶ', '佐藤 一郎'],
      ['選ぶ', '鈴木 次郎'],
      ['依頼済み', '伊藤 さくら'],
    ]);
    expect(page.body).not.toContain(`value="${yamada.id}"`);
    expect(page.body).toContain(`value="${sato.id}"`);

    // The engine sends each invitation to the volunteer's LINE with the two buttons.
    await t.app.runBroadcasts();
    const yamadaUser = (await db().resident.findUniqueOrThrow({ where: { id: yamada.residentId } })).lineUserId;
    const sent = JSON.stringify(t.messenger.sent.filter((s) => s.to === yamadaUser));
    const yamadaInvitation = invitations.find((i) => i.volunteerId === yamada.id)!;
    expect(sent).toContain(`va=accept&i=${yamadaInvitation.id}`);
    expect(sent).toContain(`va=decline&i=${yamadaInvitation.id}`);
  });

  test('a volunteer whose insurance does not cover the day is invited only once the coordinator confirms; their invitation says so and how to renew', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada, ito } = await seedVolunteers();
    const r = await helpRequest();
    const page = await get(coordinator, `/console/volunteer-requests/${r.id}`);
    expect(page.body).toContain('name="confirmUninsured"');

    const chosen: Array<[string, string]> = [['volunteerIds', yamada.id], ['volunteerIds', ito.id]];
    const unconfirmed = await post(coordinator, `/console/volunteer-requests/${r.id}/invite`, chosen);
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.body).toContain('<p class="alert" role="alert" tabindex="-1" id="done">保険が対象外の人が選ばれています:伊藤 さくらさん。12月5日(土)の活動は、登録されているボランティア活動保険の対象になりません。');
    // What was chosen stays chosen; nothing is written, nobody is told.
    expect(unconfirmed.body).toContain(`name="volunteerIds" value="${yamada.id}" aria-label="山田 花子さんを選ぶ" checked`);
    expect(unconfirmed.body).toContain(`name="volunteerIds" value="${ito.id}" aria-label="伊藤 さくらさんを選ぶ" checked`);
    expect(await db().volunteerInvitation.count({ where: { requestId: r.id } })).toBe(0);
    expect(await db().broadcast.count({ where: { kind: 'volunteer_notice' } })).toBe(0);
    expect(await db().auditLog.count({ where: { action: 'volunteerRequest.invite' } })).toBe(0);

    const confirmed = await post(coordinator, `/console/volunteer-requests/${r.id}/invite`, [...chosen, ['confirmUninsured', 'on']]);
    expect(confirmed.headers.location).toBe(`/console/volunteer-requests/${r.id}?done=invited&n=2`);
    const contentFor = async (residentId: string) => {
      const b = (await db().broadcast.findMany({ where: { kind: 'volunteer_notice' } })).find((x) => JSON.parse(x.targeting).residentIds?.[0] === residentId);
      return JSON.parse(b!.content) as Record<string, string>;
    };
    const itoNotice = await contentFor(ito.residentId);
    expect(itoNotice.ja).toContain('登録されているボランティア活動保険では、12月5日(土)の活動は補償されません。');
    expect(itoNotice.ja).toContain('2026年度のボランティア活動保険に入ってください');
    expect(itoNotice.ja).toContain('☎ 045-000-1200');
    expect(itoNotice.en).toContain('does not cover');
    expect(itoNotice['ja-x-easy']).toContain('ほけん');
    expect((await contentFor(yamada.residentId)).ja).not.toContain('補償されません');
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'volunteerRequest.invite' } });
    expect(JSON.parse(audit.detail!)).toEqual({ chosen: 2, invited: 2, uninsured: 1, volunteerIds: [yamada.id, ito.id] });
  });

  test('refuses an empty choice (400), an already invited volunteer (409) and a request no longer looking (409)', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada, sato } = await seedVolunteers();
    const r = await helpRequest();
    const none = await post(coordinator, `/console/volunteer-requests/${r.id}/invite`);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('<p class="alert" role="alert" tabindex="-1" id="done">依頼するボランティアを1人以上選んでください。</p>');

    expect((await post(coordinator, `/console/volunteer-requests/${r.id}/invite`, [['volunteerIds', yamada.id]])).statusCode).toBe(303);
    const again = await post(coordinator, `/console/volunteer-requests/${r.id}/invite`, [['volunteerIds', yamada.id]]);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('選んだ人には依頼できませんでした');
    expect(await db().volunteerInvitation.count({ where: { requestId: r.id } })).toBe(1);
    expect(await db().broadcast.count({ where: { kind: 'volunteer_notice' } })).toBe(1);

    await db().volunteerRequest.update({ where: { id: r.id }, data: { status: 'matched' } });
    const late = await post(coordinator, `/console/volunteer-requests/${r.id}/invite`, [['volunteerIds', sato.id]]);
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('この依頼は「ボランティア決定」になっているため、もう依頼できません。');
    expect(await db().volunteerInvitation.count({ where: { requestId: r.id } })).toBe(1);
    expect(await db().auditLog.count({ where: { action: 'volunteerRequest.invite' } })).toBe(1);
  });
});

describe('status changes', () => {
  /** The notices written for the requester, oldest first. */
  const noticesTo = async (residentId: string) =>
    (await db().broadcast.findMany({ where: { kind: 'volunteer_notice' }, orderBy: { createdAt: 'asc' } })).filter((b) => JSON.parse(b.targeting).residentIds?.includes(residentId));

  test('日時決定 then 完了 each write a notice to the requester; a move back is refused (409) with the page re-shown', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    // Today's request: 完了 is offered from the activity's day on.
    const r = await helpRequest({ status: 'matched', date: '2026-11-24' });
    const page = await get(coordinator, `/console/volunteer-requests/${r.id}`);
    expect(page.body).toContain('日時決定にする');
    expect(page.body).toContain('完了にする');
    expect(page.body).toContain('お受けできないことにする');

    const scheduled = await post(coordinator, `/console/volunteer-requests/${r.id}/status`, { to: 'scheduled' });
    expect(scheduled.statusCode).toBe(303);
    expect(scheduled.headers.location).toBe(`/console/volunteer-requests/${r.id}?done=scheduled`);
    expect(await db().volunteerRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: 'scheduled', updatedAt: t.clock.now() });
    let notices = await noticesTo(r.residentId);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: `日時決定の連絡:${r.referenceNo}`, status: 'scheduled' });
    expect(JSON.parse(notices[0]!.content).ja).toContain('【日時が決まりました】');
    expect((await get(coordinator, scheduled.headers.location as string)).body).toContain('<p class="status" role="status" tabindex="-1" id="done">「日時決定」にしました。');

    t.clock.advance(60_000);
    const done = await post(coordinator, `/console/volunteer-requests/${r.id}/status`, { to: 'done' });
    expect(done.statusCode).toBe(303);
    notices = await noticesTo(r.residentId);
    expect(notices.map((n) => n.title)).toEqual([`日時決定の連絡:${r.referenceNo}`, `活動終了の連絡:${r.referenceNo}`]);
    expect(JSON.parse(notices[1]!.content).ja).toContain('【活動が終わりました】');

    const back = await post(coordinator, `/console/volunteer-requests/${r.id}/status`, { to: 'scheduled' });
    expect(back.statusCode).toBe(409);
    expect(back.body).toContain('<p class="alert" role="alert" tabindex="-1" id="done">いまの状態(完了)からは「日時決定」にできません。</p>');
    expect(back.body).not.toContain('id="status-change"');
    expect((await db().volunteerRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('done');
    expect(await noticesTo(r.residentId)).toHaveLength(2);

    const audits = await db().auditLog.findMany({ where: { action: 'volunteerRequest.status' }, orderBy: { at: 'asc' } });
    expect(audits.map((a) => JSON.parse(a.detail!))).toEqual([
      { from: 'matched', to: 'scheduled' },
      { from: 'scheduled', to: 'done' },
    ]);
    expect(audits[0]).toMatchObject({ staffId: coordinator.member.id, subjectId: r.id, residentId: r.residentId });
  });

  test('完了 is refused before the activity’s day (409, in Japanese): the requester is not told it is over, volunteers are not asked for hours', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada } = await seedVolunteers();
    const r = await helpRequest({ status: 'scheduled', date: '2026-12-05' });
    await db().volunteerInvitation.create({ data: { requestId: r.id, volunteerId: yamada.id, status: 'accepted', invitedAt: t.clock.now() } });
    const broadcasts = await db().broadcast.count();

    const page = await get(coordinator, `/console/volunteer-requests/${r.id}`);
    expect(page.body).not.toContain('完了にする');
    expect(page.body).toContain('活動の日(12月5日(土))になったら、「完了」にできます。');

    const early = await post(coordinator, `/console/volunteer-requests/${r.id}/status`, { to: 'done' });
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('<p class="alert" role="alert" tabindex="-1" id="done">活動の日(12月5日(土))がまだ来ていないため、「完了」にできません。');
    expect((await db().volunteerRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('scheduled');
    expect(await db().broadcast.count()).toBe(broadcasts);
    expect(await db().auditLog.count({ where: { action: 'volunteerRequest.status' } })).toBe(0);

    // On the day itself (after the activity) it can be closed: the requester is thanked, the volunteer asked for hours.
    t.clock.set('2026-12-05T17:00:00+09:00');
    const again = await loginAs(t.app, 'coordinator');
    expect((await get(again, `/console/volunteer-requests/${r.id}`)).body).toContain('完了にする');
    expect((await post(again, `/console/volunteer-requests/${r.id}/status`, { to: 'done' })).statusCode).toBe(303);
    expect((await db().volunteerRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('done');
    expect((await noticesTo(r.residentId)).map((n) => n.title)).toEqual([`活動終了の連絡:${r.referenceNo}`]);
    expect((await noticesTo(yamada.residentId)).map((n) => n.title)).toEqual([`活動の記録のお願い:${r.referenceNo}`]);
  });

  test('a decline needs a reason of at most 200 characters, which the requester receives; waiting invitations are withdrawn', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada } = await seedVolunteers();
    const r = await helpRequest();
    await post(coordinator, `/console/volunteer-requests/${r.id}/invite`, [['volunteerIds', yamada.id]]);

    const blank = await post(coordinator, `/console/volunteer-requests/${r.id}/status`, { to: 'declined', reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('お受けできない理由を書いてください。');
    const long = await post(coordinator, `/console/volunteer-requests/${r.id}/status`, { to: 'declined', reason: 'あ'.repeat(201) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('理由は200文字までにしてください(いま201文字)。');
    expect(long.body).toContain(`>${'あ'.repeat(201)}</textarea>`);
    const unknown = await post(coordinator, `/console/volunteer-requests/${r.id}/status`, { to: 'matched' });
    expect(unknown.statusCode).toBe(400);
    // Received → done skips the volunteers: refused.
    expect((await post(coordinator, `/console/volunteer-requests/${r.id}/status`, { to: 'done' })).statusCode).toBe(409);
    expect((await db().volunteerRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('received');
    expect(await noticesTo(r.residentId)).toHaveLength(0);

    const reason = 'その日に行けるボランティアが見つかりませんでした';
    const res = await post(coordinator, `/console/volunteer-requests/${r.id}/status`, { to: 'declined', reason });
    expect(res.statusCode).toBe(303);
    expect(await db().volunteerRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: 'declined', declineReason: reason });
    expect((await db().volunteerInvitation.findFirstOrThrow({ where: { requestId: r.id } })).status).toBe('withdrawn');
    const notices = await noticesTo(r.residentId);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toBe(`お受けできない連絡:${r.referenceNo}`);
    expect(JSON.parse(notices[0]!.content).ja).toContain(`理由:${reason}`);

    const page = await get(coordinator, `/console/volunteer-requests/${r.id}`);
    expect(page.body).toContain(`<dt>お受けできない理由</dt><dd><span class="description">${reason}</span></dd>`);
    expect(tableRows(page.body, 'invitations')[0]?.[1]).toBe('取り下げ');
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'volunteerRequest.status' } });
    expect(JSON.parse(audit.detail!)).toEqual({ from: 'received', to: 'declined', reasonLength: reason.length });
    expect(audit.detail).not.toContain(reason);
  });
});

describe('permissions and the audit page', () => {
  test('counsellors get 403 everywhere and see no nav item; coordinators and admins see ボランティア依頼', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada } = await seedVolunteers();
    const r = await helpRequest();
    const counsellor = await loginAs(t.app, 'counsellor');
    for (const url of ['/console/volunteer-requests', '/console/volunteer-requests?show=closed', `/console/volunteer-requests/${r.id}`]) {
      expect((await get(counsellor, url)).statusCode, url).toBe(403);
    }
    expect((await post(counsellor, `/console/volunteer-requests/${r.id}/invite`, [['volunteerIds', yamada.id]])).statusCode).toBe(403);
    expect((await post(counsellor, `/console/volunteer-requests/${r.id}/status`, { to: 'declined', reason: '理由' })).statusCode).toBe(403);
    expect(await db().volunteerInvitation.count({ where: { requestId: r.id } })).toBe(0);
    expect((await db().volunteerRequest.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('received');
    expect(await db().auditLog.count({ where: { action: { startsWith: 'volunteerRequest.' } } })).toBe(0);
    expect((await get(counsellor, '/console')).body).not.toContain('href="/console/volunteer-requests"');
    expect((await get(coordinator, '/console')).body).toContain('<a href="/console/volunteer-requests"');
    const admin = await loginAs(t.app, 'admin');
    expect((await get(admin, '/console/volunteer-requests')).statusCode).toBe(200);
  });

  test('the audit page names the request actions in Japanese', async () => {
    const admin = await loginAs(t.app, 'admin');
    const { yamada } = await seedVolunteers();
    const r = await helpRequest();
    await get(admin, `/console/volunteer-requests/${r.id}`);
    await post(admin, `/console/volunteer-requests/${r.id}/invite`, [['volunteerIds', yamada.id]]);
    await post(admin, `/console/volunteer-requests/${r.id}/status`, { to: 'scheduled' });
    const res = await get(admin, '/console/audit');
    expect(res.body).toContain('ボランティア依頼の閲覧（volunteerRequest.view）');
    expect(res.body).toContain('ボランティアへの依頼（volunteerRequest.invite）');
    expect(res.body).toContain('ボランティア依頼の状態の変更（volunteerRequest.status）');
  });
});

describe('when the audit log cannot be written', () => {
  test('inviting and a status change fail with the error page; no invitation, no new status, nobody told', async () => {
    const coordinator = await loginAs(t.app, 'coordinator');
    const { yamada, sato } = await seedVolunteers();
    const r = await helpRequest();
    const matched = await helpRequest({ status: 'matched' });
    const invitations = await db().volunteerInvitation.count();
    await breakAuditLog(db());

    const invite = await post(coordinator, `/console/volunteer-requests/${r.id}/invite`, [['volunteerIds', yamada.id], ['volunteerIds', sato.id]]);
    expect(invite.statusCode).toBe(500);
    expect(invite.body).toContain('処理中に問題が発生しました');
    expect(await db().volunteerInvitation.count()).toBe(invitations);
    const decline = await post(coordinator, `/console/volunteer-requests/${r.id}/status`, { to: 'declined', reason: '日程が合いません' });
    expect(decline.statusCode).toBe(500);
    expect(await db().volunteerRequest.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({ status: 'received', declineReason: null });
    expect((await post(coordinator, `/console/volunteer-requests/${matched.id}/status`, { to: 'scheduled' })).statusCode).toBe(500);
    expect((await db().volunteerRequest.findUniqueOrThrow({ where: { id: matched.id } })).status).toBe('matched');
    expect(await db().broadcast.count()).toBe(0);

    // Once the log works again, the invitation goes out, audited with how many were invited.
    await repairAuditLog(db());
    expect((await post(coordinator, `/console/volunteer-requests/${r.id}/invite`, [['volunteerIds', yamada.id], ['volunteerIds', sato.id]])).headers.location).toBe(`/console/volunteer-requests/${r.id}?done=invited&n=2`);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'volunteerRequest.invite' } });
    expect(JSON.parse(audit.detail!)).toEqual({ chosen: 2, invited: 2, uninsured: 0, volunteerIds: [yamada.id, sato.id] });
  });
});
