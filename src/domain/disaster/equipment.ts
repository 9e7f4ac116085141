/**
 * The centre's equipment (資機材: shovels, wheelbarrows, buckets, high-pressure washers …) lent to teams and
 * returned. The console sets the kinds and counts; what is out is the sum of what teams hold. Pure: counts in,
 * counts out, so a use case can check and write them in one transaction.
 */

/** One kind of equipment and how many the centre owns. */
export interface EquipmentKind {
  code: string;
  name: string;
  count: number;
}

/** A count of one kind, asked for, lent or returned. */
export interface EquipmentCount {
  code: string;
  count: number;
}

/** Why a loan cannot be made: each kind short (`left` is what the centre still has), or a kind it does not own. */
export type LendProblem = { code: 'short'; kind: string; asked: number; left: number } | { code: 'unknownKind'; kind: string } | { code: 'badCount'; kind: string };

/**
 * Pure: lend `request` out of `inventory` while `lentNow` (code → count out) is already out. Ok with the new
 * counts out (a new map; the input is untouched) when every kind has enough left; otherwise every problem, so the
 * coordinator sees all that is short at once. Counts must be whole and positive; a kind asked twice adds up.
 */
export function lend(
  inventory: readonly EquipmentKind[],
  lentNow: ReadonlyMap<string, number>,
  request: readonly EquipmentCount[],
): { ok: true; lent: Map<string, number> } | { ok: false; problems: LendProblem[] } {
  const owned = new Map(inventory.map((k) => [k.code, k.count]));
  const asked = new Map<string, number>();
  const problems: LendProblem[] = [];
  for (const r of request) {
    if (!Number.isInteger(r.count) || r.count <= 0) problems.push({ code: 'badCount', kind: r.code });
    else if (!owned.has(r.code)) problems.push({ code: 'unknownKind', kind: r.code });
    else asked.set(r.code, (asked.get(r.code) ?? 0) + r.count);
  }
  const lent = new Map(lentNow);
  for (const [code, count] of asked) {
    const left = Math.max(0, (owned.get(code) ?? 0) - (lentNow.get(code) ?? 0));
    if (count > left) problems.push({ code: 'short', kind: code, asked: count, left });
    else lent.set(code, (lent.get(code) ?? 0) + count);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lent };
}

/**
 * Pure: what a team still holds after its report — per kind, what it had minus what came back, and what it reports
 * missing (紛失) listed apart so the console can write it off. Returned and missing never take a kind below zero
 * (over-counting at the desk is clamped, not carried as negative stock); kinds at zero are dropped.
 */
export function returnEquipment(
  lent: readonly EquipmentCount[],
  returned: readonly EquipmentCount[],
  missing: readonly EquipmentCount[],
): { stillOut: EquipmentCount[]; missing: EquipmentCount[] } {
  const sum = (xs: readonly EquipmentCount[]) => {
    const m = new Map<string, number>();
    for (const x of xs) if (x.count > 0) m.set(x.code, (m.get(x.code) ?? 0) + x.count);
    return m;
  };
  const back = sum(returned);
  const lost = sum(missing);
  const stillOut: EquipmentCount[] = [];
  const missingOut: EquipmentCount[] = [];
  for (const [code, had] of sum(lent)) {
    const afterReturn = Math.max(0, had - (back.get(code) ?? 0));
    const gone = Math.min(afterReturn, lost.get(code) ?? 0);
    if (afterReturn - gone > 0) stillOut.push({ code, count: afterReturn - gone });
    if (gone > 0) missingOut.push({ code, count: gone });
  }
  return { stillOut, missing: missingOut };
}
