/**
 * Adding a kind of equipment (資機材) to a centre's inventory or changing its name and count, with its audit row in
 * one transaction. The count is what the centre owns; it may go below what teams hold now (a shovel broke): the
 * inventory page then shows nothing left, and no team is lent more until enough come back.
 */
import type { EquipmentKind } from '../../domain/disaster/equipment';
import { auditOf, type StaffAct } from '../staff-act';
import type { TeamsDeps } from './teams-deps';

export type SetEquipmentOutcome = { ok: true } | { ok: false; refused: 'unknown' | 'badName' | 'badCount' | 'badCode' };

/** At most this many of one kind: a typo guard (10000 shovels is not an inventory). */
export const MAX_EQUIPMENT_COUNT = 9999;
const CODE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** Sets the kind `kind.code` of the centre. */
export async function setEquipment(deps: Pick<TeamsDeps, 'work'>, centreId: string, kind: EquipmentKind, by: StaffAct): Promise<SetEquipmentOutcome> {
  const name = kind.name.trim();
  if (!CODE.test(kind.code)) return { ok: false, refused: 'badCode' };
  if (!name || name.length > 40) return { ok: false, refused: 'badName' };
  if (!Number.isInteger(kind.count) || kind.count < 0 || kind.count > MAX_EQUIPMENT_COUNT) return { ok: false, refused: 'badCount' };
  return deps.work.run(async ({ needs, teams, audit }) => {
    if (!(await needs.centre(centreId))) return { ok: false, refused: 'unknown' } as const;
    await teams.setEquipment(centreId, { code: kind.code, name, count: kind.count });
    await audit.record(auditOf(by, { action: 'disaster.equipment.set', subjectType: 'disasterCentre', subjectId: centreId, detail: { code: kind.code, name, count: kind.count } }));
    return { ok: true } as const;
  });
}
