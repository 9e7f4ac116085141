// Under test: consent per topic and referrals with consent end to end — signed webhooks through app.inject, the real
// flows, runner, consultation module and Prisma on a temp SQLite file, the console's 紹介する through app.inject, and
// the broadcast engine sending the resident's notices. Faked: the clock (FakeClock) and LINE (RecordingMessenger).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { REFERRAL_CONSENT_VERSION, TOPIC_CONSENT_VERSION } from '../../src/domain/topic-consent';
import { loginAs, postForm } from '../helpers/console';
import { ResidentTalk } from '../helpers/resident-talk';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let talk: ResidentTalk;

beforeEach(async () => {
  t = await createTestApp();
  t.clock.set('2026-11-24T10:00:00+09:00');
  talk = new ResidentTalk(t);
});
afterEach(async () => {
  await t?.close();
});

const db = () => t.app.db;
const tr = (key: string, params?: Record<string, string>) => t.app.deps.translator.t('ja', key, params);

/** The resident's inputs in order (with `=` a tap, else typed), each processed before the next. */
const says = (user: string, ...inputs: string[]) => talk.say(user, ...inputs);

/** A new friend who agrees to the privacy notice; returns their LINE user id. */
async function followAndConsent(): Promise<string> {
  const user = await talk.follows();
  await says(user, 'c=yes');
  return user;
}

const sentTo = (user: string) => t.messenger.sent.filter((s) => s.to === user);
const lastText = (user: string) => JSON.stringify(sentTo(user).at(-1)?.messages ?? []);
const consentRows = (user: string) => db().topicConsent.findMany({ where: { resident: { lineUserId: user } }, orderBy: { at: 'asc' } });
const ELDERLY_DETAILS = ['forWhom=self', 'd=kaigan', 'contact=phone', '045-000-1234', 'contactTime=anytime', 'urgency=normal'];

describe('a topic asked when a consultation first needs it', () => {
  test('declining health: stored as declined, the consultation is sent with the area and phone only; asked again only when a later area needs it', async () => {
    const user = await followAndConsent();
    await says(user, 'menu=consult', 'cat=elderly', 'about=go');
    expect(lastText(user)).toContain(tr('consent:ask.question'));
    const before = sentTo(user).length;
    await says(user, 'tc=no');
    expect(sentTo(user).length).toBe(before + 1); // one reply: the plain consequence and the next question
    expect(lastText(user)).toContain(tr('consent:ask.declined', { phone: t.app.profile.contact.phone }).slice(0, 20));
    await says(user, ...ELDERLY_DETAILS, 'confirm=send');

    expect(await consentRows(user)).toEqual([expect.objectContaining({ topic: 'health', decision: 'declined', version: TOPIC_CONSENT_VERSION })]);
    expect(await db().consultation.findFirstOrThrow({ where: { resident: { lineUserId: user } } })).toMatchObject({ categoryCode: 'elderly', description: '', contactMethod: 'phone', phone: '0450001234' });
    expect(lastText(user)).toContain(tr('consultation:done.notKept'));

    // An area touching no topic asks nothing; one touching health asks again.
    await says(user, 'menu=consult', 'cat=volunteering', 'about=go');
    expect((await db().flowState.findFirstOrThrow({ where: { resident: { lineUserId: user } } })).step).toBe('forWhom');
    t.clock.advance(60_000); // decisions apart in time: the latest is the current one
    await says(user, 'menu=consult', 'cat=elderly', 'about=go');
    expect((await db().flowState.findFirstOrThrow({ where: { resident: { lineUserId: user } } })).step).toBe('topicConsent');
    await says(user, 'tc=yes');
    expect((await consentRows(user)).map((r) => r.decision)).toEqual(['declined', 'granted']);
  });

  test('a danger message at the question gets the safety reply and an alert; no decision is stored', async () => {
    const user = await followAndConsent();
    await says(user, 'menu=consult', 'cat=elderly', 'about=go', '死にたい');
    expect(await db().safetyAlert.count()).toBe(1);
    expect(await consentRows(user)).toEqual([]);
  });
});

describe('withdrawing a topic in Settings', () => {
  test('money withdrawn: the details of the open consultation in a money area are erased, the rest and the alert stay', async () => {
    const user = await followAndConsent();
    await says(user, 'menu=consult', 'cat=food_hardship', 'about=go', 'tc=yes', 'forWhom=self', 'd=kaigan', 'contact=line', 'contactTime=anytime', 'urgency=soon', '今月の食費が足りません。', 'desc=done', 'confirm=send');
    await says(user, '死にたい'); // a safety alert on the same thread
    const c = await db().consultation.findFirstOrThrow({ where: { resident: { lineUserId: user } } });
    expect(c.description).toBe('今月の食費が足りません。');

    // The thread is held by staff now (waiting); Settings is reached from the menu after the bot takes it back.
    await db().conversation.updateMany({ where: { residentId: c.residentId }, data: { owner: 'closed', closedAt: t.clock.now() } });
    t.clock.advance(60_000);
    await says(user, 'menu=settings', 's=consents');
    expect(lastText(user)).toContain('tw=money');
    await says(user, 'tw=money');
    expect(lastText(user)).toContain(tr('consent:withdraw.topic.money').slice(0, 20));
    await says(user, 'twc=yes');

    expect((await consentRows(user)).map((r) => [r.topic, r.decision])).toEqual([['money', 'granted'], ['money', 'withdrawn']]);
    expect(await db().consultation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ description: '', attachmentIds: '[]', categoryCode: 'food_hardship', referenceNo: c.referenceNo });
    expect(await db().safetyAlert.count()).toBe(1);
    expect(lastText(user)).toContain(tr('consent:withdraw.done'));
  });
});

describe('referral with consent', () => {
  async function consultation(user: string) {
    await says(user, 'menu=consult', 'cat=elderly', 'about=go', 'tc=yes', ...ELDERLY_DETAILS, 'ひとり暮らしで不安です', 'desc=done', 'confirm=send');
    const c = await db().consultation.findFirstOrThrow({ where: { resident: { lineUserId: user } }, orderBy: { createdAt: 'desc' } });
    return { c, threadId: c.conversationId! };
  }

  test('staff refer; the resident is asked in LINE, taps はい: referred with the consent, told where and what next', async () => {
    const user = await followAndConsent();
    const { c, threadId } = await consultation(user);
    const login = await loginAs(t.app, 'counsellor', { teams: ['community', 'livelihood', 'anshin'] });
    const page = await t.app.server.inject({ method: 'GET', url: `/console/threads/${threadId}`, headers: { cookie: login.cookie } });
    expect(page.body).toContain('本人の同意');
    expect(page.body).toContain('紹介:まだしていない');

    const res = await postForm(t.app.server, login, `/console/consultations/${c.id}/refer`, { threadId, partner: 'houkatsu_kaigan' });
    expect(res.statusCode).toBe(303);
    const asked = await db().referral.findFirstOrThrow({ where: { consultationId: c.id } });
    expect(asked).toMatchObject({ partnerCode: 'houkatsu_kaigan', status: 'asked', consentId: null, staffId: login.member.id });
    expect(await db().auditLog.count({ where: { action: 'consultation.referralAsked', subjectId: c.id } })).toBe(1);

    const pushes = () => sentTo(user).filter((s) => s.method === 'push').length;
    const before = pushes();
    await t.app.runBroadcasts();
    expect(pushes()).toBe(before + 1);
    expect(lastText(user)).toContain(`ref=${asked.id}&a=yes`);

    await says(user, `ref=${asked.id}&a=yes`);
    const referred = await db().referral.findUniqueOrThrow({ where: { id: asked.id } });
    const consent = await db().topicConsent.findFirstOrThrow({ where: { topic: 'referral:houkatsu_kaigan' } });
    expect(referred).toMatchObject({ status: 'referred', consentId: consent.id, consentVersion: REFERRAL_CONSENT_VERSION });
    expect(consent).toMatchObject({ decision: 'granted', residentId: c.residentId });
    expect(await db().consultation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'referred', referralTarget: '海岸地域包括支援センター' });
    expect(lastText(user)).toContain('045-000-2001');

    // A second tap changes nothing.
    await says(user, `ref=${asked.id}&a=no`);
    expect(await db().referral.findUniqueOrThrow({ where: { id: asked.id } })).toMatchObject({ status: 'referred' });
    expect(await db().topicConsent.count({ where: { topic: 'referral:houkatsu_kaigan' } })).toBe(1);

    const after = await t.app.server.inject({ method: 'GET', url: `/console/threads/${threadId}`, headers: { cookie: login.cookie } });
    expect(after.body).toContain('紹介済み');
    expect(after.body).toContain(`${login.member.displayName}が紹介`);
    expect(after.body).toContain(`本人の同意(版 ${REFERRAL_CONSENT_VERSION})による`);
    expect(after.body).toContain('紹介の同意あり');
  });

  test('with the consent already given, staff refer at once and the resident is told where and what next', async () => {
    const user = await followAndConsent();
    const { c, threadId } = await consultation(user);
    await db().topicConsent.create({ data: { residentId: c.residentId, topic: 'referral:minsei', decision: 'granted', version: REFERRAL_CONSENT_VERSION, at: t.clock.now() } });
    const login = await loginAs(t.app, 'coordinator');
    await postForm(t.app.server, login, `/console/consultations/${c.id}/refer`, { threadId, partner: 'minsei' });
    expect(await db().referral.findFirstOrThrow({ where: { consultationId: c.id } })).toMatchObject({ status: 'referred', partnerCode: 'minsei' });
    expect(await db().consultation.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: 'referred', referralTarget: '地区の民生委員' });
    expect(await db().auditLog.count({ where: { action: 'consultation.referred', subjectId: c.id } })).toBe(1);
    await t.app.runBroadcasts();
    expect(lastText(user)).toContain('地区の民生委員');
  });

  test('いいえ: recorded as declined, nothing passed, the consultation keeps its status', async () => {
    const user = await followAndConsent();
    const { c, threadId } = await consultation(user);
    const login = await loginAs(t.app, 'coordinator');
    await postForm(t.app.server, login, `/console/consultations/${c.id}/refer`, { threadId, partner: 'seikatsu_shien' });
    const asked = await db().referral.findFirstOrThrow({ where: { consultationId: c.id } });
    await says(user, `ref=${asked.id}&a=no`);
    expect(await db().referral.findUniqueOrThrow({ where: { id: asked.id } })).toMatchObject({ status: 'declined' });
    expect(await db().topicConsent.findFirstOrThrow({ where: { topic: 'referral:seikatsu_shien' } })).toMatchObject({ decision: 'declined' });
    expect((await db().consultation.findUniqueOrThrow({ where: { id: c.id } })).status).toBe(c.status);
    expect(lastText(user)).toContain(tr('consent:referral.declined', { name: '市役所 生活支援課' }));
  });
});
