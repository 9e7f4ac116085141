import type { Clock } from '../domain/ports';
import type { AuditLog, PasswordHasher, StaffStore } from '../domain/staff';
import type { ConsoleSessions } from './console-sessions';
import type { LoginThrottle } from './login-throttle';
import type { StaffThreadStore } from '../domain/staff-threads';
import type { ThreadActionDeps } from './threads/thread-actions';
import type { ConsoleLabels } from './threads/thread-views';
import type { MeasuresSource } from '../domain/measures';
import type { BroadcastConsole } from './broadcasts/broadcast-routes';
import type { EventConsole } from './events/event-routes';
import type { SalonConsole } from './salons/salon-routes';
import type { VolunteerConsole } from './volunteers/volunteer-routes';
import type { VolunteerRequestConsole } from './volunteer-requests/volunteer-request-routes';
import type { DonationConsole } from './donations/donation-routes';
import type { DeliveryCountsSource, QuotaRefusalsSource } from '../domain/delivery-overview';
import type { SafetyReplySource } from '../domain/safety-reply';

/** What the inbox, conversation and measures pages need. */
export interface ThreadConsole {
  threads: StaffThreadStore;
  labels: ConsoleLabels;
  /** Staff actions (reply, close …); a function because the bot's renderer and messenger are built after the console. */
  actions(): ThreadActionDeps;
  measures: MeasuresSource;
  /** Whether each alert's safety reply reached the resident. */
  safetyReplies: SafetyReplySource;
}

/** What became of the bot's messages, as counts (the home page's panel and every page's quota banner). */
export interface DeliveryConsole {
  counts: DeliveryCountsSource;
  quotaRefusals: QuotaRefusalsSource;
}

/** What console route plugins receive as options. Add the repositories new pages need here. */
export interface ConsoleDeps {
  staff: StaffStore;
  sessions: ConsoleSessions;
  audit: AuditLog;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  clock: Clock;
  threadConsole: ThreadConsole;
  broadcastConsole: BroadcastConsole;
  eventConsole: EventConsole;
  salonConsole: SalonConsole;
  volunteerConsole: VolunteerConsole;
  volunteerRequestConsole: VolunteerRequestConsole;
  donationConsole: DonationConsole;
  deliveryConsole: DeliveryConsole;
  /** The project root; static files and templates are read from its `src/console/`. */
  projectRoot: string;
}
