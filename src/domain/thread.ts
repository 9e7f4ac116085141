import type { ConsentStatus } from './conversation';
import { DomainError } from './errors';

/**
 * Who owns a resident's conversation with the council. A closed set, written only through `transition`:
 * - `bot`: no staff involved (the default when a resident has no open thread);
 * - `waiting`: handed to staff, nobody has claimed it yet;
 * - `staff`: a staff member owns it and the bot stays silent;
 * - `closed`: finished; the bot answers again.
 */
export const THREAD_OWNERS = ['bot', 'waiting', 'staff', 'closed'] as const;
export type ThreadOwner = (typeof THREAD_OWNERS)[number];

/** What may happen to a thread's ownership. */
export type OwnershipAction = 'handOff' | 'claim' | 'release' | 'close';

/** The resident's open thread as flows see it (none means the bot owns the conversation). */
export interface ThreadView {
  id: string;
  owner: Exclude<ThreadOwner, 'closed'>;
  urgent: boolean;
  /** JST date the out-of-hours notice was last sent (once a day at most). */
  afterHoursNoticeOn: string | null;
  /** The resident, without consent to the privacy notice, agreed that staff see and keep this conversation. */
  consented: boolean;
}

/**
 * Whether what a resident writes may be kept for staff in their open thread: with consent to the privacy notice,
 * with consent to this conversation, or in an urgent thread — a danger message opened it, and safety overrides
 * consent until staff close it, as the privacy notice says. Pure.
 */
export function mayKeepForStaff(consent: ConsentStatus, thread: ThreadView | null): boolean {
  if (!thread) return consent === 'granted';
  return consent === 'granted' || thread.consented || thread.urgent;
}

const ALLOWED: Record<OwnershipAction, readonly ThreadOwner[]> = {
  // Asking for staff again while waiting or with staff keeps the thread where it is.
  handOff: ['bot', 'closed', 'waiting', 'staff'],
  claim: ['waiting', 'staff'],
  release: ['staff'],
  close: ['bot', 'waiting', 'staff'],
};

const RESULT: Record<OwnershipAction, (from: ThreadOwner) => ThreadOwner> = {
  handOff: (from) => (from === 'staff' ? 'staff' : 'waiting'),
  claim: () => 'staff',
  release: () => 'waiting',
  close: () => 'closed',
};

/**
 * The one place ownership changes: the owner after `action`, or a `DomainError('thread.transition')` when
 * the action makes no sense from `from` (claiming a closed thread, closing it twice). Pure.
 */
export function transition(from: ThreadOwner, action: OwnershipAction): ThreadOwner {
  if (!ALLOWED[action].includes(from)) throw new DomainError('thread.transition', `cannot ${action} a thread owned by ${from}`);
  return RESULT[action](from);
}

/** The owners from which `action` is allowed (for a conditional update that loses no race). */
export function ownersAllowing(action: OwnershipAction): readonly ThreadOwner[] {
  return ALLOWED[action];
}

/** True when the value read from storage is a known owner. */
export function isThreadOwner(value: unknown): value is ThreadOwner {
  return typeof value === 'string' && (THREAD_OWNERS as readonly string[]).includes(value);
}
