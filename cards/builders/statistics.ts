import { STATUS_LABELS } from '../../src/domain/case-status.js';
import { CASE_SOURCES, CASE_STATUSES, type CaseSource, type CaseStatus } from '../../src/domain/model.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { monthLabel } from '../format.js';
import { CASE_SOURCE_LABELS } from '../labels.js';
import type { Card, CardField } from '../model.js';

export interface StatisticsInput {
  asOf: LocalDate;
  /** What the numbers cover, e.g. 全镇 or 2026年. */
  scope: string;
  total: number;
  open: number;
  overdue: number;
  byStatus: Partial<Record<CaseStatus, number>>;
  bySource: Partial<Record<CaseSource, number>>;
  byVillage: readonly { name: string; count: number }[];
  /** 'YYYY-MM' → count. */
  byMonth: readonly { month: string; count: number }[];
}

const MAX_VILLAGES = 10;
const MAX_MONTHS = 12;

/** 统计: counts by status, source, village and month. */
export function statisticsCard(s: StatisticsInput): Card {
  const counted = <K extends string>(keys: readonly K[], counts: Partial<Record<K, number>>, label: (k: K) => string): CardField[] =>
    keys.filter((k) => (counts[k] ?? 0) > 0).map((k) => ({ label: label(k), value: `${counts[k]} 件` }));

  const villages = [...s.byVillage].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));
  const villageFields: CardField[] = villages.slice(0, MAX_VILLAGES).map((v) => ({ label: v.name, value: `${v.count} 件` }));
  const rest = villages.slice(MAX_VILLAGES);
  if (rest.length) villageFields.push({ label: `其他 ${rest.length} 个村`, value: `${rest.reduce((n, v) => n + v.count, 0)} 件` });
  const months = [...s.byMonth].sort((a, b) => a.month.localeCompare(b.month)).slice(-MAX_MONTHS);

  const orNone = (fields: CardField[]): CardField[] => (fields.length ? fields : [{ label: '—', value: '暂无' }]);
  return {
    title: `信访案件统计（${s.scope}）`,
    subtitle: `截至 ${s.asOf}`,
    colour: s.overdue > 0 ? 'orange' : 'blue',
    elements: [
      {
        kind: 'fields',
        fields: [
          { label: '案件总数', value: `${s.total} 件` },
          { label: '在办', value: `${s.open} 件` },
          { label: '逾期', value: `${s.overdue} 件`, ...(s.overdue > 0 ? { colour: 'red' as const } : {}) },
        ],
      },
      { kind: 'divider' },
      { kind: 'markdown', text: '**按状态**' },
      { kind: 'fields', fields: orNone(counted(CASE_STATUSES, s.byStatus, (k) => STATUS_LABELS[k])) },
      { kind: 'markdown', text: '**按来源**' },
      { kind: 'fields', fields: orNone(counted(CASE_SOURCES, s.bySource, (k) => CASE_SOURCE_LABELS[k])) },
      { kind: 'markdown', text: '**按村（社区）**' },
      { kind: 'fields', fields: orNone(villageFields) },
      { kind: 'markdown', text: '**按月份（收件）**' },
      { kind: 'fields', fields: orNone(months.map((m) => ({ label: monthLabel(m.month), value: `${m.count} 件` }))) },
    ],
  };
}
