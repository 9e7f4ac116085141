/** The cursor of a page of audit rows in a URL (the audit log, a resident's viewers). Pure. */
import type { AuditCursor, AuditRecord } from '../../domain/staff';

/** `?before=<epoch ms>_<id>`: the last row of the previous page. */
export function parseCursor(value: string | undefined): AuditCursor | undefined {
  const m = value ? /^(\d{1,15})_([\w-]{1,64})$/.exec(value) : null;
  return m ? { at: new Date(Number(m[1])), id: m[2] as string } : undefined;
}

export function formatCursor(row: Pick<AuditRecord, 'at' | 'id'>): string {
  return `${row.at.getTime()}_${row.id}`;
}
