import type { Language } from './language';

/**
 * Conversation values shared by the flows, the runner and the stores: consent, a flow's saved position and
 * changes to a resident's record. Plain JSON-compatible data.
 */

/** Consent to the privacy notice. Personal answers are stored only when `granted`. */
export type ConsentStatus = 'pending' | 'granted' | 'declined';

/** Answers collected by a flow so far. Plain JSON so it survives storage and `structuredClone`. */
export type FlowData = Record<string, unknown>;

/** A flow's saved position. */
export interface FlowState {
  flowId: string;
  version: number;
  step: string;
  data: FlowData;
  /** ISO time the current step was prompted; expiry is checked against it lazily. */
  stepStartedAt: string;
}

/** Changes to the resident's own record. */
export interface ResidentPatch {
  language?: Language;
  languageChosen?: boolean;
  consent?: ConsentStatus;
  consentVersion?: string | null;
  consentAt?: string | null;
  districtCode?: string | null;
  topics?: string[];
  /** Salon codes followed. */
  salons?: string[];
  onboardedAt?: string | null;
  /** Decisions on consent topics, each stored as a new row (history kept). */
  topicConsents?: Array<{ topic: string; decision: 'granted' | 'declined' | 'withdrawn'; version: string }>;
}
