import type { CaseAction } from '../../src/domain/authorization.js';
import { isOpen, STATUS_LABELS } from '../../src/domain/case-status.js';
import type { OverdueFacts } from '../../src/domain/deadlines/overdue.js';
import { DANGER_CATEGORY_LABELS, type DangerCategory } from '../../src/domain/intake/danger-keywords.js';
import { OWNERSHIP_REASON_LABELS, type OwnershipReason } from '../../src/domain/intake/ownership-scope.js';
import type { CaseSource, CaseStatus, Classification, Petitioner, ProgressTag, ReportingCadence, StabilityAssessment } from '../../src/domain/model.js';
import { maskPetitioner } from '../../src/domain/privacy/masks.js';
import { maskPersonalText } from '../../src/domain/privacy/mask-text.js';
import { PROGRESS_TAG_LABELS } from '../../src/domain/progress/closing-conditions.js';
import { REPORTING_CADENCE_LABELS } from '../../src/domain/ownership/reporting-cadence.js';
import { REVIEW_KIND_LABELS, type ReviewKind } from '../../src/domain/review/review-clocks.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { deadlineBadge } from '../deadline-badge.js';
import { beijingDate, beijingDateTime } from '../format.js';
import { CASE_SOURCE_LABELS, STABILITY_LABELS, STATUS_COLOURS } from '../labels.js';
import { escapeMarkdown, truncate } from '../markdown.js';
import type { Card, CardButton, CardElement, CardField } from '../model.js';
import { button, caseHeading } from './common.js';

export interface CaseCardInput {
  caseId: string;
  number: string;
  title: string;
  content: string;
  status: CaseStatus;
  source: CaseSource;
  villageName: string | null;
  headcount: number;
  receivedAt: Date;
  /** As the use case returned them, like every text here: masked unless the person asked for and may see full data. */
  petitioners: Petitioner[];
  /** R16: converted from a report that named nobody; the office is to complete its petitioners. */
  petitionersPending?: boolean;
  personalDataVisible: boolean;
  /** Where the card goes: a group chat always shows masked data (R24). */
  context: 'GROUP' | 'DIRECT';
  ownerName: string | null;
  unitName: string | null;
  responsibleName: string | null;
  requirements?: string | null;
  reportingCadence?: ReportingCadence | null;
  dueOn: LocalDate | null;
  overdue: OverdueFacts | null;
  latestProgress: { tag: ProgressTag; content: string; stability?: StabilityAssessment | null; at: Date; authorName: string | null } | null;
  ownershipReasons?: readonly string[];
  dangerFlags?: readonly string[];
  /** What this person may do (CaseView.allowedActions): no button without it. */
  allowedActions: readonly CaseAction[];
  /** Open items the buttons act on. */
  pendingProposalId?: string | null;
  pendingExtensionId?: string | null;
  openPersuasionId?: string | null;
  /** The R26 request that is open now (复查 or 复核 window), if any. */
  reviewWindow?: ReviewKind | null;
  /** The R26 request whose answer is awaited, if any. */
  reviewPending?: ReviewKind | null;
  /** R26: the class (null until the office classifies it), and whether a claim's 处理意见书 is on record. */
  classification?: Classification | null;
  opinionIssued?: boolean;
}

const MAX_PETITIONERS = 5;
const GROUP_CONTENT_CHARS = 200;
const DIRECT_CONTENT_CHARS = 600;

function petitionerLine(p: Petitioner): string {
  const parts = [p.phone && `电话 ${p.phone}`, p.idNumber && `身份证 ${p.idNumber}`, p.address && `住址 ${p.address}`].filter(Boolean);
  return parts.length ? `${p.name}（${parts.join('，')}）` : p.name;
}

/** The buttons of a case card: only actions the person is allowed, and only where the status makes them meaningful. */
function caseButtons(c: CaseCardInput, fullVisible: boolean): CardButton[] {
  const may = (a: CaseAction) => c.allowedActions.includes(a);
  const working = c.status === 'IN_PROGRESS' || c.status === 'EXTENDED';
  const caseId = c.caseId;
  const out: CardButton[] = [];
  if (may('DECIDE_OWNERSHIP') && c.pendingProposalId) {
    out.push(button('审定包案意见', 'ownership.view', { proposalId: c.pendingProposalId }, 'primary'));
  }
  if (may('PROPOSE_OWNERSHIP') && ['REGISTERED', 'AWAITING_OWNER', 'RETURNED'].includes(c.status)) {
    out.push(button('提出包案意见', 'ownership.open', { caseId }, 'primary'));
  }
  if (may('ADD_PROGRESS') && working) out.push(button('报送进展', 'progress.open', { caseId }, 'primary'));
  if (may('RESOLVE') && working) out.push(button('办结', 'resolve.open', { caseId }));
  if (may('REQUEST_EXTENSION') && c.status === 'IN_PROGRESS' && !c.pendingExtensionId) {
    out.push(button('申请延期', 'extension.open', { caseId }));
  }
  if (may('DECIDE_EXTENSION') && c.pendingExtensionId) {
    out.push(button('审批延期', 'extension.decide-open', { extensionId: c.pendingExtensionId }, 'primary'));
  }
  if (may('PROPOSE_TRANSFER') && working && c.ownerName && !c.pendingProposalId) {
    out.push(button('移交包案', 'transfer.open', { caseId }));
  }
  // R21: while a case is open, its petitioner may go to the province or Beijing.
  if (may('REPORT_ABNORMAL') && isOpen(c.status)) out.push(button('报告非正常上访', 'abnormal.open', { caseId }, 'danger'));
  if (may('RECORD_PERSUASION') && c.openPersuasionId) {
    out.push(button('登记劝返', 'persuasion.open', { persuasionId: c.openPersuasionId }, 'danger'));
  }
  if (may('FOLLOW_UP') && c.status === 'RESOLVED') out.push(button('回访', 'follow-up.open', { caseId }, 'primary'));
  if (may('RECORD_REVIEW') && c.reviewWindow) {
    out.push(button(`登记${REVIEW_KIND_LABELS[c.reviewWindow]}申请`, 'review.open', { caseId, kind: c.reviewWindow }));
  }
  out.push(...officeButtons(c));
  if (may('RECORD_REVIEW') && c.reviewPending) {
    out.push(button(`登记${REVIEW_KIND_LABELS[c.reviewPending]}意见`, 'review-answer.open', { caseId, kind: c.reviewPending }, 'primary'));
  }
  if (may('VIEW_PERSONAL_DATA') && c.context === 'DIRECT' && !fullVisible) {
    out.push(button('查看完整信息', 'case.view-full', { caseId }));
  }
  return out;
}

/** The leading group's decisions (the office): R5 交办 and 上报, R1 需包案, R26 分类 and 处理意见书, 归档. */
function officeButtons(c: CaseCardInput): CardButton[] {
  const may = (a: CaseAction) => c.allowedActions.includes(a);
  const caseId = c.caseId;
  const unowned = !c.ownerName && !(c.ownershipReasons?.length);
  const handled = c.status === 'RESOLVED' || c.status === 'FOLLOWED_UP' || c.status === 'ARCHIVED';
  const out: CardButton[] = [];
  const handlerless = (c.status === 'IN_PROGRESS' || c.status === 'EXTENDED') && !c.ownerName && !c.responsibleName;
  if (may('ASSIGN') && ((c.status === 'REGISTERED' && unowned) || handlerless)) out.push(button('交办', 'assign.open', { caseId }, 'primary'));
  if (may('MARK_NEEDS_OWNER') && (c.status === 'REGISTERED' || c.status === 'IN_PROGRESS') && unowned) out.push(button('认定需包案', 'needs-owner.open', { caseId }));
  if (may('CLASSIFY') && !c.classification && !handled) out.push(button('分类', 'classify.open', { caseId }));
  if (may('RECORD_REVIEW') && c.classification === 'CLAIM' && handled && c.opinionIssued === false) out.push(button('出具处理意见书', 'opinion.open', { caseId }));
  if (may('ARCHIVE') && c.status === 'FOLLOWED_UP') out.push(button('归档', 'case.archive', { caseId }));
  if (may('REPORT_UP')) out.push(button('上报', 'case.report-up', { caseId }));
  if (may('CORRECT_REGISTRATION') && c.status !== 'ARCHIVED') {
    out.push(c.petitionersPending ? button('补充信访人', 'petitioner.open', { caseId }, 'primary') : button('更正信访人', 'petitioner.open', { caseId }));
  }
  return out;
}

/** A case as one person may see it, in a group or a 1:1 chat. */
export function caseCard(c: CaseCardInput): Card {
  const group = c.context === 'GROUP';
  // R24: whatever the caller passed, a group chat never shows full personal data.
  const fullVisible = c.personalDataVisible && !group;
  // The use case masked already; masking again is idempotent and catches a caller that did not.
  const guard = (text: string) => (fullVisible ? text : maskPersonalText(text, c.petitioners));
  const petitioners = fullVisible ? c.petitioners : c.petitioners.map(maskPetitioner);
  const closed = !isOpen(c.status);
  const badge = deadlineBadge(c.dueOn, c.overdue, closed);

  const tags: Card['tags'] = [{ text: STATUS_LABELS[c.status], colour: STATUS_COLOURS[c.status] }];
  if (c.overdue?.overdue) tags.push({ text: closed ? '曾逾期' : '逾期', colour: 'red' });
  for (const flag of c.dangerFlags ?? []) {
    const text = DANGER_CATEGORY_LABELS[flag as DangerCategory];
    if (text) tags.push({ text, colour: 'red' });
  }

  const shown = petitioners.slice(0, MAX_PETITIONERS).map(petitionerLine);
  if (petitioners.length > MAX_PETITIONERS) shown.push(`等 ${petitioners.length} 人`);
  const fields: CardField[] = [
    { label: '办结时限', value: badge.text, colour: badge.colour },
    { label: '来源', value: `${CASE_SOURCE_LABELS[c.source]}（${beijingDate(c.receivedAt)} 收件）` },
    { label: '所属村', value: c.villageName ?? '未填' },
    c.petitionersPending
      ? { label: '信访人', value: '待补充（民情信息转办时未留信访人）', colour: 'orange' }
      : { label: '信访人', value: shown.length ? `${shown.join('；')}${c.headcount >= 5 ? `，共 ${c.headcount} 人（集体访）` : ''}` : '未填' },
  ];
  const reasons = (c.ownershipReasons ?? []).map((r) => OWNERSHIP_REASON_LABELS[r as OwnershipReason]).filter(Boolean);
  if (reasons.length) fields.push({ label: '需包案', value: reasons.join('、') });

  const owner: CardField[] = [
    { label: '包案领导', value: c.ownerName ?? '未确定' },
    { label: '责任单位', value: c.unitName ?? '未确定' },
    { label: '责任人', value: c.responsibleName ?? '未确定' },
  ];
  if (c.requirements) owner.push({ label: '责任要求', value: truncate(guard(c.requirements), 200) });
  if (c.reportingCadence) owner.push({ label: '报送方式', value: REPORTING_CADENCE_LABELS[c.reportingCadence] });

  const limit = group ? GROUP_CONTENT_CHARS : DIRECT_CONTENT_CHARS;
  const content = truncate(guard(c.content), limit);
  const elements: CardElement[] = [
    { kind: 'fields', fields },
    { kind: 'markdown', text: `**反映内容**\n${escapeMarkdown(content)}` },
    { kind: 'divider' },
    { kind: 'fields', fields: owner },
  ];
  const p = c.latestProgress;
  elements.push({
    kind: 'fields',
    fields: [{
      label: '最新进展',
      value: p
        ? `【${PROGRESS_TAG_LABELS[p.tag]}】${truncate(guard(p.content), 200)}${p.stability ? `（${STABILITY_LABELS[p.stability]}）` : ''} — ${p.authorName ?? ''} ${beijingDateTime(p.at)}`
        : '暂无进展',
    }],
  });
  if (fullVisible) elements.push({ kind: 'note', text: '含信访人完整个人信息，仅限本人查看，请勿转发；本次查看已记录。' });
  else if (group) elements.push({ kind: 'note', text: '群聊中信访人信息已脱敏。' });
  const buttons = caseButtons(c, fullVisible);
  if (buttons.length) elements.push({ kind: 'actions', buttons });

  const colour = !c.dueOn && !closed ? 'blue' : badge.colour;
  return { title: caseHeading({ number: c.number, title: guard(c.title) }), colour, tags, elements, ...(fullVisible ? { personalData: 'FULL' as const } : {}) };
}
