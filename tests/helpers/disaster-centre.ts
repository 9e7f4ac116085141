import type { Db } from '../../src/infra/prisma/database';

/** Japan time to a Date: `jst('2026-11-24T10:00')`. */
export const jst = (s: string): Date => new Date(`${s}:00+09:00`);

/**
 * A disaster centre written straight into the database (the console's pages are another part's), running by default,
 * with activity dates: each its date, check-in code, window and reconfirmation deadline.
 */
export async function seedCentre(
  db: Db,
  opts: { status?: string; drill?: boolean; walkIns?: boolean; sameDayCover?: boolean; districts?: string[]; days?: Array<{ date: string; code: string; opensAt: string; closesAt: string; reconfirmBy?: string; capacity?: number }> } = {},
): Promise<{ centreId: string; dayIds: Record<string, string> }> {
  const now = jst('2026-11-20T09:00');
  const centre = await db.disasterCentre.create({
    data: {
      name: 'つなぐ市災害ボランティアセンター',
      districts: JSON.stringify(opts.districts ?? ['kaigan']),
      openedOn: '2026-11-20',
      drill: opts.drill ?? false,
      status: opts.status ?? 'open',
      sameDayCover: opts.sameDayCover ?? false,
      walkIns: opts.walkIns ?? false,
      createdAt: now,
      updatedAt: now,
    },
  });
  const dayIds: Record<string, string> = {};
  for (const d of opts.days ?? []) {
    const day = await db.activityDay.create({
      data: {
        centreId: centre.id,
        date: d.date,
        capacity: d.capacity ?? 20,
        opensAt: jst(d.opensAt),
        closesAt: jst(d.closesAt),
        reconfirmBy: jst(d.reconfirmBy ?? `${d.date}T00:00`),
        priorities: JSON.stringify({ localsFirst: false, skillPlaces: [] }),
        checkInCode: d.code,
        createdAt: now,
      },
    });
    dayIds[d.date] = day.id;
  }
  return { centreId: centre.id, dayIds };
}
