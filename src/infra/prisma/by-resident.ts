/** Groups rows by their `residentId`, in the rows' order, each turned into `as`. */
export function byResident<R extends { residentId: string }, T>(rows: readonly R[], as: (row: R) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.residentId) ?? [];
    list.push(as(r));
    out.set(r.residentId, list);
  }
  return out;
}
