import { html, type SafeHtml } from '../../html.js';
import { auditActionLabel, auditReasonText, channelLabel } from '../audit-labels.js';
import { auditFieldLabel, auditValue, isInternalId } from './audit-values.js';
import { dateTime, type StoryContext, type TrailEntry } from './story-event.js';

export interface FieldChange {
  label: string;
  /** Null when the entry records no value before (a creation) or after (a removal). */
  from: string | null;
  to: string | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * R25: what one audit entry changed, field by field, before → after, in the reader's words. A
 * field the entry repeats unchanged is left out, except a petitioner's name, which says whose data changed.
 */
export function fieldChanges(e: TrailEntry, ctx: StoryContext): FieldChange[] {
  const before = canonical(e.before);
  const after = canonical(e.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !isInternalId(k));
  return keys.flatMap((k): FieldChange[] => {
    const has = { before: Object.hasOwn(before, k), after: Object.hasOwn(after, k) };
    if (has.before && has.after && same(before[k], after[k])) {
      return e.entityType === 'Petitioner' && k === 'name' ? [{ label: auditFieldLabel(k, e.action), from: null, to: auditValue(k, after[k], ctx) }] : [];
    }
    // A record made, not changed: its blank fields say nothing.
    if (!has.before && isBlank(after[k])) return [];
    return [{ label: auditFieldLabel(k, e.action), from: has.before ? auditValue(k, before[k], ctx) : null, to: has.after ? auditValue(k, after[k], ctx) : null }];
  });
}

const isBlank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** The owner leader is recorded as leaderId by some entries and ownerLeaderId by others: one field. */
function canonical(values: Record<string, unknown> | null): Record<string, unknown> {
  const out = { ...(values ?? {}) };
  if (Object.hasOwn(out, 'ownerLeaderId') && !Object.hasOwn(out, 'leaderId')) {
    out.leaderId = out.ownerLeaderId;
    delete out.ownerLeaderId;
  }
  return out;
}

/** A change as one line of text: 「状态：登记 → 待包案」. */
export function changeText(c: FieldChange): string {
  const value = c.from !== null && c.to !== null ? `${c.from} → ${c.to}` : c.to !== null ? c.to : `${c.from}（删除）`;
  return `${c.label}：${value}`;
}

function changeItem(c: FieldChange): SafeHtml {
  const value = c.from !== null && c.to !== null ? html`${c.from} <span class="arrow">→</span> ${c.to}` : c.to !== null ? html`${c.to}` : html`${c.from}（删除）`;
  return html`<li><span class="field">${c.label}</span>：${value}</li>`;
}

/** The audit log of the case, oldest first: who, when, through which door, what, before → after, and why. */
export function auditSection(trail: readonly TrailEntry[], ctx: StoryContext): SafeHtml {
  return html`<table class="audit"><thead><tr><th>#</th><th>时间</th><th>操作人</th><th>渠道</th><th>操作</th><th>变更（前 → 后）</th><th>说明</th></tr></thead><tbody>
${trail.map((e) => {
  const changes = fieldChanges(e, ctx);
  return html`<tr><td>${e.seq}</td><td>${dateTime(e.at)}</td><td>${e.actorName ?? '系统'}</td><td>${channelLabel(e.channel)}</td><td>${auditActionLabel(e.action)}</td>
<td>${changes.length ? html`<ul class="changes">${changes.map(changeItem)}</ul>` : ''}</td><td>${ctx.redact.maybe(auditReasonText(e.reason)) ?? ''}</td></tr>`;
})}
</tbody></table>`;
}
