/** The Japanese names staff read for a complaint's kind, topic and status (the console and the annual report). */
import type { ComplaintKind, ComplaintStatus, ComplaintTopic } from '../../domain/complaint';

export const COMPLAINT_STATUS_JA: Readonly<Record<ComplaintStatus, string>> = { new: '受付', in_progress: '対応中', resolved: '解決', withdrawn: '取り下げ' };
export const COMPLAINT_KIND_JA: Readonly<Record<ComplaintKind, string>> = { complaint: '苦情', opinion: 'ご意見・ご提案' };
export const COMPLAINT_TOPIC_JA: Readonly<Record<ComplaintTopic, string>> = { consultation: '相談の対応', volunteer: 'ボランティア', donation: '寄付', events: '行事・サロン', staff: '職員の対応', other: 'その他' };
