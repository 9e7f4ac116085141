import { dialectOf } from './sql-dialect';
import { isLanguage, DEFAULT_LANGUAGE, type Language } from '../../domain/language';
import type { ConversationStore, ResidentRecord, StepCommit } from '../../domain/stores';
import type { ConsentStatus, FlowState, ResidentPatch } from '../../domain/conversation';
import type { Db } from './database';
import { currentConsents, type TopicDecision } from '../../domain/topic-consent';
import { stringArray } from './json-columns';
import { outboundData } from './prisma-outbox-store';
import { SqlParams } from './sql-batch';
import { randomUUID } from 'node:crypto';
import { isThreadOwner, type ThreadView } from '../../domain/thread';
import { threadStatements } from './prisma-thread-records';
import type { ModuleWriter } from './module-writer';

/** The resident's consent-topic decisions, loaded with the resident (the current one per topic is computed). */
const WITH_CONSENTS = { topicConsents: { select: { id: true, topic: true, decision: true, version: true, at: true } } } as const;

type ResidentRow = Awaited<ReturnType<Db['resident']['findFirstOrThrow']>>;

type TopicConsentRow = { id: string; topic: string; decision: string; version: string; at: Date };

function toRecord(r: ResidentRow & { topicConsents?: TopicConsentRow[] }): ResidentRecord {
  return {
    topicConsents: currentConsents(
      (r.topicConsents ?? []).map((t) => ({ id: t.id, topic: t.topic, decision: t.decision as TopicDecision, version: t.version, at: t.at.toISOString() })),
    ),
    id: r.id,
    lineUserId: r.lineUserId,
    language: isLanguage(r.language) ? r.language : DEFAULT_LANGUAGE,
    languageChosen: r.languageChosen,
    followed: r.followed,
    consent: (['pending', 'granted', 'declined'].includes(r.consent) ? r.consent : 'pending') as ConsentStatus,
    districtCode: r.districtCode,
    topics: stringArray(r.topics),
    salons: stringArray(r.salons),
    onboardedAt: r.onboardedAt,
  };
}


type FlowStateRow = Awaited<ReturnType<Db['flowState']['findFirstOrThrow']>>;

function toFlowState(s: FlowStateRow): FlowState {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(s.data);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    // A corrupt state is treated as an empty form; the engine re-prompts the step.
  }
  return { flowId: s.flowId, version: s.flowVersion, step: s.step, data, stepStartedAt: s.stepStartedAt.toISOString() };
}

function patchData(p: ResidentPatch) {
  return {
    ...(p.language !== undefined ? { language: p.language } : {}),
    ...(p.languageChosen !== undefined ? { languageChosen: p.languageChosen } : {}),
    ...(p.consent !== undefined ? { consent: p.consent } : {}),
    ...(p.consentVersion !== undefined ? { consentVersion: p.consentVersion } : {}),
    ...(p.consentAt !== undefined ? { consentAt: p.consentAt ? new Date(p.consentAt) : null } : {}),
    ...(p.districtCode !== undefined ? { districtCode: p.districtCode } : {}),
    ...(p.topics !== undefined ? { topics: JSON.stringify(p.topics) } : {}),
    ...(p.salons !== undefined ? { salons: JSON.stringify(p.salons) } : {}),
    ...(p.onboardedAt !== undefined ? { onboardedAt: p.onboardedAt ? new Date(p.onboardedAt) : null } : {}),
  };
}


/** Residents, flow states and the per-event commit, on Prisma; the feature modules' writers add their statements. */
export class PrismaConversationStore implements ConversationStore {
  constructor(
    private readonly db: Db,
    private readonly writers: readonly ModuleWriter[] = [],
  ) {}

  async findResident(lineUserId: string): Promise<ResidentRecord | null> {
    const r = await this.db.resident.findUnique({ where: { lineUserId }, include: WITH_CONSENTS });
    return r ? toRecord(r) : null;
  }

  async createResident(lineUserId: string, language: Language, now: Date): Promise<ResidentRecord> {
    // upsert: two first events of one user are serialised by the queue, but a restart may replay one.
    const r = await this.db.resident.upsert({
      where: { lineUserId },
      create: { lineUserId, language, followed: true, followedAt: now, createdAt: now, updatedAt: now },
      update: {},
    });
    return toRecord(r);
  }

  async loadFlowState(residentId: string): Promise<FlowState | null> {
    const s = await this.db.flowState.findUnique({ where: { residentId } });
    return s ? toFlowState(s) : null;
  }

  async commit(c: StepCommit): Promise<void> {
    await this.commitMany([c]);
  }

  async findResidents(lineUserIds: string[]): Promise<Map<string, ResidentRecord>> {
    if (!lineUserIds.length) return new Map();
    const rows = await this.db.resident.findMany({ where: { lineUserId: { in: lineUserIds } }, include: WITH_CONSENTS });
    return new Map(rows.map((r) => [r.lineUserId, toRecord(r)]));
  }

  async createResidents(rows: Array<{ lineUserId: string; language: Language }>, now: Date): Promise<Map<string, ResidentRecord>> {
    if (rows.length) {
      const p = new SqlParams();
      const values = rows.map((r) => p.row([randomUUID(), r.lineUserId, r.language, true, now, now, now]));
      // ON CONFLICT: a resident created meanwhile (e.g. a replay after restart) is kept as it is.
      await this.db.$executeRawUnsafe(
        `INSERT INTO "Resident" ("id","lineUserId","language","followed","followedAt","createdAt","updatedAt") VALUES ${values.join(', ')} ON CONFLICT ("lineUserId") DO NOTHING`,
        ...p.values,
      );
    }
    return this.findResidents(rows.map((r) => r.lineUserId));
  }

  async loadFlowStates(residentIds: string[]): Promise<Map<string, FlowState>> {
    if (!residentIds.length) return new Map();
    const rows = await this.db.flowState.findMany({ where: { residentId: { in: residentIds } } });
    return new Map(rows.map((s) => [s.residentId, toFlowState(s)]));
  }

  async loadThreads(residentIds: string[]): Promise<Map<string, ThreadView>> {
    if (!residentIds.length) return new Map();
    const rows = await this.db.conversation.findMany({
      where: { residentId: { in: residentIds }, owner: { not: 'closed' } },
      select: { id: true, residentId: true, owner: true, urgent: true, afterHoursNoticeOn: true, consentedAt: true },
    });
    const threads = new Map<string, ThreadView>();
    for (const r of rows) {
      if (!isThreadOwner(r.owner) || r.owner === 'closed') continue;
      threads.set(r.residentId, { id: r.id, owner: r.owner, urgent: r.urgent, afterHoursNoticeOn: r.afterHoursNoticeOn, consented: r.consentedAt !== null });
    }
    return threads;
  }

  async commitMany(commits: StepCommit[]): Promise<void> {
    if (!commits.length) return;
    const now = commits[0]!.now;
    const db = this.db;
    // Modules' use cases that read before they write, each in its own transaction, before the batch's statements.
    for (const writer of this.writers) {
      if (!writer.before) continue;
      for (const c of commits) for (const w of c.modules ?? []) if (w.module === writer.module) await writer.before(db, w.data, c);
    }
    const ops: Array<Promise<unknown>> = [];

    for (const c of commits) {
      const data = {
        ...(c.patch ? patchData(c.patch) : {}),
        ...(c.followed === true ? { followed: true, followedAt: c.now, unfollowedAt: null } : {}),
        ...(c.followed === false ? { followed: false, unfollowedAt: c.now } : {}),
      };
      // Most messages change nothing about the resident; those write no row.
      if (Object.keys(data).length) ops.push(db.resident.update({ where: { id: c.residentId }, data: { ...data, updatedAt: c.now } }));
      // A decision on a consent topic is a new row: the history is kept, the latest is the current one.
      const decisions = c.patch?.topicConsents ?? [];
      if (decisions.length) ops.push(db.topicConsent.createMany({ data: decisions.map((d) => ({ id: randomUUID(), residentId: c.residentId, topic: d.topic, decision: d.decision, version: d.version, at: c.now })) }));
    }

    // Hand-offs, messages for staff, alerts and survey answers (rare next to plain steps).
    for (const c of commits) ops.push(...threadStatements(db, c));
    for (const c of commits) if (c.dataRequest) ops.push(db.dataRequest.create({ data: { residentId: c.residentId, kind: c.dataRequest.kind, at: c.now } }));
    // What the feature modules write, after the engine's own statements: each commit's, then each module's last word.
    for (const writer of this.writers) {
      const items = commits.flatMap((c) => (c.modules ?? []).filter((w) => w.module === writer.module).map((w) => ({ data: w.data, c })));
      if (!items.length) continue;
      if (writer.each) for (const { data, c } of items) ops.push(...writer.each(db, data, c));
      if (writer.afterAll) ops.push(...writer.afterAll(db, items));
    }

    const saved = commits.filter((c) => c.state);
    if (saved.length) {
      const p = new SqlParams();
      const values = saved.map((c) => p.row([c.residentId, c.state!.flowId, c.state!.version, c.state!.step, JSON.stringify(c.state!.data), new Date(c.state!.stepStartedAt), c.now]));
      ops.push(
        db.$executeRawUnsafe(
          `INSERT INTO "FlowState" ("residentId","flowId","flowVersion","step","data","stepStartedAt","updatedAt") VALUES ${values.join(', ')} ` +
            'ON CONFLICT ("residentId") DO UPDATE SET "flowId" = excluded."flowId", "flowVersion" = excluded."flowVersion", "step" = excluded."step", ' +
            '"data" = excluded."data", "stepStartedAt" = excluded."stepStartedAt", "updatedAt" = excluded."updatedAt"',
          ...p.values,
        ),
      );
    }
    const cleared = commits.filter((c) => !c.state && c.hadState !== false).map((c) => c.residentId);
    if (cleared.length) ops.push(db.flowState.deleteMany({ where: { residentId: { in: cleared } } }));

    const outbound = commits.flatMap((c) => c.outbound.map((o) => ({ o, c })));
    if (outbound.length) {
      ops.push(
        db.outboundMessage.createMany({
          data: outbound.map(({ o, c }) => outboundData(o, c.now, c.eventId)),
        }),
      );
    }

    const p = new SqlParams();
    const at = p.add(now);
    const payloads = p.caseOf('id', commits.map((c) => [c.eventId, c.redactedPayload]));
    const ids = p.list(commits.map((c) => c.eventId));
    const markDone = `UPDATE "WebhookEvent" SET "status" = 'done', "error" = NULL, "processedAt" = ${at}, "payload" = ${payloads} WHERE "id" IN (${ids})`;
    if (dialectOf(db) === 'sqlite') ops.push(db.$executeRawUnsafe(markDone, ...p.values));
    else {
      // Several instances: an event is committed once. Only events still pending are marked done, and when one of
      // them was not (another instance committed it after its lease passed here) the whole batch is rolled back. The
      // failing cast names the count and is not a constant, so the planner cannot evaluate it early.
      const expected = p.add(commits.length);
      ops.push(
        db.$queryRawUnsafe(
          `WITH "done" AS (${markDone} AND "status" = 'pending' RETURNING 1) ` +
            `SELECT CASE WHEN (SELECT COUNT(*) FROM "done") = ${expected} THEN 1 ELSE CAST('events no longer pending: ' || (${expected} - (SELECT COUNT(*) FROM "done")) AS INTEGER) END AS "ok"`,
          ...p.values,
        ),
      );
    }

    await db.$transaction(ops as never);
  }
}
