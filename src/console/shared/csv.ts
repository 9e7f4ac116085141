/**
 * CSV files that Japanese Excel opens correctly by double-click: UTF-8 with a BOM (without it Excel reads
 * Shift_JIS and shows mojibake), CRLF line ends, RFC 4180 quoting. A cell that starts like a formula (= + - @, or
 * a tab / CR) gets a leading apostrophe so a name typed by a resident never runs as one. Shared by every console
 * download (event registrants, volunteers, the annual report).
 */
import type { FastifyReply } from 'fastify';

import { jstDate, jstMinuteOfDay } from '../../domain/japan-time';

// Japan-time dates by arithmetic (a fixed offset, no summer time), not `Intl.DateTimeFormat`, which took most of a
// 10,000-row download's formatting time; the text is the same.
const pad2 = (n: number) => String(n).padStart(2, '0');

/** `2026/11/24 10:05` in Japan time. */
export function csvDateTime(at: Date): string {
  const minute = jstMinuteOfDay(at);
  return `${csvDate(at)} ${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;
}

/** `2026/11/24` in Japan time. */
export function csvDate(at: Date): string {
  return jstDate(at).replaceAll('-', '/');
}

/** One cell: formula-like text defused, then quoted if it holds a comma, a quote or a line break. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A phone number with hyphens (090-1234-5678), so Excel keeps it as text instead of reading a number and dropping
 * the leading 0. Tokyo and Osaka numbers split 2-4-4, other landlines 3-3-4 (the digits are what matter).
 */
export function csvPhone(digits: string | null): string {
  if (!digits) return '';
  if (/^\d{11}$/.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  if (/^0[36]\d{8}$/.test(digits)) return `${digits.slice(0, 2)}-${digits.slice(2, 6)}-${digits.slice(6)}`;
  if (/^\d{10}$/.test(digits)) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  return digits;
}

/** The whole file: BOM first, the header, then the rows, every line (the last too) ended with CRLF. */
export function csvFile(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return csvHead(header) + csvLines(rows);
}

/** The start of a `csvFile` (its mark for Excel and the header line), for a file written a batch of rows at a time. */
export function csvHead(header: readonly string[]): string {
  return `\uFEFF${csvLines([header])}`;
}

/** Rows of a `csvFile`, each line ended. */
export function csvLines(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((cells) => `${cells.map(csvCell).join(',')}\r\n`).join('');
}

/**
 * `attachment` with an ASCII fallback name and the real (Japanese) one in RFC 5987 form, which every current
 * browser uses: `filename*=UTF-8''%E7%94%B3…`.
 */
export function attachmentHeader(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

/** Sends `body` as a CSV download named `fileName` (`asciiFallback` for old clients), never cached. */
export function sendCsv(reply: FastifyReply, body: string, fileName: string, asciiFallback: string): FastifyReply {
  return reply.code(200).header('content-type', 'text/csv; charset=utf-8').header('content-disposition', attachmentHeader(fileName, asciiFallback)).header('cache-control', 'no-store').send(body);
}
