/**
 * A database of what a few years bring, for `npm run bench:growth`: `seedLarge(file, scale)`.
 *
 * At scale 1: 50,000 residents, 1 M processed WebhookEvent rows (redacted LINE text events), 1 M OutboundMessage rows
 * (~1.4 KB rendered bodies, mostly sent, over 3 years), 20,000 threads with 500,000 messages (one thread with 5,000),
 * 10,000 volunteers with requests and invitations (hours), 2 M BroadcastDelivery rows (+ broadcasts and batches),
 * 300,000 audit rows, and consultations, safety alerts, donations, events, complaints, FAQ questions, staff sessions
 * and a closed disaster centre's needs in proportion. `scale` multiplies every count (0.01: the 1% database).
 *
 * The file is migrated as production is (`applyMigrations`), then filled with node:sqlite directly: most tables by
 * one `INSERT … SELECT` over a recursive counter each (row values computed in SQL, no round trip per row), the rest
 * by prepared statements, all in one transaction with the journal off. Ids are UUID-shaped and deterministic
 * (`uuid(tag, i)`), so foreign keys are computed, not looked up. Times are ISO strings as Prisma writes them.
 *
 * `cachedLarge(scale)` builds once per schema: the file is kept under the system's temp folder, keyed by a hash of
 * the schema, the migrations and this file, so reruns start in seconds. Never commit these files.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Argon2PasswordHasher } from '../../src/infra/argon2-password-hasher';
import { SecretBox } from '../../src/infra/secret-box';
import { applyMigrations, MIGRATIONS_DIR, SCHEMA_PATH } from '../../src/infra/prisma/migrations';

/** The bench's console account: an admin with two-factor sign-in on (secret below). */
export const BENCH_ADMIN = { loginId: 'bench-admin', password: 'bench growth password 2026' } as const;
export const BENCH_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** The consent version residents of the seed agreed to (the app's current one, so nobody is asked again). */
const CONSENT_VERSION = '2026-12-06';

const DAY = 86_400_000;
const SPAN = 3 * 365 * DAY;

/** Table tags of the deterministic ids. */
const TAG = {
  resident: 1, webhook: 2, outbound: 3, conversation: 4, message: 5, consultation: 6, audit: 7, volunteer: 8, request: 9,
  invitation: 10, broadcast: 11, batch: 12, delivery: 13, donation: 14, event: 15, registration: 16, staff: 17, session: 18,
  complaint: 19, need: 20, needReport: 21, alert: 22, allocation: 23, wanted: 24, faq: 25, centre: 26, needEvent: 27,
} as const;

/** A UUID-shaped id, unique per (tag, i). */
export function uuid(tag: number, i: number): string {
  return `${tag.toString(16).padStart(8, '0')}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}
const uuidSql = (tag: number, expr: string) => `printf('%08x-0000-4000-8000-%012x', ${tag}, ${expr})`;
/** A resident's LINE user id (U + 32 hex). */
export const lineUserIdOf = (i: number) => `U${i.toString(16).padStart(32, '0')}`;
const lineUserSql = (expr: string) => `printf('U%032x', ${expr})`;
const isoSql = (msExpr: string) => `strftime('%Y-%m-%dT%H:%M:%f+00:00', (${msExpr}) / 1000.0, 'unixepoch')`;
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
/** `CASE (expr) % n WHEN 0 THEN … END` choosing among `values` (SQL literals). */
const pick = (expr: string, values: readonly string[]) => `CASE (${expr}) % ${values.length} ${values.map((v, k) => `WHEN ${k} THEN ${v}`).join(' ')} END`;

/** How many rows of each kind at `scale`. */
export function countsAt(scale: number) {
  const n = (full: number, min = 1) => Math.max(min, Math.round(full * scale));
  const residents = n(50_000, 200);
  return {
    residents,
    webhookEvents: n(1_000_000),
    outbound: n(1_000_000),
    threads: n(20_000, 50),
    messages: n(500_000, 200),
    bigThread: n(5_000, 20),
    volunteers: Math.min(n(10_000, 50), residents),
    requests: n(3_000, 20),
    invitationsPerRequest: 10,
    deliveries: n(2_000_000, 500),
    recipientsPerBroadcast: Math.min(5_000, residents),
    audit: n(300_000),
    consultations: n(10_000),
    alerts: n(300),
    donations: n(5_000),
    allocations: n(500),
    events: n(200, 5),
    registrationsPerEvent: Math.min(50, residents),
    complaints: n(1_000),
    // Every free text writes one, kept 180 days (privacy.faqQuestionDays): a text event's rate over the last 200 days.
    faqQuestions: n(Math.round((1_000_000 / (SPAN / DAY)) * 200)),
    sessions: n(20_000),
    needs: n(2_000, 20),
  };
}

/** A text event as stored once processed: the text redacted, the reply token dropped (src/bot/edge/redact-event.ts). */
function webhookPayloadSql(i: string, ts: string, user: string, id: string): string {
  return `'{"type":"message","message":{"type":"text","id":"' || (5000000000000000 + ${i}) || '","quoteToken":"q' || hex(zeroblob(44)) || '","markAsReadToken":"m' || hex(zeroblob(30)) || '","text":"[redacted]"},"webhookEventId":"' || ${id} || '","deliveryContext":{"isRedelivery":false},"timestamp":' || ${ts} || ',"source":{"type":"user","userId":"' || ${user} || '"},"mode":"active"}'`;
}

/** A rendered reply as the outbox stores it: one text with quick replies, about 1.4 KB. */
function outboundBody(): string {
  const text =
    'お問い合わせありがとうございます。つなぐ社会福祉協議会です。ご相談の内容を確認し、担当の者から平日の9時から17時のあいだにご連絡いたします。' +
    '急ぎのご用件や、命にかかわるときは、119番(救急・火事)、110番(警察)にお電話ください。夜間や休日は、下の「窓口の案内」から相談先をご覧いただけます。' +
    'メニューに戻るときは、下のボタンを押してください。ほかにもご質問があれば、いつでもこちらに書いてお送りください。';
  const item = (label: string, data: string) => ({ type: 'action', action: { type: 'postback', label, data, displayText: label } });
  const messages = [
    {
      type: 'text',
      text,
      quickReply: { items: [item('メニューに戻る', 'menu=home'), item('窓口の案内', 'menu=contact'), item('相談する', 'menu=consultation'), item('ボランティア', 'menu=volunteer'), item('寄付・寄贈', 'menu=donation'), item('お知らせの設定', 'menu=settings')] },
    },
  ];
  return JSON.stringify(messages);
}

/** A thread message's text (~60 characters). */
const MESSAGE_TEXTS = [
  '来週の水曜日に訪問していただくことはできますか。母の介護のことで相談したいです。',
  'お返事ありがとうございます。では水曜日の午前中でお願いします。よろしくお願いいたします。',
  '承知しました。水曜日の10時ごろに担当の者がうかがいます。何かあればご連絡ください。',
  '申請に必要な書類を教えてください。保険証と印鑑のほかに何か必要でしょうか。',
];

/**
 * Builds the database at `file` (removed first when it exists) and returns the row counts it wrote.
 * `now` anchors the three years of history (they end just before it).
 */
export async function seedLarge(file: string, scale: number, now = Date.now()): Promise<ReturnType<typeof countsAt>> {
  rmSync(file, { force: true });
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  await applyMigrations(`file:${file}`);
  const c = countsAt(scale);
  const end = now - DAY;
  const start = end - SPAN;
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY');
  db.exec('PRAGMA journal_mode = OFF');
  const run = (sql: string) => db.exec(sql);
  /** INSERT INTO table (cols) SELECT exprs FROM a counter i = 0 … n−1. */
  const fill = (table: string, n: number, columns: Record<string, string>) => {
    if (n <= 0) return;
    run(
      `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${n - 1}) ` +
        `INSERT INTO "${table}" (${Object.keys(columns).map((k) => `"${k}"`).join(', ')}) SELECT ${Object.values(columns).join(', ')} FROM s`,
    );
  };
  /** Spread over the three years in row order. */
  const at = (i: string, n: number) => `(${start} + (${i}) * ${Math.floor(SPAN / Math.max(1, n))})`;
  /** Spread over the last `days` days in row order. */
  const recentAt = (i: string, n: number, days: number) => `(${end - days * DAY} + (${i}) * ${Math.floor((days * DAY) / Math.max(1, n))})`;

  db.exec('BEGIN');
  try {
    // ── staff ────────────────────────────────────────────────────────────────
    const hasher = new Argon2PasswordHasher({ memoryKiB: 1024, passes: 1, parallelism: 1 });
    const hash = await hasher.hash(BENCH_ADMIN.password);
    const staff = [
      { loginId: BENCH_ADMIN.loginId, name: 'ベンチ管理者', role: 'admin', teams: '["anshin","livelihood","community","volunteer","mobility","general"]' },
      ...Array.from({ length: 9 }, (_, k) => ({ loginId: `bench-staff${k}`, name: `職員${k}`, role: k % 3 === 0 ? 'coordinator' : 'counsellor', teams: `["${['anshin', 'livelihood', 'community'][k % 3]}"]` })),
    ];
    const staffIds = staff.map((_, k) => uuid(TAG.staff, k));
    const insertStaff = db.prepare('INSERT INTO "StaffUser" ("id", "loginId", "displayName", "passwordHash", "role", "teams", "active", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)');
    staff.forEach((s, k) => insertStaff.run(staffIds[k]!, s.loginId, s.name, hash, s.role, s.teams, iso(start), iso(start)));
    db.prepare('INSERT INTO "StaffTwoFactor" ("staffId", "secret", "enabledAt", "lastStep", "createdAt") VALUES (?, ?, ?, 0, ?)').run(
      staffIds[0]!,
      new SecretBox(undefined).seal(BENCH_TOTP_SECRET, staffIds[0]!),
      iso(start),
      iso(start),
    );
    const staffSql = (expr: string) => `printf('%08x-0000-4000-8000-%012x', ${TAG.staff}, (${expr}) % ${staff.length})`;
    fill('StaffSession', c.sessions, {
      id: `lower(hex(randomblob(32)))`,
      staffId: staffSql('i'),
      csrfToken: `lower(hex(randomblob(16)))`,
      pendingSecondFactor: '0',
      createdAt: isoSql(at('i', c.sessions)),
      lastSeenAt: isoSql(`${at('i', c.sessions)} + 3600000`),
      expiresAt: isoSql(`${at('i', c.sessions)} + 8 * 3600000`),
    });

    // ── residents ────────────────────────────────────────────────────────────
    const districts = ['kaigan', 'shiomidai', 'sakurazaka', 'midorimachi', 'hamakaze', 'wakakusa', 'asahidai', 'tsubakigaoka', 'minato-honcho', 'kamomedai'].map(quote);
    fill('Resident', c.residents, {
      id: uuidSql(TAG.resident, 'i'),
      lineUserId: lineUserSql('i'),
      language: `CASE WHEN i % 20 = 0 THEN 'en' WHEN i % 10 = 1 THEN 'ja-x-easy' ELSE 'ja' END`,
      languageChosen: 'i % 5 = 0',
      followed: 'i % 12 <> 11',
      followedAt: isoSql(at('i', c.residents)),
      unfollowedAt: `CASE WHEN i % 12 = 11 THEN ${isoSql(`${at('i', c.residents)} + 30 * ${DAY}`)} END`,
      consent: `CASE WHEN i % 25 = 3 THEN 'declined' WHEN i % 40 = 5 THEN 'pending' ELSE 'granted' END`,
      consentVersion: `CASE WHEN i % 25 = 3 OR i % 40 = 5 THEN NULL ELSE '${CONSENT_VERSION}' END`,
      consentAt: `CASE WHEN i % 25 = 3 OR i % 40 = 5 THEN NULL ELSE ${isoSql(at('i', c.residents))} END`,
      districtCode: `CASE WHEN i % 25 = 3 OR i % 40 = 5 THEN NULL ELSE ${pick('i', districts)} END`,
      topics: `'["elderly","childcare"]'`,
      salons: `CASE WHEN i % 7 = 0 THEN '["kaigan-ikiiki"]' ELSE '[]' END`,
      onboardedAt: isoSql(at('i', c.residents)),
      createdAt: isoSql(at('i', c.residents)),
      updatedAt: isoSql(at('i', c.residents)),
    });
    const residentSql = (expr: string) => uuidSql(TAG.resident, `(${expr}) % ${c.residents}`);

    // ── webhook events and outbound messages ────────────────────────────────
    const webhookId = (expr: string) => `printf('01BENCH%019d', ${expr})`;
    const userOf = (expr: string) => lineUserSql(`((${expr}) * 7919) % ${c.residents}`);
    fill('WebhookEvent', c.webhookEvents, {
      id: webhookId('i'),
      lineType: `'message'`,
      sourceType: `'user'`,
      userKey: userOf('i'),
      mode: `'active'`,
      timestamp: at('i', c.webhookEvents),
      isRedelivery: '0',
      payload: webhookPayloadSql('i', at('i', c.webhookEvents), userOf('i'), webhookId('i')),
      status: `'done'`,
      receivedAt: isoSql(at('i', c.webhookEvents)),
      processedAt: isoSql(`${at('i', c.webhookEvents)} + 40`),
    });
    const body = outboundBody();
    db.prepare('CREATE TEMP TABLE body (v TEXT)').run();
    db.prepare('INSERT INTO body VALUES (?)').run(body);
    fill('OutboundMessage', c.outbound, {
      id: uuidSql(TAG.outbound, 'i'),
      lineUserId: userOf(`i * ${c.webhookEvents} / ${c.outbound}`),
      eventId: `CASE WHEN i % 5 <> 0 THEN ${webhookId(`i * ${c.webhookEvents} / ${c.outbound}`)} END`,
      method: `CASE WHEN i % 5 <> 0 THEN 'reply' ELSE 'push' END`,
      retryKey: `CASE WHEN i % 5 = 0 THEN ${uuidSql(TAG.outbound + 1000, 'i')} END`,
      messages: '(SELECT v FROM body)',
      status: `CASE WHEN i % 97 = 0 THEN 'failed' WHEN i % 211 = 0 THEN 'skipped' ELSE 'sent' END`,
      attempts: '1',
      requestId: `CASE WHEN i % 97 = 0 OR i % 211 = 0 THEN NULL ELSE ${uuidSql(TAG.outbound + 2000, 'i')} END`,
      error: `CASE WHEN i % 97 = 0 THEN 'LINE answered 400: Invalid reply token' END`,
      createdAt: isoSql(`${at('i', c.outbound)} + 60`),
      sentAt: `CASE WHEN i % 97 = 0 OR i % 211 = 0 THEN NULL ELSE ${isoSql(`${at('i', c.outbound)} + 260`)} END`,
      replyBy: `CASE WHEN i % 5 <> 0 THEN ${isoSql(`${at('i', c.outbound)} + 50000`)} END`,
      safety: '0',
      ambiguous: '0',
      pushedAfterUnknownReply: '0',
    });

    // ── threads ──────────────────────────────────────────────────────────────
    // The last 150 threads are open (100 waiting, 10 of them urgent, 40 owned by staff, 10 back with the bot); the
    // big one is the first owned by staff, assigned to the bench admin.
    const C = c.threads;
    const open = Math.min(150, Math.floor(C / 2));
    const big = C - open;
    const threadSpan = SPAN - 40 * DAY;
    const openedAt = (k: string) => `(${start} + (${k}) * ${Math.floor(threadSpan / C)})`;
    const ownerSql = `CASE WHEN i < ${big} THEN 'closed' WHEN i < ${big} + ${Math.floor(open * 0.27)} THEN 'staff' WHEN i < ${C - 10} THEN 'waiting' ELSE 'bot' END`;
    fill('Conversation', C, {
      id: uuidSql(TAG.conversation, 'i'),
      residentId: residentSql('i'),
      owner: ownerSql,
      urgent: `i >= ${C - 20} AND i < ${C - 10}`,
      teamCode: pick('i', ['anshin', 'livelihood', 'community'].map(quote)),
      assigneeId: `CASE WHEN i >= ${big} AND i < ${big} + ${Math.floor(open * 0.27)} THEN ${staffSql('i - ' + big + ' * 0')} WHEN i = ${big} THEN '${staffIds[0]}' END`,
      openedAt: isoSql(openedAt('i')),
      waitingSince: `CASE WHEN i >= ${big} AND i < ${C - 10} THEN ${isoSql(`${end} - (${C} - i) * 60000`)} END`,
      firstStaffReplyAt: `CASE WHEN i < ${big} THEN ${isoSql(`${openedAt('i')} + 3600000`)} END`,
      closedAt: `CASE WHEN i < ${big} THEN ${isoSql(`${openedAt('i')} + 2 * ${DAY}`)} END`,
      lastMessageAt: `CASE WHEN i >= ${big} THEN ${isoSql(`${end} - (${C} - i) * 60000`)} ELSE ${isoSql(`${openedAt('i')} + ${DAY}`)} END`,
      survey: `CASE WHEN i < ${big} AND i % 3 = 0 THEN 'answered' END`,
    });
    run(`UPDATE "Conversation" SET "assigneeId" = '${staffIds[0]}' WHERE "id" = '${uuid(TAG.conversation, big)}'`);
    const conv = (expr: string) => uuidSql(TAG.conversation, expr);
    const texts = MESSAGE_TEXTS.map(quote);
    // The big thread: bigThread messages 10 minutes apart over its last weeks.
    fill('ConversationMessage', c.bigThread, {
      id: uuidSql(TAG.message, 'i'),
      conversationId: `'${uuid(TAG.conversation, big)}'`,
      direction: `CASE WHEN i % 2 = 0 THEN 'in' ELSE 'out' END`,
      kind: `'text'`,
      text: pick('i', texts),
      staffId: `CASE WHEN i % 2 = 1 THEN '${staffIds[0]}' END`,
      staffName: `CASE WHEN i % 2 = 1 THEN 'ベンチ管理者' END`,
      lineMessageId: `CASE WHEN i % 2 = 0 THEN 'm' || i END`,
      createdAt: isoSql(`${end} - (${c.bigThread} - i) * 600000`),
    });
    // The rest, spread over the other threads; thread k's m-th message comes m × 10 min after it opened.
    const rest = Math.max(0, c.messages - c.bigThread);
    const others = C - 1;
    const threadOf = `(CASE WHEN i % ${others} >= ${big} THEN i % ${others} + 1 ELSE i % ${others} END)`;
    fill('ConversationMessage', rest, {
      id: uuidSql(TAG.message, `${c.bigThread} + i`),
      conversationId: conv(threadOf),
      direction: `CASE WHEN (i / ${others}) % 2 = 0 THEN 'in' ELSE 'out' END`,
      kind: `'text'`,
      text: pick(`i / ${others}`, texts),
      staffId: `CASE WHEN (i / ${others}) % 2 = 1 THEN ${staffSql('i')} END`,
      staffName: `CASE WHEN (i / ${others}) % 2 = 1 THEN '職員' END`,
      lineMessageId: `CASE WHEN (i / ${others}) % 2 = 0 THEN 'r' || i END`,
      createdAt: isoSql(`${openedAt(threadOf)} + (i / ${others}) * 600000`),
    });
    const categories = [
      ['anshin_center', 'anshin'], ['guardianship', 'anshin'], ['livelihood_loan', 'livelihood'], ['food_hardship', 'livelihood'],
      ['elderly', 'community'], ['childcare', 'community'], ['disability', 'community'], ['other', 'general'],
    ] as const;
    fill('Consultation', c.consultations, {
      id: uuidSql(TAG.consultation, 'i'),
      referenceNo: `printf('S-BENCH-%07d', i)`,
      residentId: residentSql(`i * 3`),
      conversationId: `CASE WHEN i % 2 = 0 THEN ${conv(`(i * 7) % ${C}`)} END`,
      categoryCode: pick('i', categories.map(([k]) => quote(k))),
      teamCode: pick('i', categories.map(([, t]) => quote(t))),
      forWhom: pick('i', ["'self'", "'family'", "'neighbour'"]),
      districtCode: pick('i', districts),
      contactMethod: pick('i', ["'line'", "'phone'"]),
      phone: `CASE WHEN i % 2 = 1 THEN '09012345678' END`,
      contactTime: `'weekday_am'`,
      urgency: pick('i', ["'normal'", "'soon'", "'normal'", "'urgent'"]),
      description: `'一人暮らしの父の生活について相談したいです。最近、買い物や通院が難しくなってきました。'`,
      status: `CASE WHEN i >= ${c.consultations} - 40 THEN 'new' WHEN i >= ${c.consultations} - 80 THEN 'in_progress' ELSE 'closed' END`,
      replyDueAt: isoSql(`${at('i', c.consultations)} + 2 * ${DAY}`),
      createdAt: isoSql(at('i', c.consultations)),
      updatedAt: isoSql(at('i', c.consultations)),
      closedAt: `CASE WHEN i < ${c.consultations} - 80 THEN ${isoSql(`${at('i', c.consultations)} + 5 * ${DAY}`)} END`,
    });
    fill('SafetyAlert', c.alerts, {
      id: uuidSql(TAG.alert, 'i'),
      residentId: residentSql(`(i * ${Math.floor(C / c.alerts)}) % ${C}`),
      conversationId: conv(`(i * ${Math.floor(C / c.alerts)}) % ${C}`),
      category: pick('i', ["'suicide'", "'elder_abuse'", "'domestic_violence'", "'emergency'"]),
      acknowledgedBy: `'${staffIds[0]}'`,
      acknowledgedAt: isoSql(`${at('i', c.alerts)} + 600000`),
      createdAt: isoSql(at('i', c.alerts)),
    });

    // ── audit ────────────────────────────────────────────────────────────────
    const actions = ['conversation.view', 'conversation.view', 'conversation.reply', 'login.success', 'volunteer.view', 'donation.view', 'consultation.status', 'conversation.close'].map(quote);
    fill('AuditLog', c.audit, {
      id: uuidSql(TAG.audit, 'i'),
      staffId: staffSql('i'),
      action: pick('i', actions),
      subjectType: `'conversation'`,
      subjectId: conv(`i % ${C}`),
      residentId: residentSql(`i % ${C}`),
      detail: `CASE WHEN i % 8 = 6 THEN '{"status":"in_progress"}' END`,
      ip: `'192.0.2.' || (i % 200)`,
      at: isoSql(at('i', c.audit)),
    });

    // ── volunteers ───────────────────────────────────────────────────────────
    const skills = ['listening', 'escort', 'sign_language', 'reading', 'children', 'heavy_work', 'disaster', 'languages', 'gardening', 'events'];
    const skillPairs = skills.map((s, k) => quote(JSON.stringify([s, skills[(k + 3) % skills.length]])));
    const fiscal = new Date(now).getUTCMonth() >= 3 ? new Date(now).getUTCFullYear() : new Date(now).getUTCFullYear() - 1;
    fill('Volunteer', c.volunteers, {
      id: uuidSql(TAG.volunteer, 'i'),
      residentId: residentSql('i'),
      name: `'ボランティア ' || i`,
      phone: `CASE WHEN i % 3 = 0 THEN NULL ELSE printf('090%08d', i) END`,
      districtCode: pick('i', districts),
      skills: pick('i', skillPairs),
      availability: pick('i', [`'{"mon":["am","pm"],"sat":["am"]}'`, `'{"tue":["pm"],"thu":["am","pm"]}'`, `'{"sat":["am","pm"],"sun":["am"]}'`]),
      insuranceFiscalYear: `CASE WHEN i % 2 = 0 THEN ${fiscal} END`,
      insurancePlan: `CASE WHEN i % 2 = 0 THEN 'basic' END`,
      insuranceEnrolledOn: `CASE WHEN i % 2 = 0 THEN '${fiscal}-04-10' END`,
      status: `CASE WHEN i % 10 = 9 THEN 'paused' WHEN i % 20 = 8 THEN 'left' ELSE 'active' END`,
      registeredAt: isoSql(at('i', c.volunteers)),
      updatedAt: isoSql(at('i', c.volunteers)),
      leftAt: `CASE WHEN i % 20 = 8 THEN ${isoSql(`${at('i', c.volunteers)} + 90 * ${DAY}`)} END`,
    });
    // Requests over three years, done; the last 20 still looking (受付), for dates ahead (the ranking page).
    const R = c.requests;
    const looking = Math.min(20, Math.floor(R / 2));
    const dateSql = (ms: string) => `strftime('%Y-%m-%d', (${ms}) / 1000.0, 'unixepoch')`;
    fill('VolunteerRequest', R, {
      id: uuidSql(TAG.request, 'i'),
      referenceNo: `printf('V-BENCH-%06d', i)`,
      residentId: residentSql(`${c.volunteers} + i`),
      requesterType: `CASE WHEN i % 4 = 0 THEN 'organisation' ELSE 'person' END`,
      orgName: `CASE WHEN i % 4 = 0 THEN '海岸地区ふれあいサロン' END`,
      kind: pick('i', skills.map(quote)),
      districtCode: pick('i', districts),
      address: `'海岸町1-2-3'`,
      date: `CASE WHEN i >= ${R - looking} THEN ${dateSql(`${now} + (7 + i % 20) * ${DAY}`)} ELSE ${dateSql(`${at('i', R)} + 14 * ${DAY}`)} END`,
      part: pick('i', ["'am'", "'pm'", "'any'"]),
      people: '1 + i % 3',
      notes: `'車いすでの通院の付き添いをお願いしたいです。'`,
      status: `CASE WHEN i >= ${R - looking} THEN 'received' WHEN i % 15 = 0 THEN 'declined' ELSE 'done' END`,
      createdAt: isoSql(`CASE WHEN i >= ${R - looking} THEN ${now} - (${R} - i) * 3600000 ELSE ${at('i', R)} END`),
      updatedAt: isoSql(`CASE WHEN i >= ${R - looking} THEN ${now} - (${R} - i) * 3600000 ELSE ${at('i', R)} + 20 * ${DAY} END`),
    });
    const per = c.invitationsPerRequest;
    const req = `(i / ${per})`;
    const k = `(i % ${per})`;
    fill('VolunteerInvitation', (R - looking) * per, {
      id: uuidSql(TAG.invitation, 'i'),
      requestId: uuidSql(TAG.request, req),
      volunteerId: uuidSql(TAG.volunteer, `(${req} * 37 + ${k} * 101) % ${c.volunteers}`),
      status: `CASE WHEN ${req} % 15 = 0 THEN 'withdrawn' WHEN ${k} < 1 + ${req} % 3 THEN 'accepted' WHEN ${k} % 2 = 0 THEN 'declined' ELSE 'filled' END`,
      invitedBy: `'${staffIds[1]}'`,
      invitedAt: isoSql(`${at(req, R)} + 3600000`),
      answeredAt: isoSql(`${at(req, R)} + 7200000`),
      hours: `CASE WHEN ${req} % 15 <> 0 AND ${k} < 1 + ${req} % 3 THEN 2.5 END`,
      report: `CASE WHEN ${req} % 15 <> 0 AND ${k} < 1 + ${req} % 3 THEN '無事に終わりました。' END`,
      reportedAt: `CASE WHEN ${req} % 15 <> 0 AND ${k} < 1 + ${req} % 3 THEN ${isoSql(`${at(req, R)} + 15 * ${DAY}`)} END`,
    });

    // ── broadcasts ───────────────────────────────────────────────────────────
    const perB = c.recipientsPerBroadcast;
    const B = Math.max(1, Math.round(c.deliveries / perB));
    const batchesPer = Math.ceil(perB / 500);
    const content = JSON.stringify({ ja: '社協だより 冬号を発行しました。歳末たすけあい運動へのご協力をお願いします。サロンの予定や、ボランティア講座のお知らせも載っています。', en: 'The winter newsletter is out.', 'ja-x-easy': 'しゃきょう だより が でました。' });
    fill('Broadcast', B, {
      id: uuidSql(TAG.broadcast, 'i'),
      kind: pick('i', ["'announcement'", "'newsletter'"]),
      title: `'お知らせ ' || i`,
      content: quote(content),
      targeting: `'{"everyone":true}'`,
      urgent: '0',
      scheduledAt: isoSql(at('i', B)),
      status: `'sent'`,
      createdBy: `'${staffIds[0]}'`,
      createdAt: isoSql(`${at('i', B)} - ${DAY}`),
      startedAt: isoSql(at('i', B)),
      finishedAt: isoSql(`${at('i', B)} + 60000`),
      targeted: String(perB),
      sent: String(perB),
      failed: '0',
      skipped: '0',
    });
    const recipient = (b: number, j: number) => ((b * 13 + j) % c.residents);
    const insertBatch = db.prepare('INSERT INTO "BroadcastBatch" ("id", "broadcastId", "language", "recipients", "retryKey", "status", "attempts", "requestId", "createdAt", "sentAt") VALUES (?, ?, ?, ?, ?, \'sent\', 1, ?, ?, ?)');
    for (let b = 0; b < B; b++) {
      const t = start + b * Math.floor(SPAN / B);
      for (let q = 0; q < batchesPer; q++) {
        const ids: string[] = [];
        for (let j = q * 500; j < Math.min(perB, (q + 1) * 500); j++) ids.push(lineUserIdOf(recipient(b, j)));
        const n = b * batchesPer + q;
        insertBatch.run(uuid(TAG.batch, n), uuid(TAG.broadcast, b), 'ja', JSON.stringify(ids), uuid(TAG.batch + 1000, n), uuid(TAG.batch + 2000, n), iso(t), iso(t + 1000));
      }
    }
    fill('BroadcastDelivery', B * perB, {
      id: uuidSql(TAG.delivery, 'i'),
      broadcastId: uuidSql(TAG.broadcast, `i / ${perB}`),
      lineUserId: lineUserSql(`((i / ${perB}) * 13 + i % ${perB}) % ${c.residents}`),
      language: `'ja'`,
      batchId: uuidSql(TAG.batch, `(i / ${perB}) * ${batchesPer} + (i % ${perB}) / 500`),
      status: `CASE WHEN i % 251 = 0 THEN 'failed' ELSE 'sent' END`,
    });

    // ── donations, events, complaints, FAQ questions ─────────────────────────
    const D = c.donations;
    fill('DonationOffer', D, {
      id: uuidSql(TAG.donation, 'i'),
      referenceNo: `printf('D-BENCH-%06d', i)`,
      residentId: residentSql('i * 11'),
      kind: pick('i', ["'money'", "'goods'", "'food'", "'appliance'"]),
      amountYen: `CASE WHEN i % 4 = 0 THEN 1000 * (1 + i % 30) END`,
      description: `CASE WHEN i % 4 = 1 THEN 'タオル 20枚' WHEN i % 4 = 3 THEN '冷蔵庫' END`,
      itemSize: `CASE WHEN i % 4 = 3 THEN 'medium' END`,
      itemAge: `CASE WHEN i % 4 = 3 THEN '3to5' END`,
      itemCondition: `CASE WHEN i % 4 = 3 THEN 'good' END`,
      name: `'寄付者 ' || i`,
      slot: pick('i', ["'office-am'", "'office-pm'", "'pickup-tue'"]),
      status: `CASE WHEN i >= ${D} - 30 THEN 'received' WHEN i % 9 = 0 THEN 'declined' ELSE 'received_goods' END`,
      receiptNo: `CASE WHEN i < ${D} - 30 AND i % 9 <> 0 THEN printf('R-%04d-%04d', CAST(strftime('%Y', ${at('i', D)} / 1000.0, 'unixepoch') AS INTEGER), i % 10000) END`,
      receivedAt: `CASE WHEN i < ${D} - 30 AND i % 9 <> 0 THEN ${isoSql(`${at('i', D)} + 3 * ${DAY}`)} END`,
      createdAt: isoSql(at('i', D)),
      updatedAt: isoSql(at('i', D)),
    });
    fill('Allocation', c.allocations, {
      id: uuidSql(TAG.allocation, 'i'),
      purposeCode: pick('i', ["'general'", "'children'", "'food_places'"]),
      amountYen: '10000 * (1 + i % 10)',
      recipient: `'子ども食堂 ' || i`,
      allocatedOn: dateSql(at('i', c.allocations)),
      createdBy: `'${staffIds[0]}'`,
      createdAt: isoSql(at('i', c.allocations)),
    });
    fill('WantedItem', 30, { id: uuidSql(TAG.wanted, 'i'), name: `'タオル ' || i`, active: 'i % 3 <> 0', createdAt: isoSql(at('i', 30)), updatedAt: isoSql(at('i', 30)) });
    const E = c.events;
    fill('CouncilEvent', E, {
      id: uuidSql(TAG.event, 'i'),
      title: `'{"ja":"ボランティア講座 ' || i || '"}'`,
      description: `'{"ja":"はじめての方向けの講座です。"}'`,
      place: `'福祉センター 2階'`,
      startsAt: isoSql(`CASE WHEN i >= ${E} - 3 THEN ${now} + (i - ${E} + 4) * 7 * ${DAY} ELSE ${at('i', E)} END`),
      endsAt: isoSql(`CASE WHEN i >= ${E} - 3 THEN ${now} + (i - ${E} + 4) * 7 * ${DAY} ELSE ${at('i', E)} END + 7200000`),
      capacity: '60',
      deadline: isoSql(`CASE WHEN i >= ${E} - 3 THEN ${now} + (i - ${E} + 4) * 7 * ${DAY} ELSE ${at('i', E)} END - ${DAY}`),
      status: `'open'`,
      createdBy: `'${staffIds[0]}'`,
      createdAt: isoSql(`${at('i', E)} - 30 * ${DAY}`),
      updatedAt: isoSql(`${at('i', E)} - 30 * ${DAY}`),
    });
    const perE = c.registrationsPerEvent;
    fill('EventRegistration', E * perE, {
      id: uuidSql(TAG.registration, 'i'),
      eventId: uuidSql(TAG.event, `i / ${perE}`),
      residentId: residentSql(`(i / ${perE}) * 17 + i % ${perE}`),
      status: `CASE WHEN i % 10 = 9 THEN 'cancelled' ELSE 'registered' END`,
      at: isoSql(`${at(`i / ${perE}`, E)} - 10 * ${DAY}`),
      name: `'参加者 ' || i`,
      updatedAt: isoSql(`${at(`i / ${perE}`, E)} - 10 * ${DAY}`),
    });
    fill('Complaint', c.complaints, {
      id: uuidSql(TAG.complaint, 'i'),
      referenceNo: `printf('K-BENCH-%06d', i)`,
      kind: pick('i', ["'complaint'", "'opinion'"]),
      topic: pick('i', ["'consultation'", "'volunteer'", "'events'", "'other'"]),
      text: `'窓口の対応について意見があります。電話がつながりにくいです。'`,
      contact: pick('i', ["'none'", "'line'"]),
      residentId: `CASE WHEN i % 2 = 1 THEN ${residentSql('i * 5')} END`,
      status: `CASE WHEN i >= ${c.complaints} - 5 THEN 'new' ELSE 'resolved' END`,
      createdAt: isoSql(at('i', c.complaints)),
      updatedAt: isoSql(at('i', c.complaints)),
    });
    fill('FaqQuestion', c.faqQuestions, {
      id: uuidSql(TAG.faq, 'i'),
      text: `'ゴミの出し方を教えてください'`,
      normalized: `'ゴミの出し方を教えてください'`,
      language: `'ja'`,
      outcome: pick('i', ["'answered'", "'unanswered'", "'candidates'"]),
      resolvedAt: `CASE WHEN i < ${c.faqQuestions} - 20 THEN ${isoSql(`${recentAt('i', c.faqQuestions, 200)} + ${DAY}`)} END`,
      at: isoSql(recentAt('i', c.faqQuestions, 200)),
    });

    // ── a closed disaster centre with its needs ──────────────────────────────
    const centreId = uuid(TAG.centre, 0);
    db.prepare(`INSERT INTO "DisasterCentre" ("id", "name", "districts", "openedOn", "drill", "status", "createdAt", "updatedAt") VALUES (?, '令和6年豪雨災害ボランティアセンター', '["kaigan","hamakaze"]', ?, 0, 'closed', ?, ?)`).run(
      centreId,
      new Date(end - 400 * DAY).toISOString().slice(0, 10),
      iso(end - 400 * DAY),
      iso(end - 300 * DAY),
    );
    const N = c.needs;
    const needAt = (i: string) => `(${end - 400 * DAY} + (${i}) * ${Math.floor((60 * DAY) / N)})`;
    fill('Need', N, {
      id: uuidSql(TAG.need, 'i'),
      referenceNo: `printf('N-BENCH-%06d', i)`,
      centreId: `'${centreId}'`,
      status: `CASE WHEN i % 10 = 9 THEN 'cancelled' ELSE 'done' END`,
      statusSince: isoSql(`${needAt('i')} + 10 * ${DAY}`),
      householdName: `'世帯 ' || i`,
      address: `'浜風町' || (i % 50) || '-' || (i % 7)`,
      districtCode: `'hamakaze'`,
      damage: `'["floodAbove"]'`,
      work: `'["mud"]'`,
      contactMethod: `'phone'`,
      phone: `printf('090%08d', i)`,
      // Households were asked after 完了 long ago (the follow-up job would ask them all again otherwise).
      followedUpAt: `CASE WHEN i % 10 <> 9 THEN ${isoSql(`${needAt('i')} + 17 * ${DAY}`)} END`,
      closedReason: `CASE WHEN i % 10 = 9 THEN '世帯で対応済み' END`,
      createdAt: isoSql(needAt('i')),
      updatedAt: isoSql(`${needAt('i')} + 10 * ${DAY}`),
    });
    fill('NeedReport', N, {
      id: uuidSql(TAG.needReport, 'i'),
      needId: uuidSql(TAG.need, 'i'),
      channel: pick('i', ["'line'", "'phone'"]),
      relation: `'self'`,
      residentId: `CASE WHEN i % 2 = 0 THEN ${residentSql('i * 19')} END`,
      content: `'{"damage":["floodAbove"],"work":["mud"],"notes":"床上浸水です。泥出しをお願いします。"}'`,
      createdAt: isoSql(needAt('i')),
    });
    fill('NeedEvent', N * 3, {
      id: uuidSql(TAG.needEvent, 'i'),
      needId: uuidSql(TAG.need, 'i / 3'),
      kind: `'status'`,
      from: pick('i', ["'received'", "'coordinating'", "'active'"]),
      to: pick('i', ["'coordinating'", "'active'", "'done'"]),
      staffId: `'${staffIds[1]}'`,
      at: isoSql(`${needAt('i / 3')} + (i % 3) * 3 * ${DAY}`),
    });
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    db.close();
    throw e;
  }
  db.exec('PRAGMA journal_mode = WAL');
  db.close();
  return c;
}

/** A hash of what the seeded file depends on: the schema, the migrations and this seeder. */
export function seedKey(): string {
  const h = createHash('sha256');
  h.update(readFileSync(SCHEMA_PATH));
  for (const name of readdirSync(MIGRATIONS_DIR).sort()) {
    const file = path.join(MIGRATIONS_DIR, name, 'migration.sql');
    h.update(name);
    if (existsSync(file)) h.update(readFileSync(file));
  }
  h.update(readFileSync(new URL(import.meta.url)));
  return h.digest('hex').slice(0, 16);
}

/** The folder seeded files are cached in (`BENCH_GROWTH_CACHE`, else the system's temp folder). */
export const CACHE_DIR = process.env.BENCH_GROWTH_CACHE ?? path.join(tmpdir(), 'tsunagu-bench-growth');

/**
 * The seeded file for `scale`, built when this schema has none yet: `{ file, built: seconds or null when cached }`.
 * Older files of other schemas are removed.
 */
export async function cachedLarge(scale: number, log: (line: string) => void): Promise<{ file: string; seconds: number | null; bytes: number }> {
  mkdirSync(CACHE_DIR, { recursive: true });
  const key = seedKey();
  const tag = `scale${String(scale).replace('.', '_')}`;
  const file = path.join(CACHE_DIR, `${key}-${tag}.db`);
  if (existsSync(file)) return { file, seconds: null, bytes: statSync(file).size };
  for (const name of readdirSync(CACHE_DIR)) if (name.endsWith(`-${tag}.db`) && !name.startsWith(key)) rmSync(path.join(CACHE_DIR, name), { force: true });
  log(`seeding the ${scale === 1 ? 'large' : `${scale * 100}%`} database (scale ${scale}) into ${file} …`);
  const t0 = performance.now();
  const partial = `${file}.building`;
  await seedLarge(partial, scale);
  renameSync(partial, file);
  const seconds = (performance.now() - t0) / 1000;
  return { file, seconds, bytes: statSync(file).size };
}

/** Ids of rows the console pages of the bench open (computed as the seed computes them). */
export function sampleIds(scale: number) {
  const c = countsAt(scale);
  const open = Math.min(150, Math.floor(c.threads / 2));
  const looking = Math.min(20, Math.floor(c.requests / 2));
  return {
    bigThread: uuid(TAG.conversation, c.threads - open),
    closedThread: uuid(TAG.conversation, Math.floor((c.threads - open) / 2)),
    volunteer: uuid(TAG.volunteer, 1),
    lookingRequest: uuid(TAG.request, c.requests - 1),
    doneRequest: uuid(TAG.request, 1),
    donation: uuid(TAG.donation, 1),
    event: uuid(TAG.event, c.events - 1),
    centre: uuid(TAG.centre, 0),
    resident: uuid(TAG.resident, 1),
    complaint: uuid(TAG.complaint, c.complaints - 1),
    need: uuid(TAG.need, c.needs - 1),
    looking,
  };
}

/** LINE user ids of `n` residents who follow and consented (they talk to the bot as regulars). */
export function regularResidents(scale: number, n: number): string[] {
  const c = countsAt(scale);
  const out: string[] = [];
  for (let i = 0; out.length < n && i < c.residents; i++) if (i % 12 !== 11 && i % 25 !== 3 && i % 40 !== 5) out.push(lineUserIdOf(i));
  return out;
}
