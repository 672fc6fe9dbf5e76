import type { ParsedUrlQuery } from 'node:querystring';
import { STATUS_LABELS } from '../../domain/case-status.js';
import { CASE_SOURCES, CASE_STATUSES, type CaseSource, type CaseStatus } from '../../domain/model.js';
import { isLocalDate, type LocalDate } from '../../lib/local-date.js';
import type { LedgerFilter } from '../../db/queries/ledger.js';
import { CASE_SOURCE_LABELS } from '../../../cards/labels.js';

const OVERDUE = { open: '在办逾期', 'resolved-late': '逾期办结', any: '全部逾期' } as const;
export const OVERDUE_LABELS: Record<keyof typeof OVERDUE, string> = OVERDUE;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The ledger's filters from a query string; anything unknown or malformed is ignored (a link is never an error). */
export function ledgerFilterOf(query: ParsedUrlQuery, today: LocalDate): LedgerFilter {
  const f: LedgerFilter = { today };
  const statuses = [query.status ?? []].flat().filter((s): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s));
  if (statuses.length) f.status = statuses;
  for (const key of ['villageId', 'unitId', 'leaderId'] as const) {
    const v = one(query[key]);
    if (v && uuid.test(v)) f[key] = v;
  }
  const source = one(query.source);
  if (source && (CASE_SOURCES as readonly string[]).includes(source)) f.source = source as CaseSource;
  const overdue = one(query.overdue);
  if (overdue && overdue in OVERDUE) f.overdue = overdue as keyof typeof OVERDUE;
  const from = one(query.from);
  const to = one(query.to);
  if (from && isLocalDate(from)) f.receivedFrom = from;
  if (to && isLocalDate(to)) f.receivedTo = to;
  const q = one(query.q)?.trim();
  if (q) f.q = q.slice(0, 100);
  return f;
}

/** The filter in words, for the export's subtitle and the audit log. */
export function ledgerFilterText(f: LedgerFilter, names: { villages: Map<string, string>; units: Map<string, string>; people: Map<string, string> }): string {
  const parts: string[] = [];
  if (f.status) parts.push(`状态：${f.status.map((s) => STATUS_LABELS[s]).join('、')}`);
  if (f.villageId) parts.push(`所属村：${names.villages.get(f.villageId) ?? '—'}`);
  if (f.unitId) parts.push(`责任单位：${names.units.get(f.unitId) ?? '—'}`);
  if (f.leaderId) parts.push(`包案领导：${names.people.get(f.leaderId) ?? '—'}`);
  if (f.source) parts.push(`来源：${CASE_SOURCE_LABELS[f.source]}`);
  if (f.overdue) parts.push(`逾期：${OVERDUE[f.overdue]}`);
  if (f.receivedFrom || f.receivedTo) parts.push(`收件日期：${f.receivedFrom ?? '…'} 至 ${f.receivedTo ?? '…'}`);
  if (f.q) parts.push(`关键词：${f.q}`);
  return parts.join('；');
}
