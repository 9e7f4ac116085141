/** Who acts in the console, from where and when: what a use case's audit row records of the act. */
import type { AuditEntry } from '../domain/staff';

export interface StaffAct {
  staffId: string;
  /** The client's address, as the audit log keeps it. */
  ip: string;
  at: Date;
}

/** The audit row of `by`'s act. */
export function auditOf(by: StaffAct, entry: Omit<AuditEntry, 'staffId' | 'ip' | 'at'>): AuditEntry {
  return { staffId: by.staffId, ...entry, ip: by.ip, at: by.at };
}
