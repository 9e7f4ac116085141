/**
 * Consent per topic: beside the general consent to the privacy notice, a resident decides — when it first matters —
 * whether the service may keep information about health, disability, money or family circumstances (要配慮個人情報
 * and its like), and whether a consultation may be passed to a partner body (`referral:<partner code>`). Every
 * decision is a row (history kept); the current one per topic is the latest.
 */

/** The sensitive topics a consultation category may touch. */
export const CONSENT_TOPICS = ['health', 'disability', 'money', 'family'] as const;
export type ConsentTopic = (typeof CONSENT_TOPICS)[number];

/** What a resident decided on a topic. */
export type TopicDecision = 'granted' | 'declined' | 'withdrawn';

/** The version of the wording a resident is asked to agree to, per topic (bump when the wording changes). */
export const TOPIC_CONSENT_VERSION = '2026-12-topics-1';
/** The version of the referral question's wording. */
export const REFERRAL_CONSENT_VERSION = '2026-12-referral-1';

/** A consent topic's stored key: the topic itself, or `referral:<partner code>`. */
export function referralTopic(partnerCode: string): string {
  return `referral:${partnerCode}`;
}

export function isConsentTopic(v: string): v is ConsentTopic {
  return (CONSENT_TOPICS as readonly string[]).includes(v);
}

/** One stored decision. */
export interface TopicConsentRecord {
  id: string;
  topic: string;
  decision: TopicDecision;
  version: string;
  /** ISO time. */
  at: string;
}

/** The current decision per topic: the latest row of each (rows in any order). */
export function currentConsents(rows: readonly TopicConsentRecord[]): TopicConsentRecord[] {
  const latest = new Map<string, TopicConsentRecord>();
  for (const r of rows) {
    const seen = latest.get(r.topic);
    if (!seen || seen.at < r.at || (seen.at === r.at && seen.id < r.id)) latest.set(r.topic, r);
  }
  return [...latest.values()];
}

/** Whether the topic's current decision is a grant. */
export function isGranted(current: readonly TopicConsentRecord[], topic: string): boolean {
  return current.some((c) => c.topic === topic && c.decision === 'granted');
}

/** The topics among `needed` the resident has not granted (declined, withdrawn or never asked), in order. */
export function topicsToAsk(current: readonly TopicConsentRecord[], needed: readonly ConsentTopic[]): ConsentTopic[] {
  return needed.filter((t) => !isGranted(current, t));
}
