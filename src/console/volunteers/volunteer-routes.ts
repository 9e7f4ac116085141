/**
 * Registered volunteers (ボランティア) in the console: the list with what each can do, when, and whether their
 * volunteer activity insurance covers today (a warning when it does not), filtered by status, skill, district and
 * insurance; a volunteer's page with the phone number, every detail, this fiscal year's activities and hours, and
 * their latest activities; and the filtered list as a CSV for Excel.
 * Volunteers register and change their details through LINE, so these pages only read. Every view of the list or
 * a volunteer, and every download, is audited.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DISASTER_ACTIVITY, type VolunteerActivitySource, type VolunteerHoursSource } from '../../domain/annual-report';
import { fiscalYearAt } from '../../domain/donation-admin';
import { jstDate } from '../../domain/japan-time';
import { fiscalYearOf, insuranceCovers, isErased, type VolunteerStatus } from '../../domain/volunteer';
import type { VolunteerAdmin, VolunteerCounts, VolunteerFilter } from '../../domain/volunteer-admin';
import type { ConsoleRoutes } from '../console-module';
import { currentSession } from '../console-guard';
import { csvDate, csvDateTime, csvPhone, sendCsv } from '../shared/csv';
import { sendPage } from '../render';
import { jaDay, jaLongDate } from '../shared/ja-dates';
import { one } from '../shared/form-fields';
import { districtText, ERASED_NAME_JA, nameOf, volunteerName, type NamedCode } from '../shared/names';
import { badYear, fiscalYearQuery } from '../shared/fiscal-year';
import { pageAt, pagerOf, parsePageNumber, type Pager } from '../shared/paging';
import { availabilityText, hoursText, insuranceText, skillsText, STATUS_JA, uninsuredWarning, volunteerHoursCsv, volunteersCsvHead, volunteersCsvRows } from './volunteer-text';

/** What the volunteer pages need. */
export interface VolunteerConsole {
  admin: VolunteerAdmin;
  /** Activities volunteers took part in and the hours they reported. */
  activity: VolunteerActivitySource;
  /** Each volunteer's activities and hours over a fiscal year (the annual report's file). */
  hours: VolunteerHoursSource;
  /** The council profile's volunteer skills and districts, by their Japanese names. */
  skills: readonly NamedCode[];
  districts: readonly NamedCode[];
}

/** The list's filter as the form shows it (the query string, cleaned). */
export interface VolunteerFilterValues {
  status: string;
  skill: string;
  district: string;
  insured: boolean;
}

export interface VolunteerListView {
  /** Today in words (「11月24日(火)」): the day the insurance is checked for. */
  today: string;
  counts: VolunteerCounts;
  values: VolunteerFilterValues;
  pager: Pager;
  statuses: Array<{ value: string; label: string }>;
  skills: readonly NamedCode[];
  districts: readonly NamedCode[];
  rows: Array<{ href: string; name: string; district: string; skills: string; availability: string; insurance: string; uninsured: boolean; status: string; registered: string }>;
  /** The same filter as a CSV download. */
  csvHref: string;
  /** True when a filter other than the default is applied. */
  filtered: boolean;
}

export interface VolunteerDetailView {
  heading: string;
  facts: Array<{ label: string; value: string }>;
  /** Shown when a registered volunteer is not insured today. */
  uninsured: boolean;
  today: string;
  /** This fiscal year's activities and reported hours. */
  year: { label: string; activities: string; hours: string };
  /** The latest activities, newest first. */
  activities: Array<{ date: string; kind: string; hours: string; note: string; referenceNo: string; href: string }>;
  /** Activities agreed to whose hours are not reported yet, oldest first; `asked` once the request is done. */
  unreported: Array<{ date: string; kind: string; referenceNo: string; href: string; asked: boolean }>;
  recentLimit: number;
}

/** How many of a volunteer's latest activities their page lists. */
export const RECENT_ACTIVITIES = 10;

/** The status choices of the filter; the first (value '') is the default. */
const STATUS_CHOICES: ReadonlyArray<{ value: string; label: string; statuses: readonly VolunteerStatus[] }> = [
  { value: '', label: '活動中と休止中', statuses: ['active', 'paused'] },
  { value: 'active', label: '活動中', statuses: ['active'] },
  { value: 'paused', label: '休止中', statuses: ['paused'] },
  { value: 'left', label: '退会', statuses: ['left'] },
  { value: 'all', label: 'すべて(退会した人も)', statuses: ['active', 'paused', 'left'] },
];

/** The filter from the query string: unknown values are dropped (shown and applied as "any"). */
export function parseVolunteerFilter(query: Record<string, unknown>, names: { skills: readonly NamedCode[]; districts: readonly NamedCode[] }, today: string): { filter: VolunteerFilter; values: VolunteerFilterValues } {
  const choice = STATUS_CHOICES.find((c) => c.value === one(query.status)) ?? STATUS_CHOICES[0]!;
  const skill = names.skills.find((s) => s.code === one(query.skill))?.code ?? null;
  const districtCode = names.districts.find((d) => d.code === one(query.district))?.code ?? null;
  const insured = ['1', 'on', 'true'].includes(one(query.insured));
  return {
    filter: { statuses: choice.statuses, skill, districtCode, insuredOn: insured ? today : null },
    values: { status: choice.value, skill: skill ?? '', district: districtCode ?? '', insured },
  };
}

/** How many volunteers one page of the list shows. */
export const VOLUNTEER_PAGE_SIZE = 50;

/** The query string for filter values (only what differs from the default), with its leading `?`; '' for none. */
export function filterQuery(v: VolunteerFilterValues): string {
  return pageQuery(v, 1);
}

/** `filterQuery` for a page of the list (the first page has no `page`). */
export function pageQuery(v: VolunteerFilterValues, page: number): string {
  const q = new URLSearchParams();
  if (v.status) q.set('status', v.status);
  if (v.skill) q.set('skill', v.skill);
  if (v.district) q.set('district', v.district);
  if (v.insured) q.set('insured', '1');
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The filter as it goes into the audit log: codes only, no personal data. */
function auditFilter(v: VolunteerFilterValues): Record<string, unknown> {
  return { status: v.status || 'current', ...(v.skill ? { skill: v.skill } : {}), ...(v.district ? { district: v.district } : {}), ...(v.insured ? { insured: true } : {}) };
}

export const volunteerRoutes: ConsoleRoutes<VolunteerConsole> = async (app, { deps: vc, clock, audit }) => {
  // Read at each request: the skills and districts follow the council's settings.
  const names = () => ({ skills: vc.skills, districts: vc.districts });

  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(request, reply, 'error', '見つかりません', { heading: 'ボランティアが見つかりません', message: 'このボランティアは登録されていないか、削除されています。', action: { href: '/console/volunteers', label: 'ボランティアの一覧に戻る' } }, 404);

  app.get('/console/volunteers', { config: { permission: 'volunteer.manage' } }, async (request, reply) => {
    const now = clock.now();
    const today = jstDate(now);
    const query = request.query as Record<string, unknown>;
    const { filter, values } = parseVolunteerFilter(query, names(), today);
    const asked = parsePageNumber(query);
    const [counts, read] = await Promise.all([vc.admin.counts(today), vc.admin.page(filter, { offset: (asked - 1) * VOLUNTEER_PAGE_SIZE, limit: VOLUNTEER_PAGE_SIZE })]);
    // A page past the end (registrations changed meanwhile) shows the last one rather than nothing.
    const { page, pages, offset } = pageAt(read.total, VOLUNTEER_PAGE_SIZE, asked);
    const { rows, total } = page === asked ? read : await vc.admin.page(filter, { offset, limit: VOLUNTEER_PAGE_SIZE });
    const { staff } = currentSession(request);
    // The list shows names and what people can do: every opening is audited.
    await audit.record({ staffId: staff.id, action: 'volunteer.list.view', subjectType: 'volunteer', detail: { rows: rows.length, ...(page > 1 ? { page } : {}), filter: auditFilter(values) }, ip: request.ip, at: now });
    const hrefOf = (n: number) => `/console/volunteers${pageQuery(values, n)}`;
    const view: VolunteerListView = {
      today: jaDay(today),
      counts,
      values,
      pager: pagerOf({ total, page, pages, size: VOLUNTEER_PAGE_SIZE, shown: rows.length, hrefOf }),
      statuses: STATUS_CHOICES.map(({ value, label }) => ({ value, label })),
      skills: vc.skills,
      districts: vc.districts,
      rows: rows.map((v) => ({
        href: `/console/volunteers/${encodeURIComponent(v.id)}`,
        name: volunteerName(v.name),
        district: districtText(v.districtCode, vc.districts),
        skills: skillsText(v.skills, vc.skills),
        availability: availabilityText(v.availability),
        insurance: insuranceText(v.insurance),
        uninsured: uninsuredWarning(v, today),
        status: STATUS_JA[v.status],
        registered: csvDate(v.registeredAt),
      })),
      csvHref: `/console/volunteers.csv${filterQuery(values)}`,
      filtered: filterQuery(values) !== '',
    };
    return sendPage(request, reply, 'volunteers', 'ボランティア', view);
  });

  app.get('/console/volunteers.csv', { config: { permission: 'volunteer.manage' } }, async (request, reply) => {
    const now = clock.now();
    const today = jstDate(now);
    const named = names();
    const { filter, values } = parseVolunteerFilter(request.query as Record<string, unknown>, named, today);
    // Read a batch at a time: only one batch of registrations is held while the file is written.
    const lines: string[] = [];
    let n = 0;
    for await (const batch of vc.admin.each(filter)) {
      lines.push(volunteersCsvRows(batch, named, today, n));
      n += batch.length;
    }
    const { staff } = currentSession(request);
    await audit.record({ staffId: staff.id, action: 'volunteer.export', subjectType: 'volunteer', detail: { rows: n, filter: auditFilter(values) }, ip: request.ip, at: now });
    return sendCsv(reply, volunteersCsvHead() + lines.join(''), `ボランティア一覧_${today.replace(/-/g, '')}.csv`, 'volunteers.csv');
  });

  app.get<{ Params: { id: string } }>('/console/volunteers/:id', { config: { permission: 'volunteer.manage' } }, async (request, reply) => {
    const v = await vc.admin.get(request.params.id);
    if (!v) return notFound(request, reply);
    const now = clock.now();
    const today = jstDate(now);
    const { staff } = currentSession(request);
    await audit.record({ staffId: staff.id, action: 'volunteer.view', subjectType: 'volunteer', subjectId: v.id, residentId: v.residentId, ip: request.ip, at: now });
    const covered = insuranceCovers(v.insurance, today);
    const fiscalYear = fiscalYearOf(today);
    const activity = await vc.activity.volunteerActivity(v.id, fiscalYear, RECENT_ACTIVITIES);
    const view: VolunteerDetailView = {
      heading: isErased(v) ? `ボランティア ${ERASED_NAME_JA}` : `${v.name}さん`,
      today: jaDay(today),
      uninsured: uninsuredWarning(v, today),
      facts: [
        { label: '状態', value: STATUS_JA[v.status] },
        { label: 'お名前', value: volunteerName(v.name) },
        { label: '電話', value: v.phone ? csvPhone(v.phone) : 'LINEで連絡' },
        { label: '地区', value: districtText(v.districtCode, vc.districts) },
        { label: 'できること', value: skillsText(v.skills, vc.skills) },
        { label: '曜日と時間帯', value: availabilityText(v.availability) },
        { label: '保険', value: insuranceText(v.insurance) },
        ...(v.insurance
          ? [
              { label: '保険の加入日', value: v.insurance.enrolledOn ? jaLongDate(v.insurance.enrolledOn) : 'わからない(年度の初めから有効とみなします)' },
              { label: '今日の活動', value: covered ? '保険の対象' : '保険の対象外' },
              { label: '災害の活動', value: insuranceCovers(v.insurance, today, true) ? '保険の対象(天災タイプ)' : v.insurance.plan === 'disaster' ? '保険の対象外' : '保険の対象外(天災タイプではありません)' },
            ]
          : [{ label: '今日の活動', value: '保険の対象外' }]),
        { label: '登録日', value: csvDate(v.registeredAt) },
        { label: '最終更新', value: csvDateTime(v.updatedAt) },
        ...(v.leftAt ? [{ label: '退会日', value: csvDate(v.leftAt) }] : []),
        ...(v.erasedAt ? [{ label: '登録内容の削除', value: `${csvDate(v.erasedAt)}(本人が同意を取り消したため。活動の回数と時間だけ残しています)` }] : []),
      ],
      year: { label: `${fiscalYear}年度(${fiscalYear}年4月〜${fiscalYear + 1}年3月)`, activities: `${activity.activities}回`, hours: hoursText(activity.hours) },
      activities: activity.recent.map((a) => ({
        date: jaLongDate(a.date),
        kind: a.kind === DISASTER_ACTIVITY ? '災害ボランティア' : nameOf(a.kind, vc.skills),
        hours: hoursText(a.hours),
        note: a.note ?? '—',
        referenceNo: a.referenceNo,
        href: a.kind === DISASTER_ACTIVITY ? `/console/disaster/needs/${encodeURIComponent(a.requestId)}` : `/console/volunteer-requests/${encodeURIComponent(a.requestId)}`,
      })),
      unreported: activity.unreported.map((a) => ({
        date: jaLongDate(a.date),
        kind: nameOf(a.kind, vc.skills),
        referenceNo: a.referenceNo,
        href: `/console/volunteer-requests/${encodeURIComponent(a.requestId)}`,
        asked: a.asked,
      })),
      recentLimit: RECENT_ACTIVITIES,
    };
    return sendPage(request, reply, 'volunteer', `${view.heading}(ボランティア)`, view);
  });

  // The annual report's (年次報告) file of volunteer hours, offered on the reports page to those who may open it.
  app.get('/console/reports/volunteer-hours.csv', { config: { permission: 'volunteer.manage' } }, async (request, reply) => {
    const now = clock.now();
    const year = fiscalYearQuery(request.query, fiscalYearAt(now));
    if (year === null) return badYear(request, reply);
    const rows = await vc.hours.volunteerHours(year);
    const { staff } = currentSession(request);
    await audit.record({ staffId: staff.id, action: 'report.volunteerHours.export', subjectType: 'report', detail: { fiscalYear: year, rows: rows.length }, ip: request.ip, at: now });
    return sendCsv(reply, volunteerHoursCsv(rows), `ボランティア活動時間_${year}年度.csv`, `volunteer-hours-${year}.csv`);
  });
};
