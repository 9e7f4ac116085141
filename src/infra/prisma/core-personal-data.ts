import { ownersAllowing, transition } from '../../domain/thread';
import type { DataSection } from '../../domain/resident-data';
import type { PersonalDataPart } from './personal-data';
import { plain, recordOf, sectionOf } from './personal-data';

const RESIDENT = {
  lineUserId: 'LINEのユーザーID',
  language: '言語',
  followed: '友だち',
  followedAt: '友だち追加',
  unfollowedAt: 'ブロック・解除',
  consent: '個人情報の同意',
  consentVersion: '同意した版',
  consentAt: '同意の日時',
  districtCode: '地区',
  topics: '知りたい情報',
  salons: 'フォローしているサロン',
  createdAt: '登録',
};

const MESSAGE = { createdAt: '日時', direction: '向き', kind: '種類', text: '内容', data: '位置など', staffName: '職員' };
const DIRECTION: Record<string, string> = { in: '利用者から', out: '職員から', system: 'システム' };

/**
 * The core's personal data: the resident row, the form in progress, threads with staff (messages, photos, notes,
 * alerts, survey answers), what the bot sent and received, personal notices, and the resident's data requests.
 */
export const corePersonalData: PersonalDataPart = {
  feature: 'core',

  async find(db, query) {
    const q = query.trim();
    if (!/^[\w:-]{6,80}$/.test(q)) return [];
    const rows = await db.resident.findMany({ where: { OR: [{ lineUserId: q }, { id: q }] }, select: { id: true, lineUserId: true } });
    return rows.map((r) => ({ residentId: r.id, why: r.lineUserId === q ? 'LINEのユーザーID' : '利用者ID' }));
  },

  async collect(db, residentId) {
    const resident = await db.resident.findUnique({ where: { id: residentId } });
    if (!resident) return [];
    const [flow, threads, attachments, outbound, events, requests, notices, consents] = await Promise.all([
      db.flowState.findUnique({ where: { residentId } }),
      db.conversation.findMany({ where: { residentId }, orderBy: { openedAt: 'asc' }, include: { messages: { orderBy: { createdAt: 'asc' } }, notes: { orderBy: { createdAt: 'asc' } }, alerts: true, surveyResponse: true } }),
      db.attachment.findMany({ where: { residentId }, orderBy: { createdAt: 'asc' }, select: { id: true, lineMessageId: true, contentType: true, status: true, createdAt: true } }),
      db.outboundMessage.count({ where: { lineUserId: resident.lineUserId } }),
      db.webhookEvent.count({ where: { userKey: resident.lineUserId } }),
      db.dataRequest.findMany({ where: { residentId }, orderBy: { at: 'asc' } }),
      db.broadcast.findMany({ where: { targeting: { contains: `"${residentId}"` } }, orderBy: { createdAt: 'asc' }, select: { id: true, kind: true, title: true, content: true, status: true, scheduledAt: true } }),
      db.topicConsent.findMany({ where: { residentId }, orderBy: { at: 'asc' }, select: { topic: true, decision: true, version: true, at: true } }),
    ]);
    const sections: DataSection[] = [
      { feature: 'core', title: '利用者', records: [recordOf('LINEの友だち', resident, RESIDENT)], data: [plain(resident)] },
      ...sectionOf('core', '入力中の手続き', flow ? [flow] : [], (f) => f.flowId, { flowId: '手続き', step: '段階', data: '入力済みの内容', stepStartedAt: '開始' }),
    ];
    if (threads.length) {
      sections.push({
        feature: 'core',
        title: '職員との会話',
        records: threads.flatMap((t) => [
          recordOf(`会話（${t.openedAt.toISOString().slice(0, 10)}）`, { ...t, alerts: t.alerts.map((a) => a.category).join('、'), survey: t.surveyResponse ? `${t.surveyResponse.score}${t.surveyResponse.comment ? `：${t.surveyResponse.comment}` : ''}` : null }, { openedAt: '開始', closedAt: '終了', owner: '状態', urgent: '至急', alerts: '緊急の警告', survey: 'アンケート' }),
          ...t.messages.map((m) => recordOf(`メッセージ（${DIRECTION[m.direction] ?? m.direction}）`, m, MESSAGE)),
          ...t.notes.map((n) => recordOf('職員の内部メモ', n, { createdAt: '日時', text: '内容' })),
        ]),
        data: threads.map(({ messages, notes, alerts, surveyResponse, ...t }) => ({ ...plain(t), messages: messages.map((m) => plain(m)), notes: notes.map((n) => plain(n)), alerts: alerts.map((a) => plain(a)), survey: surveyResponse ? plain(surveyResponse) : null })),
      });
    }
    sections.push(...sectionOf('core', '話題ごとの同意・紹介の同意（履歴）', consents, (c) => c.topic, { topic: '話題', decision: '回答', version: '版', at: '日時' }));
    sections.push(...sectionOf('core', '送られた写真・ファイル', attachments, (a) => a.contentType ?? 'ファイル', { createdAt: '日時', contentType: '種類', status: '状態' }));
    sections.push(...sectionOf('core', '個人あてのお知らせ', notices, (n) => n.title, { scheduledAt: '日時', kind: '種類', content: '内容', status: '状態' }));
    sections.push(...sectionOf('core', '情報の開示・消去の依頼', requests, (r) => (r.kind === 'erase' ? '消去の依頼' : '開示の依頼'), { at: '日時', status: '状態', doneAt: '完了' }));
    sections.push({ feature: 'core', title: 'LINEのやりとりの記録', records: [{ title: '件数', rows: [{ label: '受け取ったイベント', value: String(events) }, { label: '送ったメッセージ', value: String(outbound) }] }], data: [{ webhookEvents: events, outboundMessages: outbound }] });
    return sections;
  },

  async openItems(db, residentId) {
    const open = await db.conversation.count({ where: { residentId, owner: { in: ['waiting', 'staff'] } } });
    return open ? ['職員が対応中の会話があります（消去すると会話の内容は残りません）'] : [];
  },

  async erase(tx, { residentId, lineUserId, marker, at }) {
    const threads = { conversation: { residentId } };
    await tx.flowState.deleteMany({ where: { residentId } });
    await tx.topicConsent.deleteMany({ where: { residentId } });
    await tx.conversationMessage.deleteMany({ where: threads });
    await tx.staffNote.deleteMany({ where: threads });
    await tx.surveyResponse.deleteMany({ where: threads });
    await tx.safetyAlert.updateMany({ where: { residentId }, data: { eventId: null } });
    await tx.conversation.updateMany({ where: { residentId }, data: { fromFlow: null, afterHoursNoticeOn: null } });
    // A thread still open is closed as staff close one: nothing is left in it to answer.
    await tx.conversation.updateMany({ where: { residentId, owner: { in: [...ownersAllowing('close')] } }, data: { owner: transition('bot', 'close'), closedAt: at } });
    await tx.attachment.deleteMany({ where: { residentId } });
    await tx.webhookEvent.deleteMany({ where: { userKey: lineUserId } });
    await tx.processingLease.deleteMany({ where: { userKey: lineUserId } });
    await tx.outboundMessage.deleteMany({ where: { lineUserId } });
    await tx.broadcastDelivery.updateMany({ where: { lineUserId }, data: { lineUserId: marker } });
    for (const b of await tx.broadcastBatch.findMany({ where: { recipients: { contains: `"${lineUserId}"` } }, select: { id: true, recipients: true } })) {
      const ids = (JSON.parse(b.recipients) as string[]).map((id) => (id === lineUserId ? marker : id));
      await tx.broadcastBatch.update({ where: { id: b.id }, data: { recipients: JSON.stringify(ids) } });
    }
    // Personal notices: blank the wording of one addressed to this resident alone, take them out of a shared one.
    for (const b of await tx.broadcast.findMany({ where: { targeting: { contains: `"${residentId}"` } }, select: { id: true, targeting: true, status: true } })) {
      const targeting = JSON.parse(b.targeting) as { residentIds?: string[] };
      const others = (targeting.residentIds ?? []).filter((id) => id !== residentId);
      const alone = others.length === 0;
      await tx.broadcast.update({
        where: { id: b.id },
        data: { targeting: JSON.stringify({ ...targeting, residentIds: others }), ...(alone ? { content: JSON.stringify({ ja: '' }), ...(b.status === 'scheduled' ? { status: 'cancelled' } : {}) } : {}) },
      });
    }
    await tx.resident.update({
      where: { id: residentId },
      data: { lineUserId: marker, followed: false, unfollowedAt: at, consent: 'declined', consentVersion: null, consentAt: null, districtCode: null, topics: '[]', salons: '[]', onboardedAt: null, updatedAt: at },
    });
  },
};
