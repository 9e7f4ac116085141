/**
 * A personal notice's `targeting` JSON (`{"residentIds": [...]}`) built in SQL from the rows a statement reads, in
 * each database's JSON functions. Where the resident is known beforehand, bind `JSON.stringify` instead.
 */
import type { DatabaseKind } from './database';

/** `{"residentIds": [expr]}` for one row's resident id (`expr`, text; a bound value as `CAST($n AS TEXT)`: SQLite reads `$n::text` as another parameter's name). */
export function oneResidentTargeting(kind: DatabaseKind, expr: string): string {
  return kind === 'postgresql' ? `json_build_object('residentIds', json_build_array(${expr}))::text` : `json_object('residentIds', json_array(${expr}))`;
}

/** `{"residentIds": [...]}` gathering `expr` (a text column) over the rows of a group. */
export function residentsTargeting(kind: DatabaseKind, expr: string): string {
  return kind === 'postgresql' ? `json_build_object('residentIds', json_agg(${expr}))::text` : `json_object('residentIds', json_group_array(${expr}))`;
}
