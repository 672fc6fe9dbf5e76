import type { WeeklyFigures } from '../../src/domain/reminders/weekly-summary.js';
import type { Card, CardElement, CardField } from '../model.js';

const MAX_VILLAGES = 12;

export interface WeeklyVillageRow {
  label: string;
  received: number;
  resolved: number;
  overdueNow: number;
}

/** The villages of the summary as the card and its chart show them: the first 12, then the rest together. */
export function weeklyVillageRows(f: WeeklyFigures): WeeklyVillageRow[] {
  const rows = f.byVillage.slice(0, MAX_VILLAGES).map(
    (v): WeeklyVillageRow => ({ label: v.village ?? '未关联村（社区）', received: v.received, resolved: v.resolved, overdueNow: v.overdueNow }),
  );
  const rest = f.byVillage.slice(MAX_VILLAGES);
  if (rest.length) {
    const sum = (k: 'received' | 'resolved' | 'overdueNow') => rest.reduce((n, v) => n + v[k], 0);
    rows.push({ label: `其他 ${rest.length} 个村`, received: sum('received'), resolved: sum('resolved'), overdueNow: sum('overdueNow') });
  }
  return rows;
}

/** The title of the chart of the villages (drawn into the picture, so it is also the start of its alt text). */
export const WEEKLY_CHART_TITLE = '各村（社区）上周新收、办结与目前逾期';

/**
 * The Monday figures of the township `townName` for the office and the principal leaders: last
 * week's intake and closures, what is overdue now, by village. `chart` is the PNG of those villages
 * (bot/support/weekly-chart.ts); without it the card has the figures only.
 */
export function weeklySummaryCard(f: WeeklyFigures, townName: string, chart?: Uint8Array): Card {
  const rows = weeklyVillageRows(f);
  const villages = rows.map(
    (v): CardField => ({
      label: v.label,
      value: `新收 ${v.received} · 办结 ${v.resolved} · 逾期 ${v.overdueNow}`,
      ...(v.overdueNow > 0 ? { colour: 'red' as const } : {}),
    }),
  );
  const picture: CardElement[] =
    chart && rows.length
      ? [{ kind: 'image', png: chart, alt: `${WEEKLY_CHART_TITLE}：${rows.map((v) => `${v.label} 新收 ${v.received}、办结 ${v.resolved}、逾期 ${v.overdueNow}`).join('；')}` }]
      : [];
  return {
    title: `${townName}信访工作周报`,
    subtitle: `${f.from} 至 ${f.to}`,
    colour: f.overdueNow > 0 ? 'orange' : 'blue',
    elements: [
      {
        kind: 'fields',
        fields: [
          { label: '上周新收', value: `${f.received} 件` },
          { label: '上周办结', value: `${f.resolved} 件` },
          { label: '目前在办', value: `${f.openNow} 件` },
          { label: '目前逾期', value: `${f.overdueNow} 件`, ...(f.overdueNow > 0 ? { colour: 'red' as const } : {}) },
        ],
      },
      { kind: 'divider' },
      { kind: 'markdown', text: '**按村（社区）**' },
      ...picture,
      { kind: 'fields', fields: villages.length ? villages : [{ label: '—', value: '上周无新收、办结，也无逾期案件' }] },
      { kind: 'note', text: '逾期案件请各包案领导督促办理；详细台账见信访办工作台。' },
    ],
  };
}
