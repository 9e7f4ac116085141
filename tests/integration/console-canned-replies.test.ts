// Under test: the conversation page's canned replies (定型文) in the resident's language — canned-reply-views.ts through
// thread-routes and thread.eta — with replies saved as the settings pages save them (saveSettings) and residents who
// chose their language in LINE (signed webhooks). A reply with no text in the resident's language inserts the
// やさしい日本語 (else Japanese) text headed by the bot's one-line note in the resident's language, and tells staff in
// Japanese; one with it inserts it as it is. The real app through app.inject on a temp database. Faked: the clock
// (FakeClock) and LINE (a recording messenger).
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { CouncilProfile } from '../../src/domain/council-profile';
import { PrismaAuditLog } from '../../src/infra/prisma/prisma-audit-log';
import { PrismaSettings } from '../../src/infra/prisma/prisma-settings';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import { saveSettings } from '../../src/usecases/settings/save-settings';
import { loginAs, postForm, type ConsoleLogin } from '../helpers/console';
import { eventFrom, newUserId, postbackFrom, textFrom } from '../helpers/line-events';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let staff: ConsoleLogin & { member: { id: string } };
let ts = 0;
const db = () => t.testDb.db;

beforeEach(async () => {
  t = await createTestApp();
  staff = await loginAs(t.app, 'coordinator', { displayName: '佐藤' });
  ts = t.clock.now().getTime();
});
afterEach(async () => {
  await t.close();
});

type CannedReplies = CouncilProfile['consultation']['cannedReplies'];

const GREETING = { title: '受付のごあいさつ', text: 'ご連絡ありがとうございます。担当の者です。', texts: { 'ja-x-easy': 'れんらく ありがとう ございます。たんとうの ものです。' } };
const PHONE = {
  title: '電話で詳しく',
  text: 'お電話でお話しできますか。',
  texts: { 'ja-x-easy': 'でんわで はなせますか。', vi: 'Chúng tôi có thể nói chuyện qua điện thoại không?' },
};
const PAPERS = { title: '書類の案内', text: '本人確認書類をご用意ください。' };

/** Saves the canned replies as the settings pages do (checked whole, a version and an audit row). */
async function saveCanned(cannedReplies: CannedReplies): Promise<void> {
  const work = new PrismaUnitOfWork(db(), (tx) => ({ settings: new PrismaSettings(tx), audit: new PrismaAuditLog(tx) }));
  const consultation = { ...t.app.profile.consultation, cannedReplies };
  await saveSettings({ work, file: t.app.settings.file }, { sections: { consultation }, kind: 'edit' }, { staffId: staff.member.id, ip: '127.0.0.1', at: t.clock.now() });
}

/** A friend who agreed, chose `language` and asked for staff (typed in that language): their waiting thread's id. */
async function residentAsking(language: string, ask: string): Promise<{ user: string; id: string }> {
  const user = newUserId();
  const send = async (event: object) => expect((await t.post([event])).status).toBe(200);
  await send(eventFrom(t.messenger, 'follow', user, { timestamp: ++ts }));
  await send(postbackFrom(t.messenger, user, 'c=yes', { timestamp: ++ts }));
  if (language !== 'ja') await send(postbackFrom(t.messenger, user, `lang=${language}`, { timestamp: ++ts }));
  await send(textFrom(t.messenger, user, ask, { timestamp: ++ts }));
  const conversation = await db().conversation.findFirstOrThrow({ where: { resident: { lineUserId: user } } });
  expect({ owner: conversation.owner, language: (await db().resident.findUniqueOrThrow({ where: { lineUserId: user } })).language }).toEqual({ owner: 'waiting', language });
  return { user, id: conversation.id };
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The canned-reply buttons of the conversation page: their title, the text they insert and their note for staff. */
async function cannedButtons(id: string): Promise<Array<{ title: string; text: string; notice: string | null }>> {
  const page = await t.app.server.inject({ method: 'GET', url: `/console/threads/${id}`, headers: { cookie: staff.cookie } });
  expect(page.statusCode).toBe(200);
  return [...page.body.matchAll(/<button type="button" class="button button-secondary canned-use" data-text="([^"]*)"(?: data-notice="([^"]*)")?[^>]*>([^<]*)<\/button>/g)].map((m) => ({
    title: unescape(m[3]!),
    text: unescape(m[1]!),
    notice: m[2] === undefined ? null : unescape(m[2]),
  }));
}

const note = (language: string, key: 'inEasy' | 'inJapanese') => t.app.deps.translator.t(language as 'vi', `common:staffText.${key}`);

describe('canned replies on the conversation page, in the resident\'s language', () => {
  test('a Vietnamese resident: easy Japanese headed by the Vietnamese note where there is no Vietnamese, the Vietnamese text where there is', async () => {
    await saveCanned([GREETING, PHONE, PAPERS]);
    const { id } = await residentAsking('vi', 'nhân viên');

    const buttons = await cannedButtons(id);
    expect(note('vi', 'inEasy')).toContain('tiếng Việt');
    expect(buttons).toEqual([
      { title: '受付のごあいさつ', text: `${note('vi', 'inEasy')}\nれんらく ありがとう ございます。たんとうの ものです。`, notice: 'この方はベトナム語です。ベトナム語の定型文がないため、やさしい日本語を入れます。' },
      { title: '電話で詳しく', text: 'Chúng tôi có thể nói chuyện qua điện thoại không?', notice: null },
      { title: '書類の案内', text: `${note('vi', 'inJapanese')}\n本人確認書類をご用意ください。`, notice: 'この方はベトナム語です。ベトナム語の定型文がないため、日本語を入れます。' },
    ]);
    // The staff notice is shown beside its button, once each.
    const body = (await t.app.server.inject({ method: 'GET', url: `/console/threads/${id}`, headers: { cookie: staff.cookie } })).body;
    expect(body.match(/<span class="hint canned-notice"[^>]*>この方はベトナム語です。ベトナム語の定型文がないため、やさしい日本語を入れます。<\/span>/g)).toHaveLength(1);
  });

  test('what staff send after editing the inserted text is what the resident gets, once', async () => {
    await saveCanned([GREETING]);
    const { user, id } = await residentAsking('vi', 'nhân viên');
    const [greeting] = await cannedButtons(id);
    const edited = `${greeting!.text}\n(佐藤より)`;

    const before = t.messenger.sent.filter((s) => s.to === user).length;
    const res = await postForm(t.app.server, staff, `/console/threads/${id}/reply`, { text: edited });
    expect(res.statusCode).toBe(303);
    await vi.waitFor(async () => expect(await db().outboundMessage.count({ where: { status: { in: ['pending', 'attempting'] } } })).toBe(0));
    const pushes = t.messenger.sent.filter((s) => s.to === user).slice(before);
    expect(pushes).toHaveLength(1);
    const sent = JSON.stringify(pushes[0]!.messages);
    expect(sent).toContain(JSON.stringify(note('vi', 'inEasy')).slice(1, -1));
    expect(sent).toContain('(佐藤より)');
  });

  test('a Japanese resident gets the Japanese texts with no note; old replies without other languages work as before', async () => {
    await saveCanned([GREETING, PAPERS]);
    const { id } = await residentAsking('ja', 'スタッフと話したい');
    expect(await cannedButtons(id)).toEqual([
      { title: '受付のごあいさつ', text: 'ご連絡ありがとうございます。担当の者です。', notice: null },
      { title: '書類の案内', text: '本人確認書類をご用意ください。', notice: null },
    ]);
  });
});
