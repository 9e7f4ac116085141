/**
 * The annual report's 苦情・ご意見 section: what was received in the fiscal year by kind and status (解決, 取り下げ …),
 * and by topic and kind. Counts by kind and status are shown exactly, as councils publish them; counts by topic
 * could point at one person or event, so 1–4 are shown as "<5".
 */
import { countTable, type AnnualReportSection, type AnnualReportSectionSource } from '../../domain/annual-report-sections';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES, COMPLAINT_TOPICS, type ComplaintYearCount, type ComplaintYearCounts } from '../../domain/complaint';
import { COMPLAINT_KIND_JA, COMPLAINT_STATUS_JA, COMPLAINT_TOPIC_JA } from './complaint-text';

const keys = <K extends string>(codes: readonly K[], names: Readonly<Record<K, string>>) => codes.map((key) => ({ key, label: names[key] }));

/** Pure: the section from the year's counts (one cell per kind × topic × status). */
export function complaintSection(counts: readonly ComplaintYearCount[]): AnnualReportSection {
  const kinds = keys(COMPLAINT_KINDS, COMPLAINT_KIND_JA);
  const total = counts.reduce((s, c) => s + c.count, 0);
  return {
    id: 'complaints',
    title: '苦情・ご意見',
    tables: [
      countTable({ id: 'complaints-kind-status', title: '種類別・状態別の受付件数', keyLabel: '種類', suppress: false, total: true, note: '状態は、この報告を開いた時点のものです。' }, counts, (c) => c.kind, kinds, keys(COMPLAINT_STATUSES, COMPLAINT_STATUS_JA), (c) => c.status, (c) => c.count),
      countTable({ id: 'complaints-topic', title: '内容別の受付件数', keyLabel: '内容', suppress: true, total: true }, counts, (c) => c.topic, keys(COMPLAINT_TOPICS, COMPLAINT_TOPIC_JA), kinds, (c) => c.kind, (c) => c.count),
    ],
    charts: [],
    notes: total === 0 ? ['この年度に受け付けた苦情・ご意見はありません。'] : [],
  };
}

/** The section as the report's source, counted from `counts` for the year asked. */
export function complaintReportSource(counts: ComplaintYearCounts): AnnualReportSectionSource {
  return { id: 'complaints', sections: async (year) => [complaintSection(await counts.complaintYearCounts(year.fiscalYear))] };
}
