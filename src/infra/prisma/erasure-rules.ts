/**
 * What erasing a resident's data (/console/residents, 「消去する」) does to each table: one entry per Prisma model,
 * read by `tests/unit/erasure-rules.test.ts`, which fails when a model of prisma/schema.prisma has none (so a new
 * table with personal fields cannot slip in), and by the integration tests that erase a seeded resident and check
 * each listed field. The statements themselves are each feature's `PersonalDataPart.erase` (in the one
 * transaction of `erase-resident-data`); this list is their contract.
 *
 * - `none`: the table holds nothing about a resident (or only staff's own data);
 * - `delete`: the resident's rows are removed;
 * - `anonymise`: the rows are kept for the council's records, the listed fields blanked (null, '' or '[]') or,
 *   for a LINE user id, replaced by the erasure marker `erased:<uuid>`.
 * `reason` says why (for the next developer); `staff` says it in Japanese on the erasure page.
 *
 * Adding a table: one line here, in the feature's group.
 */
export type ErasureRule =
  | { rule: 'none'; reason: string }
  /** `staff`: what goes or stays, in the words the erasure page shows staff. */
  | { rule: 'delete'; reason: string; staff: string }
  | { rule: 'anonymise'; fields: readonly string[]; reason: string; staff: string };

const none = (reason: string): ErasureRule => ({ rule: 'none', reason });
const remove = (reason: string, staff: string): ErasureRule => ({ rule: 'delete', reason, staff });
const anonymise = (fields: readonly string[], reason: string, staff: string): ErasureRule => ({ rule: 'anonymise', fields, reason, staff });

export const ERASURE_RULES: Readonly<Record<string, ErasureRule>> = {
  // Core: the resident, the conversation with staff, delivery.
  Resident: anonymise(['lineUserId', 'districtCode', 'topics', 'salons', 'consentVersion', 'consentAt', 'onboardedAt'], 'kept as the anonymous anchor of the records the council must keep; the LINE user id becomes erased:<uuid>, unfollowed, consent declined', '利用者：LINEのユーザーID・地区・知りたい情報・同意は消え、本人とわからない印だけが残ります'),
  FlowState: remove('answers of a form in progress', '入力中の手続きの内容'),
  ProcessingLease: remove('which instance is processing the resident\'s messages now, by their LINE user id (several instances)', '処理中の印（LINEのユーザーID）'),
  TopicConsent: remove("the resident's decisions on sensitive topics and referrals say which sensitive matters concerned them", '話題ごと（健康・障がい・お金・家族）と紹介の同意の記録'),
  WebhookEvent: remove('raw LINE events carry the LINE user id and what the resident wrote', 'LINEから受け取ったメッセージの記録'),
  OutboundMessage: remove('what was sent to the resident, addressed to their LINE user id', 'LINEで送ったメッセージの記録'),
  Conversation: anonymise(['fromFlow', 'afterHoursNoticeOn'], 'kept for the annual report (threads, first-reply times); it holds no content of its own', '職員との会話：日時と状態だけが残ります（年次報告）'),
  ConversationMessage: remove('message contents, locations and staff replies', '会話のメッセージ（文章・位置・職員の返信）'),
  Attachment: remove("the resident's photos and files (the bytes)", '送られた写真・ファイル'),
  SafetyAlert: anonymise(['eventId'], 'kept for the annual report (alerts and how fast they were acknowledged): category and times only; the event it points to is deleted', '緊急の警告：種類と日時だけが残ります（年次報告）'),
  StaffNote: remove("staff's notes about the resident", '職員の内部メモ'),
  SurveyResponse: remove('survey answers tied to the resident', 'アンケートの回答'),
  Broadcast: anonymise(['content', 'targeting'], "a personal notice to this resident alone: its wording is blanked, the resident removed from its targeting (the month's push count stays); announcements to many are untouched", '個人あてのお知らせ：文面が消えます（送った件数は残ります）'),
  BroadcastBatch: anonymise(['recipients'], 'the LINE user id in the recipient list becomes the erasure marker', 'お知らせの送り先の一覧：LINEのユーザーIDが消えます'),
  BroadcastDelivery: anonymise(['lineUserId'], 'the LINE user id becomes the erasure marker; the delivery count stays', 'お知らせの配信記録：LINEのユーザーIDが消えます（件数は残ります）'),
  DataRequest: none('the request itself (kind, dates) is the record that it was answered; no personal field'),
  ResidentErasure: none('the record of the erasure: when, by whom, the marker'),
  AuditLog: none('kept as it is: who read or changed what; its detail holds no personal data'),
  StaffUser: none("staff accounts, not residents' data"),
  StaffSession: none("staff sessions, not residents' data"),
  StaffTwoFactor: none("staff sign-in secrets, not residents' data"),
  StaffRecoveryCode: none("staff recovery codes (hashed), not residents' data"),
  HousekeepingRun: none('when the retention ran and how many rows each rule removed: counts only'),
  ScheduledRun: none('which instance ran each scheduled job, and when: job and instance names only'),
  SettingsVersion: none('the council\'s settings as staff changed them in the console: salons, areas, plans, texts; no resident data'),
  LoginFailure: none("failed console sign-ins (staff login ids and addresses, kept 15 minutes): staff's data, not residents'"),
  // Consultations.
  Consultation: anonymise(['description', 'phone', 'contactTime', 'attachmentIds'], 'kept for the annual report (category, area, district, urgency, outcome, dates) without what the resident told', '相談：受付番号・種類・地区・状態・日付が残り、内容・電話番号は消えます（年次報告）'),
  Referral: anonymise(['consentId'], 'kept for the annual report (referred and to whom, when); the consent row it pointed at is deleted', '相談の紹介：紹介先と日付が残ります（年次報告）'),
  // Events and salons.
  CouncilEvent: none('the event itself'),
  EventRegistration: anonymise(['name', 'phone'], 'kept for the annual report (registrations and attendance)', '行事の申し込み：参加の記録が残り、お名前・電話番号は消えます'),
  SalonChange: none("the salon's schedule"),
  // Volunteers.
  Volunteer: anonymise(['name', 'phone', 'districtCode', 'skills', 'availability', 'insuranceFiscalYear', 'insurancePlan', 'insuranceEnrolledOn'], 'kept as an anonymous record so the hours of past activities still count (insurance, annual report)', 'ボランティア登録：お名前・電話番号・地区・できること・保険は消え、本人とわからない記録が残ります'),
  VolunteerRequest: anonymise(['orgName', 'address', 'location', 'notes', 'phone', 'declineReason'], 'kept for the annual report (requests by kind, date and outcome) without who and where', 'ボランティアの依頼：受付番号・活動・日付・結果が残り、場所・連絡先・内容は消えます'),
  VolunteerInvitation: anonymise(['report'], 'the hours, activity dates and status stay for insurance and the annual report; the free-text note goes', 'ボランティア活動：活動日と活動時間が残ります（保険・年次報告）。報告の文章は消えます'),
  // Donations.
  DonationOffer: anonymise(['name', 'phone', 'address', 'staffMessage', 'photoAttachmentId'], 'the receipt must be kept: offer and receipt numbers, kind, purpose, amount, items and dates stay without the donor', '寄付・寄贈：受付番号・領収書の番号・金額・品物・日付が残り、お名前・電話番号・住所は消えます'),
  DonationItem: none('food categories and best-before dates of a kept offer'),
  Allocation: none('money given out, recorded by staff without a name'),
  WantedItem: none("the council's list"),
  // The disaster volunteer centre.
  DisasterCentre: none('the centre itself'),
  PoolMember: anonymise(['name', 'groupName', 'phone', 'emergencyContact', 'availableDates'], 'kept so the days worked and hours count (insurance, the centre figures); size, origin, skills and cover stay', '災害ボランティア：人数・地元かどうか・できること・保険・活動時間が残り、お名前・連絡先は消えます'),
  ActivityDay: none('the centre schedule'),
  DayApplication: none("an anonymous pool member's applications (dates, status)"),
  Need: anonymise(['householdName', 'address', 'addressKey', 'latitude', 'longitude', 'phone', 'phoneKey', 'notes', 'workOther'], "the resident's own household (a report of theirs about themselves): kept for the centre figures without who and where", 'ご自分の家の災害ニーズ：状態と作業が残り、お名前・住所・電話番号・メモは消えます'),
  NeedReport: anonymise(['residentId', 'reporterName', 'reporterPhone', 'content', 'photoIds'], 'the report stays as one intake, without the reporter and what they wrote', '災害ニーズの報告：受付の記録が残り、報告した人と内容は消えます'),
  NeedEvent: anonymise(['note'], "the history of an erased household's need without staff's free notes", '災害ニーズの経過：職員のメモが消えます'),
  Team: none('a team sent out (date, number, equipment)'),
  TeamMember: none("an anonymous pool member's hours"),
  EquipmentKind: none("the centre's equipment"),
  FieldReport: anonymise(['residentId', 'photoIds'], "the team's report stays (hours, work done); the leader's link and photos go", '活動報告：班の記録が残り、報告した人と写真は消えます'),
  FieldAlert: anonymise(['residentId'], 'kept for the centre figures; the resident link goes (the member is anonymous)', '現場からの緊急アラート：記録が残り、本人とのつながりは消えます'),
  // Complaints and opinions.
  Complaint: anonymise(['residentId', 'text', 'phone', 'notes', 'outcome'], 'yearly counts by kind, topic and status stay for the annual report; what was said, the phone and the link to the resident go', '苦情・ご意見：種類・内容の分類・状態・日付が残り、書かれた内容・電話番号・メモ・本人とのつながりは消えます'),
  // FAQ.
  FaqEntry: none("the council's answers"),
  FaqSynonym: none("the council's synonyms"),
  FaqQuestion: remove('the questions the resident typed', 'よくある質問への質問の文章'),
};
