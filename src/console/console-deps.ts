import type { Clock } from '../domain/ports';
import type { AuditLog, PasswordHasher, StaffStore } from '../domain/staff';
import type { ConsoleSessions } from './console-sessions';
import type { LoginThrottle } from './login-throttle';

/** What console route plugins receive as options. Add the repositories new pages need here. */
export interface ConsoleDeps {
  staff: StaffStore;
  sessions: ConsoleSessions;
  audit: AuditLog;
  hasher: PasswordHasher;
  throttle: LoginThrottle;
  clock: Clock;
  /** The project root; static files and templates are read from its `src/console/`. */
  projectRoot: string;
}
