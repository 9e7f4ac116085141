// Under test: a resident's data across every feature (src/infra/prisma/*-personal-data.ts) on a temp SQLite file
// migrated as in production: what is collected, how the search finds the resident, and the erasure — checked
// table by table against the erasure rules (erasure-rules.ts): deleted rows are gone, anonymised rows keep
// every field but the listed ones, which are blanked; another resident's rows are untouched; a failure mid-erase
// rolls everything back. Nothing is faked but the time (a fixed instant).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MODULES } from '../../src/composition/modules';
import type { Db } from '../../src/infra/prisma/database';
import { corePersonalData } from '../../src/infra/prisma/core-personal-data';
import { ERASURE_RULES } from '../../src/infra/prisma/erasure-rules';
import { erasureRepositories, PrismaResidentData, type PersonalDataPart } from '../../src/infra/prisma/personal-data';
import { PrismaUnitOfWork } from '../../src/infra/prisma/prisma-unit-of-work';
import { eraseResidentData } from '../../src/usecases/resident-data/erase-resident-data';
import { createTestDb, type TestDb } from '../helpers/test-db';

const NOW = new Date('2026-11-24T01:00:00Z');
const LATER = new Date('2026-11-30T01:00:00Z');
const PARTS: PersonalDataPart[] = [corePersonalData, ...MODULES.flatMap((m) => (m.personalData ? [m.personalData] : []))];
const LINE_ID = `U${'a'.repeat(32)}`;
const OTHER_LINE_ID = `U${'b'.repeat(32)}`;

let t: TestDb;
const db = () => t.db;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

type Seeded = Record<string, string[]>;

/** One resident with a row in every table that can hold something about them; returns model → row ids. */
async function seedResident(d: Db, lineUserId: string, tag: string, staffId: string, centreId: string, dayId: string, eventId: string): Promise<{ residentId: string; ids: Seeded }> {
  const at = NOW;
  const r = await d.resident.create({ data: { lineUserId, language: 'ja', consent: 'granted', consentVersion: 'v1', consentAt: at, districtCode: 'kaigan', topics: '["care"]', salons: '["s1"]', onboardedAt: at, followedAt: at, createdAt: at, updatedAt: at } });
  const residentId = r.id;
  const ids: Seeded = { Resident: [residentId] };
  const add = (model: string, id: string) => (ids[model] ??= []).push(id);
  await d.flowState.create({ data: { residentId, flowId: 'consult', flowVersion: 1, step: 'description', data: `{"phone":"090${tag}"}`, stepStartedAt: at, updatedAt: at } });
  add('FlowState', residentId);
  const ev = await d.webhookEvent.create({ data: { id: `ev-${tag}`, lineType: 'message', sourceType: 'user', userKey: lineUserId, mode: 'active', timestamp: BigInt(at.getTime()), isRedelivery: false, payload: `{"text":"死にたい ${tag}"}`, status: 'done', receivedAt: at } });
  add('WebhookEvent', ev.id);
  await d.processingLease.create({ data: { userKey: lineUserId, owner: 'instance-a', leaseUntil: at } });
  add('ProcessingLease', lineUserId);
  add('OutboundMessage', (await d.outboundMessage.create({ data: { lineUserId, method: 'push', messages: `[{"type":"text","text":"${tag}"}]`, createdAt: at } })).id);
  const conv = await d.conversation.create({ data: { residentId, owner: 'staff', fromFlow: 'consult', afterHoursNoticeOn: '2026-11-24', openedAt: at, lastMessageAt: at, survey: 'answered' } });
  add('Conversation', conv.id);
  const photo = await d.attachment.create({ data: { residentId, lineMessageId: `m-${tag}`, contentType: 'image/jpeg', bytes: new Uint8Array([1, 2, 3]), status: 'stored', createdAt: at } });
  add('Attachment', photo.id);
  add('ConversationMessage', (await d.conversationMessage.create({ data: { conversationId: conv.id, direction: 'in', kind: 'image', attachmentId: photo.id, createdAt: at } })).id);
  add('ConversationMessage', (await d.conversationMessage.create({ data: { conversationId: conv.id, direction: 'in', kind: 'text', text: `${tag} です。つらい`, createdAt: at } })).id);
  add('SafetyAlert', (await d.safetyAlert.create({ data: { residentId, conversationId: conv.id, category: 'suicide', eventId: ev.id, createdAt: at } })).id);
  add('StaffNote', (await d.staffNote.create({ data: { conversationId: conv.id, staffId, text: `${tag} さんは一人暮らし`, createdAt: at } })).id);
  add('SurveyResponse', (await d.surveyResponse.create({ data: { conversationId: conv.id, score: 4, comment: `${tag} 助かりました`, createdAt: at } })).id);
  const consultation = await d.consultation.create({ data: { referenceNo: `S-261124-${tag}`, residentId, conversationId: conv.id, categoryCode: 'life', teamCode: 'soudan', forWhom: 'self', districtCode: 'kaigan', contactMethod: 'phone', phone: `090${tag}`, contactTime: 'weekday_am', urgency: 'soon', description: `${tag} 家賃が払えない`, attachmentIds: `["${photo.id}"]`, status: 'in_progress', replyDueAt: at, createdAt: at, updatedAt: at } });
  add('Consultation', consultation.id);
  const consent = await d.topicConsent.create({ data: { residentId, topic: 'referral:minsei', decision: 'granted', version: 'v1', at } });
  add('TopicConsent', consent.id);
  add('TopicConsent', (await d.topicConsent.create({ data: { residentId, topic: 'money', decision: 'granted', version: 'v1', at } })).id);
  add('Referral', (await d.referral.create({ data: { consultationId: consultation.id, partnerCode: 'minsei', status: 'referred', consentId: consent.id, consentVersion: 'v1', staffId, createdAt: at, answeredAt: at } })).id);
  const notice = await d.broadcast.create({ data: { kind: 'volunteer_notice', title: 'ボランティア', content: `{"ja":"${tag} さん、依頼が決まりました"}`, targeting: `{"residentIds":["${residentId}"]}`, scheduledAt: at, status: 'sent', createdAt: at } });
  add('Broadcast', notice.id);
  const batch = await d.broadcastBatch.create({ data: { broadcastId: notice.id, language: 'ja', recipients: `["${lineUserId}"]`, retryKey: `rk-${tag}`, status: 'sent', createdAt: at } });
  add('BroadcastBatch', batch.id);
  add('BroadcastDelivery', (await d.broadcastDelivery.create({ data: { broadcastId: notice.id, lineUserId, language: 'ja', batchId: batch.id, status: 'sent' } })).id);
  add('EventRegistration', (await d.eventRegistration.create({ data: { eventId, residentId, status: 'registered', at, name: `${tag} 花子`, phone: `080${tag}`, updatedAt: at } })).id);
  const v = await d.volunteer.create({ data: { residentId, name: `${tag} 一郎`, phone: `070${tag}`, districtCode: 'kaigan', skills: '["escort"]', availability: '{"sat":["am"]}', insuranceFiscalYear: 2026, insurancePlan: 'basic', insuranceEnrolledOn: '2026-06-10', registeredAt: at, updatedAt: at } });
  add('Volunteer', v.id);
  const own = await d.volunteerRequest.create({ data: { referenceNo: `V-261124-${tag}`, residentId, requesterType: 'organisation', orgName: `${tag} 会`, kind: 'escort', districtCode: 'kaigan', address: `${tag} 町1-2`, location: '{"latitude":35}', date: '2026-10-10', part: 'am', people: 1, notes: `${tag} 車いす`, phone: `060${tag}`, status: 'done', declineReason: 'x', createdAt: at, updatedAt: at } });
  add('VolunteerRequest', own.id);
  add('VolunteerInvitation', (await d.volunteerInvitation.create({ data: { requestId: own.id, volunteerId: v.id, status: 'accepted', invitedAt: at, answeredAt: at, hours: 3, report: `${tag} 無事に終了`, reportedAt: at } })).id);
  add('DonationOffer', (await d.donationOffer.create({ data: { referenceNo: `D-261124-${tag}`, residentId, kind: 'money', purposeCode: 'children', amountYen: 10000, name: `${tag} 太郎`, phone: `050${tag}`, slot: 'pickup', address: `${tag} 町3-4`, status: 'received_goods', receiptNo: `R-2026-${tag}`, receivedAt: at, staffMessage: `${tag} さん、ありがとう`, photoAttachmentId: photo.id, createdAt: at, updatedAt: at } })).id);
  const member = await d.poolMember.create({ data: { centreId, residentId, kind: 'group', name: `${tag} 次郎`, groupName: `${tag} 班`, size: 3, origin: 'local', skills: '["mud"]', availableDates: '["2026-11-25"]', phone: `040${tag}`, emergencyContact: `${tag} 母`, coverPlan: 'disaster', coverEnrolledOn: '2026-11-20', joinedAt: at, updatedAt: at } });
  add('PoolMember', member.id);
  await d.dayApplication.create({ data: { dayId, memberId: member.id, status: 'reconfirmed', appliedAt: at } });
  const need = await d.need.create({ data: { referenceNo: `N-261124-${tag}`, centreId, status: 'active', statusSince: at, householdName: `${tag} 家`, address: `${tag} 町5-6`, addressKey: `key-${tag}`, latitude: 35.1, longitude: 139.1, contactMethod: 'phone', phone: `030${tag}`, phoneKey: `030${tag}`, notes: `${tag} 高齢`, workOther: `${tag} 家具`, createdAt: at, updatedAt: at } });
  add('Need', need.id);
  add('NeedReport', (await d.needReport.create({ data: { needId: need.id, channel: 'line', relation: 'self', residentId, reporterName: `${tag} 代理`, reporterPhone: `020${tag}`, content: `{"notes":"${tag}"}`, photoIds: `["${photo.id}"]`, createdAt: at } })).id);
  add('NeedEvent', (await d.needEvent.create({ data: { needId: need.id, kind: 'note', note: `${tag} 留守がち`, at } })).id);
  const team = await d.team.create({ data: { centreId, needId: need.id, date: '2026-11-25', number: tag === 'AAAA' ? 1 : 2, status: 'back', dispatchedAt: at } });
  await d.teamMember.create({ data: { teamId: team.id, memberId: member.id, leader: true, hours: 4, personHours: 12 } });
  add('FieldReport', (await d.fieldReport.create({ data: { teamId: team.id, needId: need.id, back: true, people: 3, hours: 4, done: '泥出し', outcome: 'done', photoIds: `["${photo.id}"]`, channel: 'line', residentId, at } })).id);
  add('FieldAlert', (await d.fieldAlert.create({ data: { centreId, teamId: team.id, memberId: member.id, residentId, raisedAt: at } })).id);
  add('FaqQuestion', (await d.faqQuestion.create({ data: { text: `${tag} の住所で使える？`, normalized: 'x', language: 'ja', residentId, outcome: 'unanswered', at } })).id);
  add('Complaint', (await d.complaint.create({ data: { referenceNo: `K-261124-${tag}`, kind: 'complaint', topic: 'staff', text: `${tag} 窓口の対応がひどかった`, contact: 'phone', phone: `010${tag}`, residentId, status: 'in_progress', notes: `${tag} 本人に電話`, outcome: `${tag} 謝罪した`, createdAt: at, updatedAt: at } })).id);
  await d.dataRequest.create({ data: { residentId, kind: 'erase', at } });
  return { residentId, ids };
}

async function seedWorld() {
  const d = db();
  const staff = await d.staffUser.create({ data: { loginId: 'admin', displayName: '管理者', passwordHash: 'x', role: 'admin', createdAt: NOW, updatedAt: NOW } });
  const centre = await d.disasterCentre.create({ data: { name: '台風', districts: '["kaigan"]', openedOn: '2026-11-20', drill: false, status: 'open', createdAt: NOW, updatedAt: NOW } });
  const day = await d.activityDay.create({ data: { centreId: centre.id, date: '2026-11-25', capacity: 10, opensAt: NOW, closesAt: NOW, reconfirmBy: NOW, priorities: '{}', checkInCode: 'ABC', createdAt: NOW } });
  const event = await d.councilEvent.create({ data: { title: '{"ja":"講座"}', description: '{"ja":"説明"}', place: '会館', startsAt: NOW, endsAt: NOW, capacity: 10, deadline: NOW, createdAt: NOW, updatedAt: NOW } });
  const one = await seedResident(d, LINE_ID, 'AAAA', staff.id, centre.id, day.id, event.id);
  const other = await seedResident(d, OTHER_LINE_ID, 'BBBB', staff.id, centre.id, day.id, event.id);
  return { staffId: staff.id, one, other };
}

const lower = (model: string) => model[0]?.toLowerCase() + model.slice(1);
const keyOf = (model: string) => (model === 'FlowState' ? 'residentId' : model === 'ProcessingLease' ? 'userKey' : 'id');
/** The row of `model` with this id, or null. */
async function rowOf(model: string, id: string): Promise<Record<string, unknown> | null> {
  const delegate = (db() as unknown as Record<string, { findUnique(a: unknown): Promise<Record<string, unknown> | null> }>)[lower(model)];
  return (await delegate?.findUnique({ where: { [keyOf(model)]: id } })) ?? null;
}
async function snapshot(ids: Seeded): Promise<Map<string, Record<string, unknown> | null>> {
  const out = new Map<string, Record<string, unknown> | null>();
  for (const [model, list] of Object.entries(ids)) for (const id of list) out.set(`${model}:${id}`, await rowOf(model, id));
  return out;
}

/** Blank as an erasure leaves a field. */
const blank = (v: unknown, residentId: string) =>
  v === null || v === '' || (typeof v === 'string' && v.startsWith('erased:')) || (typeof v === 'string' && /^[[{]/.test(v) && !v.includes('AAAA') && !v.includes(LINE_ID) && !v.includes(residentId));
/** Fields an erasure may change besides the listed personal ones: state moves and timestamps. */
const MOVES: Record<string, string[]> = {
  Complaint: ['updatedAt'],
  Resident: ['followed', 'unfollowedAt', 'consent', 'updatedAt'],
  Conversation: ['owner', 'closedAt'],
  Volunteer: ['status', 'leftAt', 'erasedAt', 'updatedAt'],
  Consultation: ['updatedAt'],
  EventRegistration: ['updatedAt'],
  VolunteerRequest: ['updatedAt'],
  DonationOffer: ['updatedAt'],
};

const erase = (residentId: string, staffId: string, parts = PARTS) => eraseResidentData(new PrismaUnitOfWork(db(), erasureRepositories(parts)), residentId, { staffId, ip: '127.0.0.1', at: LATER });

describe("a resident's data across every feature", () => {
  test('collects a section per feature, and is found by each reference number, a name and the LINE user id', async () => {
    const { one } = await seedWorld();
    const data = new PrismaResidentData(db(), PARTS);
    const sections = await data.collect(one.residentId);
    expect(new Set(sections.map((s) => s.feature))).toEqual(new Set(['core', 'consultation', 'events', 'volunteers', 'donations', 'disaster', 'faq', 'complaints']));
    const text = JSON.stringify(sections.map((s) => s.records));
    for (const said of ['AAAA 家賃が払えない', 'AAAA です。つらい', 'AAAA さんは一人暮らし', 'AAAA 一郎', 'AAAA 太郎', 'R-2026-AAAA', 'AAAA 花子', 'AAAA 次郎', 'AAAA 家', 'AAAA の住所で使える？', 'AAAA 窓口の対応がひどかった']) expect(text).toContain(said);
    expect(text).not.toContain('BBBB');
    for (const q of ['S-261124-AAAA', 'K-261124-AAAA', 'v-261124-aaaa', 'D-261124-AAAA', 'R-2026-AAAA', 'N-261124-AAAA', LINE_ID, 'AAAA 一郎', 'AAAA 花子', 'AAAA 次郎', 'AAAA 家']) {
      expect((await data.find(q)).matches.map((m) => m.residentId), q).toEqual([one.residentId]);
    }
    expect(await data.openItems(one.residentId)).toEqual(expect.arrayContaining(['対応中の相談 S-261124-AAAA', expect.stringContaining('N-261124-AAAA'), expect.stringContaining('会話')]));
  });

  test('erasure follows the rules table by table, and leaves another resident as they were', async () => {
    const { staffId, one, other } = await seedWorld();
    const before = await snapshot(one.ids);
    const otherBefore = await snapshot(other.ids);
    const result = await erase(one.residentId, staffId);
    expect(result.ok).toBe(true);
    const after = await snapshot(one.ids);

    const checked = new Set<string>();
    for (const [key, was] of before) {
      const model = key.split(':')[0] as string;
      const rule = ERASURE_RULES[model];
      const now = after.get(key);
      checked.add(model);
      if (rule?.rule === 'delete') {
        expect(now, `${key} deleted`).toBeNull();
        continue;
      }
      expect(now, `${key} kept`).not.toBeNull();
      const listed = rule?.rule === 'anonymise' ? rule.fields : [];
      for (const [field, value] of Object.entries(was ?? {})) {
        const v = (now as Record<string, unknown>)[field];
        if (listed.includes(field)) expect(blank(v, one.residentId), `${model}.${field} blanked (${JSON.stringify(v)})`).toBe(true);
        else if (!(MOVES[model] ?? []).includes(field)) expect(v, `${model}.${field} kept`).toEqual(value);
      }
    }
    // Every table the rules erase was seeded and checked.
    const erasing = Object.entries(ERASURE_RULES).filter(([, r]) => r.rule !== 'none').map(([m]) => m);
    expect([...checked].sort()).toEqual(erasing.sort());

    // What the council keeps: the receipt, the hours, the alert, the anonymous anchor.
    expect(await db().donationOffer.findFirst({ where: { receiptNo: 'R-2026-AAAA' } })).toMatchObject({ amountYen: 10000, name: '', phone: null, address: null });
    expect(await db().volunteerInvitation.findFirst({ where: { volunteer: { residentId: one.residentId } } })).toMatchObject({ hours: 3, report: null });
    expect(await db().teamMember.findFirst({ where: { member: { residentId: one.residentId } } })).toMatchObject({ hours: 4, personHours: 12 });
    expect(await db().safetyAlert.count({ where: { residentId: one.residentId } })).toBe(1);
    // The thread staff held is closed (nothing is left in it to answer).
    expect(await db().conversation.findFirst({ where: { residentId: one.residentId } })).toMatchObject({ owner: 'closed', closedAt: LATER });
    const resident = await db().resident.findUniqueOrThrow({ where: { id: one.residentId } });
    expect(resident).toMatchObject({ followed: false, consent: 'declined', lineUserId: result.ok ? result.marker : '' });
    expect(await db().residentErasure.findUnique({ where: { residentId: one.residentId } })).toMatchObject({ staffId, at: LATER });
    expect(await db().dataRequest.findFirst({ where: { residentId: one.residentId } })).toMatchObject({ status: 'done', doneBy: staffId });
    const audit = await db().auditLog.findMany({ where: { residentId: one.residentId } });
    expect(audit.map((a) => a.action)).toEqual(['resident.data.erase']);
    expect(audit[0]?.detail).not.toContain('AAAA');

    // Another resident's rows are as they were (shared rows: a team, the day, the event — untouched).
    expect(await snapshot(other.ids)).toEqual(otherBefore);
    // Nothing of the erased resident is left anywhere in the data collected for them.
    expect(JSON.stringify(await new PrismaResidentData(db(), PARTS).collect(one.residentId))).not.toMatch(/AAAA (家賃|です|さん|一郎|太郎|花子|次郎|家|の住所|町|会|代理|留守|車いす|無事)/);
    expect(JSON.stringify(await new PrismaResidentData(db(), PARTS).collect(one.residentId))).not.toContain(LINE_ID);
  });

  test('a second erasure is refused; so is an unknown resident', async () => {
    const { staffId, one } = await seedWorld();
    expect((await erase(one.residentId, staffId)).ok).toBe(true);
    expect(await erase(one.residentId, staffId)).toEqual({ ok: false, code: 'alreadyErased' });
    expect(await erase('nobody', staffId)).toEqual({ ok: false, code: 'notFound' });
  });

  test('one transaction: a failure mid-erase rolls back everything written before it', async () => {
    const { staffId, one } = await seedWorld();
    const before = await snapshot(one.ids);
    const failing: PersonalDataPart = {
      feature: 'failing',
      collect: async () => [],
      erase: async () => {
        throw new Error('disk full');
      },
    };
    // The failing part runs after the consultation and volunteer parts have written and before the core's.
    const parts = [...PARTS.filter((p) => p.feature !== 'core' && p.feature !== 'faq'), failing, ...PARTS.filter((p) => p.feature === 'core' || p.feature === 'faq')];
    await expect(erase(one.residentId, staffId, parts)).rejects.toThrow('disk full');
    expect(await snapshot(one.ids)).toEqual(before);
    expect(await db().residentErasure.count()).toBe(0);
    expect(await db().auditLog.count()).toBe(0);
  });
});
