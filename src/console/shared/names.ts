/**
 * Codes from the council profile (skills, districts, slots, purposes …) and people's names as staff read them.
 * Pure; shared by the features that show them.
 */
import { isErased } from '../../domain/volunteer';

/** A code and its Japanese name (a skill, a district, a slot … from the council profile). */
export interface NamedCode {
  code: string;
  name: string;
}

/** A name from the profile, or the code when the profile no longer has it. */
export function nameOf(code: string, names: readonly NamedCode[]): string {
  return names.find((n) => n.code === code)?.name ?? code;
}

/** A district's name, the code itself when the profile no longer has it, `—` when none was given. */
export function districtText(code: string | null, districts: readonly NamedCode[]): string {
  if (!code) return '—';
  return nameOf(code, districts);
}

/** What stands for the name of a volunteer registration erased when its resident withdrew consent. */
export const ERASED_NAME_JA = '(同意の取り消しにより削除)';

/** A volunteer's name as staff read it: the name, or that it was erased. */
export function volunteerName(name: string): string {
  return isErased({ name }) ? ERASED_NAME_JA : name;
}
