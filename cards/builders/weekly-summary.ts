import type { WeeklyFigures } from '../../src/domain/reminders/weekly-summary.js';
import type { Card, CardField } from '../model.js';

const MAX_VILLAGES = 12;

/** The Monday figures for the office and the principal leaders: last week's intake and closures, what is overdue now, by village. */
export function weeklySummaryCard(f: WeeklyFigures): Card {
  const villages = f.byVillage.slice(0, MAX_VILLAGES).map(
    (v): CardField => ({
      label: v.village ?? '未关联村（社区）',
      value: `新收 ${v.received} · 办结 ${v.resolved} · 逾期 ${v.overdueNow}`,
      ...(v.overdueNow > 0 ? { colour: 'red' as const } : {}),
    }),
  );
  const rest = f.byVillage.slice(MAX_VILLAGES);
  if (rest.length) {
    const sum = (k: 'received' | 'resolved' | 'overdueNow') => rest.reduce((n, v) => n + v[k], 0);
    villages.push({ label: `其他 ${rest.length} 个村`, value: `新收 ${sum('received')} · 办结 ${sum('resolved')} · 逾期 ${sum('overdueNow')}` });
  }
  return {
    title: '信访工作周报',
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
      { kind: 'fields', fields: villages.length ? villages : [{ label: '—', value: '上周无新收、办结，也无逾期案件' }] },
      { kind: 'note', text: '逾期案件请各包案领导督促办理；详细台账见信访办工作台。' },
    ],
  };
}
