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
 *
 * Adding a table: one line here, in the feature's group.
 */
export type ErasureRule =
  | { rule: 'none'; reason: string }
  | { rule: 'delete'; reason: string }
  | { rule: 'anonymise'; fields: readonly string[]; reason: string };

const none = (reason: string): ErasureRule => ({ rule: 'none', reason });
const remove = (reason: string): ErasureRule => ({ rule: 'delete', reason });
const anonymise = (fields: readonly string[], reason: string): ErasureRule => ({ rule: 'anonymise', fields, reason });

export const ERASURE_RULES: Readonly<Record<string, ErasureRule>> = {
  // Core: the resident, the conversation with staff, delivery.
  Resident: anonymise(['lineUserId', 'districtCode', 'topics', 'salons', 'consentVersion', 'consentAt', 'onboardedAt'], 'kept as the anonymous anchor of the records the council must keep; the LINE user id becomes erased:<uuid>, unfollowed, consent declined'),
  FlowState: remove('answers of a form in progress'),
  WebhookEvent: remove('raw LINE events carry the LINE user id and what the resident wrote'),
  OutboundMessage: remove('what was sent to the resident, addressed to their LINE user id'),
  Conversation: anonymise(['fromFlow', 'afterHoursNoticeOn'], 'kept for the annual report (threads, first-reply times); it holds no content of its own'),
  ConversationMessage: remove('message contents, locations and staff replies'),
  Attachment: remove("the resident's photos and files (the bytes)"),
  SafetyAlert: anonymise(['eventId'], 'kept for the annual report (alerts and how fast they were acknowledged): category and times only; the event it points to is deleted'),
  StaffNote: remove("staff's notes about the resident"),
  SurveyResponse: remove('survey answers tied to the resident'),
  Broadcast: anonymise(['content', 'targeting'], "a personal notice to this resident alone: its wording is blanked, the resident removed from its targeting (the month's push count stays); announcements to many are untouched"),
  BroadcastBatch: anonymise(['recipients'], 'the LINE user id in the recipient list becomes the erasure marker'),
  BroadcastDelivery: anonymise(['lineUserId'], 'the LINE user id becomes the erasure marker; the delivery count stays'),
  DataRequest: none('the request itself (kind, dates) is the record that it was answered; no personal field'),
  ResidentErasure: none('the record of the erasure: when, by whom, the marker'),
  AuditLog: none('kept as it is: who read or changed what; its detail holds no personal data'),
  StaffUser: none("staff accounts, not residents' data"),
  StaffSession: none("staff sessions, not residents' data"),
  StaffTwoFactor: none("staff sign-in secrets, not residents' data"),
  StaffRecoveryCode: none("staff recovery codes (hashed), not residents' data"),
  // Consultations.
  Consultation: anonymise(['description', 'phone', 'contactTime', 'attachmentIds'], 'kept for the annual report (category, area, district, urgency, outcome, dates) without what the resident told'),
  // Events and salons.
  CouncilEvent: none('the event itself'),
  EventRegistration: anonymise(['name', 'phone'], 'kept for the annual report (registrations and attendance)'),
  SalonChange: none("the salon's schedule"),
  // Volunteers.
  Volunteer: anonymise(['name', 'phone', 'districtCode', 'skills', 'availability', 'insuranceFiscalYear', 'insurancePlan', 'insuranceEnrolledOn'], 'kept as an anonymous record so the hours of past activities still count (insurance, annual report)'),
  VolunteerRequest: anonymise(['orgName', 'address', 'location', 'notes', 'phone', 'declineReason'], 'kept for the annual report (requests by kind, date and outcome) without who and where'),
  VolunteerInvitation: anonymise(['report'], 'the hours, activity dates and status stay for insurance and the annual report; the free-text note goes'),
  // Donations.
  DonationOffer: anonymise(['name', 'phone', 'address', 'staffMessage', 'photoAttachmentId'], 'the receipt must be kept: offer and receipt numbers, kind, purpose, amount, items and dates stay without the donor'),
  DonationItem: none('food categories and best-before dates of a kept offer'),
  Allocation: none('money given out, recorded by staff without a name'),
  WantedItem: none("the council's list"),
  // The disaster volunteer centre.
  DisasterCentre: none('the centre itself'),
  PoolMember: anonymise(['name', 'groupName', 'phone', 'emergencyContact', 'availableDates'], 'kept so the days worked and hours count (insurance, the centre figures); size, origin, skills and cover stay'),
  ActivityDay: none('the centre schedule'),
  DayApplication: none("an anonymous pool member's applications (dates, status)"),
  Need: anonymise(['householdName', 'address', 'addressKey', 'latitude', 'longitude', 'phone', 'phoneKey', 'notes', 'workOther'], "the resident's own household (a report of theirs about themselves): kept for the centre figures without who and where"),
  NeedReport: anonymise(['residentId', 'reporterName', 'reporterPhone', 'content', 'photoIds'], 'the report stays as one intake, without the reporter and what they wrote'),
  NeedEvent: anonymise(['note'], "the history of an erased household's need without staff's free notes"),
  Team: none('a team sent out (date, number, equipment)'),
  TeamMember: none("an anonymous pool member's hours"),
  EquipmentKind: none("the centre's equipment"),
  FieldReport: anonymise(['residentId', 'photoIds'], "the team's report stays (hours, work done); the leader's link and photos go"),
  FieldAlert: anonymise(['residentId'], 'kept for the centre figures; the resident link goes (the member is anonymous)'),
  // Complaints and opinions.
  Complaint: anonymise(['residentId', 'text', 'phone', 'notes', 'outcome'], 'yearly counts by kind, topic and status stay for the annual report; what was said, the phone and the link to the resident go'),
  // FAQ.
  FaqEntry: none("the council's answers"),
  FaqSynonym: none("the council's synonyms"),
  FaqQuestion: remove('the questions the resident typed'),
};
