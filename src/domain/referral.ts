/**
 * Referrals (紹介) of a consultation to a partner body from the council profile (地域包括支援センター, 民生委員 …). A
 * referral passes the resident's details on, so it rests on their consent to that body (`referral:<code>`): staff
 * propose it, the resident is asked in LINE when they have not agreed yet, and only a yes refers.
 */
import type { TopicConsentRecord } from './topic-consent';

/** asked: waiting for the resident's answer; referred: passed on with consent; declined: the resident said no. */
export type ReferralStatus = 'asked' | 'referred' | 'declined';

/** A referral as staff see it. */
export interface ReferralRecord {
  id: string;
  consultationId: string;
  partnerCode: string;
  status: ReferralStatus;
  /** The consent row it rests on, and its version (once the resident agreed). */
  consentId: string | null;
  consentVersion: string | null;
  staffId: string;
  createdAt: Date;
  answeredAt: Date | null;
}

/** A referral waiting for the resident's answer, as their LINE conversation needs it. */
export interface ReferralAsk {
  id: string;
  partnerCode: string;
  referenceNo: string;
}

/** Referrals and the consents they rest on (inside a unit of work, or for reading a thread). */
export interface ReferralRepository {
  /** Referrals of these consultations, oldest first. */
  ofConsultations(consultationIds: readonly string[]): Promise<ReferralRecord[]>;
  add(r: ReferralRecord): Promise<void>;
  /** The resident's current decision per topic (the latest row of each). */
  consentsOf(residentId: string): Promise<TopicConsentRecord[]>;
  /** The resident's general consent to the privacy notice. */
  generalOf(residentId: string): Promise<{ status: string; version: string | null; at: Date | null } | null>;
}

/** Referrals waiting for these residents' answers, by resident. */
export interface ReferralAskSource {
  askedOf(residentIds: readonly string[]): Promise<Map<string, ReferralAsk[]>>;
}
