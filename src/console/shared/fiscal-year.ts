/**
 * The fiscal year (April–March) pages are asked for in their query string (`?year=2026`), its name in Japanese,
 * and the page that says a year is not one.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPage } from '../render';

/** `2026年度(令和8年度)`. */
export function fiscalYearLabel(year: number): string {
  return year >= 2019 ? `${year}年度(令和${year === 2019 ? '元' : year - 2018}年度)` : `${year}年度`;
}

/** The fiscal year asked for (`?year=2026`): the current one when none is given; null when it is not a year. */
export function fiscalYearQuery(query: unknown, current: number): number | null {
  const raw = (query as Record<string, unknown>).year;
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (v === undefined || v === '') return current;
  if (typeof v !== 'string' || !/^\d{4}$/.test(v.trim())) return null;
  const y = Number(v.trim());
  return y >= 2000 && y <= 2100 ? y : null;
}

/** The page for a year that is not one (400), with a way back to `back`. */
export function badYear(request: FastifyRequest, reply: FastifyReply, back = '/console/reports', backLabel = '年次報告のページに戻る') {
  return sendPage(request, reply, 'error', '年度が正しくありません', { heading: '年度が正しくありません', message: '年度は「2026」のように西暦の4けたで選んでください。', action: { href: back, label: backLabel } }, 400);
}
