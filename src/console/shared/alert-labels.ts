/** Japanese names of the safety alert categories, as staff read them on threads and in the annual report. */
export const ALERT_CATEGORY_LABELS: Readonly<Record<string, string>> = {
  suicide: '自殺の危険',
  self_harm: '自傷',
  child_abuse: '子どもの虐待',
  elder_abuse: '高齢者の虐待',
  domestic_violence: 'DV',
  sexual_violence: '性暴力',
  emergency: '緊急事態',
  crisis: '危機介入(職員の判断)',
};
