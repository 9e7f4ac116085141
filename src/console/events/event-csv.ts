/**
 * The registrant list as a CSV file for the day's reception, in the form Japanese Excel opens by double-click
 * (see `../csv.ts`: BOM, CRLF, quoting, formula cells defused, phone numbers with hyphens).
 */
import type { Registrant } from '../../domain/event-registration';
import { csvDateTime, csvFile, csvPhone } from '../shared/csv';

export const CSV_HEADER = ['番号', 'お名前', '電話', '状態', '申込日時'] as const;

/** A registrant's status in Japanese: 参加 / キャンセル待ち(2番目) / 取り消し. */
export function registrantStatus(r: Pick<Registrant, 'status' | 'position'>): string {
  if (r.status === 'registered') return '参加';
  if (r.status === 'waitlisted') return r.position ? `キャンセル待ち(${r.position}番目)` : 'キャンセル待ち';
  return '取り消し';
}

/** Shown for a registrant whose name was erased after the keeping period (see `domain/retention.ts`). */
export const ERASED_NAME = '(保存期間を過ぎたため消去)';

/** A registrant's name as staff see it: the erased ones say so rather than show a blank. */
export function registrantName(r: Pick<Registrant, 'name'>): string {
  return r.name || ERASED_NAME;
}

/** The whole file, BOM first, every line (the last too) ended with CRLF. */
export function registrantsCsv(registrants: readonly Registrant[]): string {
  return csvFile(
    CSV_HEADER,
    registrants.map((r, i) => [String(i + 1), registrantName(r), csvPhone(r.phone), registrantStatus(r), csvDateTime(r.at)]),
  );
}

/** A file name from an event's title: characters Windows refuses in names replaced, kept short. */
export function csvFileName(title: string, date: string): string {
  const clean = title.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').trim().slice(0, 60) || '行事';
  return `申込者一覧_${clean}_${date}.csv`;
}
