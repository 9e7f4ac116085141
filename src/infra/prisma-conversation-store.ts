import { isLanguage, DEFAULT_LANGUAGE, type Language } from '../domain/language';
import type { ConversationStore, ResidentRecord, StepCommit } from '../domain/stores';
import type { ConsentStatus, FlowState, ResidentPatch } from '../flows/engine/types';
import type { Db } from './database';

type ResidentRow = Awaited<ReturnType<Db['resident']['findFirstOrThrow']>>;

function toRecord(r: ResidentRow): ResidentRecord {
  return {
    id: r.id,
    lineUserId: r.lineUserId,
    language: isLanguage(r.language) ? r.language : DEFAULT_LANGUAGE,
    languageChosen: r.languageChosen,
    followed: r.followed,
    consent: (['pending', 'granted', 'declined'].includes(r.consent) ? r.consent : 'pending') as ConsentStatus,
    districtCode: r.districtCode,
    topics: parseTopics(r.topics),
    onboardedAt: r.onboardedAt,
  };
}

function parseTopics(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
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
    ...(p.onboardedAt !== undefined ? { onboardedAt: p.onboardedAt ? new Date(p.onboardedAt) : null } : {}),
  };
}

/** Residents, flow states and the per-event commit, on Prisma. */
export class PrismaConversationStore implements ConversationStore {
  constructor(private readonly db: Db) {}

  async findResident(lineUserId: string): Promise<ResidentRecord | null> {
    const r = await this.db.resident.findUnique({ where: { lineUserId } });
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
    if (!s) return null;
    let data: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(s.data);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
    } catch {
      // A corrupt state is treated as an empty form; the engine re-prompts the step.
    }
    return { flowId: s.flowId, version: s.flowVersion, step: s.step, data, stepStartedAt: s.stepStartedAt.toISOString() };
  }

  async commit(c: StepCommit): Promise<void> {
    const ops = [];
    const data = {
      ...(c.patch ? patchData(c.patch) : {}),
      ...(c.followed === true ? { followed: true, followedAt: c.now, unfollowedAt: null } : {}),
      ...(c.followed === false ? { followed: false, unfollowedAt: c.now } : {}),
      updatedAt: c.now,
    };
    ops.push(this.db.resident.update({ where: { id: c.residentId }, data }));
    if (c.handoff) {
      ops.push(this.db.handoffRequest.create({ data: { residentId: c.residentId, fromFlow: c.handoff.fromFlow, eventId: c.eventId, createdAt: c.now } }));
    }
    if (c.state) {
      const s = { flowId: c.state.flowId, flowVersion: c.state.version, step: c.state.step, data: JSON.stringify(c.state.data), stepStartedAt: new Date(c.state.stepStartedAt), updatedAt: c.now };
      ops.push(this.db.flowState.upsert({ where: { residentId: c.residentId }, create: { residentId: c.residentId, ...s }, update: s }));
    } else {
      ops.push(this.db.flowState.deleteMany({ where: { residentId: c.residentId } }));
    }
    if (c.outbound.length) {
      ops.push(
        this.db.outboundMessage.createMany({
          data: c.outbound.map((o) => ({ id: o.id, lineUserId: o.lineUserId, eventId: c.eventId, method: o.method, retryKey: o.retryKey, messages: JSON.stringify(o.messages), createdAt: c.now })),
        }),
      );
    }
    ops.push(this.db.webhookEvent.update({ where: { id: c.eventId }, data: { status: 'done', payload: c.redactedPayload, processedAt: c.now, error: null } }));
    await this.db.$transaction(ops);
  }
}
