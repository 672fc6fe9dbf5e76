import { z } from 'zod';
import { assertCaseAllowed, authorizeCase, type CaseAction } from '../../domain/authorization.js';
import { overdueFacts, type OverdueFacts } from '../../domain/deadlines/overdue.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor, CaseRecord, Petitioner, ProgressEntry } from '../../domain/model.js';
import { discloseCase, GROUP_REFUSAL, type OutputChannel } from '../../domain/privacy/disclosure.js';
import { redactor, type Redactor } from '../../domain/privacy/redactor.js';
import { localDateOf } from '../../lib/local-date.js';
import type { ActiveOwnership, Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

const input = z
  .object({
    caseId: id.optional(),
    number: z.string().trim().toUpperCase().regex(/^XF-\d{4}-\d{4,}$/, { error: '案件编号格式应为 XF-2026-0042' }).optional(),
    /** Where the view will be shown: a group chat never shows personal data (R24). */
    context: z.enum(['GROUP', 'DIRECT', 'CONSOLE']),
    full: z.boolean().default(false),
    /** Why the full data is asked for, for the audit log: to read it, or to correct the registration. */
    purpose: z.enum(['READ', 'CORRECT']).default('READ'),
  })
  .refine((v) => v.caseId || v.number, { error: '请提供案件编号' });

/**
 * A case as one person may see it in one place. Its text (title, content, resolution, progress,
 * requirements) and petitioners are already as that output may show them: masked unless full
 * data was asked for and allowed (R24). Ids and dates are the case's own.
 */
export interface CaseView {
  case: CaseRecord;
  petitioners: Petitioner[];
  personalDataVisible: boolean;
  /** For any other text of this case the caller shows (e.g. audit reasons). */
  redact: Redactor;
  ownership: ActiveOwnership | null;
  progress: ProgressEntry[];
  overdue: OverdueFacts | null;
  /** What this person may do to this case, for the buttons of a card. */
  allowedActions: CaseAction[];
  /** The ownership proposal (R4) and extension request (R10) awaiting a decision, if any. */
  pendingProposalId: string | null;
  pendingExtensionId: string | null;
}

const ACTIONS: CaseAction[] = [
  'PROPOSE_OWNERSHIP', 'DECIDE_OWNERSHIP', 'PROPOSE_TRANSFER', 'ASSIGN', 'MARK_NEEDS_OWNER', 'CLASSIFY', 'ADD_PROGRESS',
  'REQUEST_EXTENSION', 'DECIDE_EXTENSION', 'RESOLVE', 'FOLLOW_UP', 'RECORD_REVIEW', 'REPORT_ABNORMAL', 'RECORD_PERSUASION',
  'ARCHIVE', 'REPORT_UP', 'VIEW_PERSONAL_DATA', 'CORRECT_REGISTRATION',
];

/** The audit log's words for a full view (R24), by where it was shown. */
const FULL_VIEW_REASONS: Record<'GROUP' | 'DIRECT' | 'CONSOLE' | 'CORRECT', string> = {
  GROUP: '群聊中查看', DIRECT: '单聊中查看完整信息', CONSOLE: '工作台查看完整信息', CORRECT: '工作台更正登记信息时查看',
};

const CHANNELS: Record<'GROUP' | 'DIRECT' | 'CONSOLE', OutputChannel> = { GROUP: 'GROUP_CHAT', DIRECT: 'DIRECT_CHAT', CONSOLE: 'CONSOLE_PAGE' };

/**
 * R24: a case as this person may see it; full personal data only when asked, allowed and
 * private, and audited. In a group a case that may not be shown there is refused as CONFIDENTIAL
 * without saying why: the group may hold the very person it accuses.
 */
export async function viewCase(deps: Deps, actor: Actor, raw: unknown): Promise<CaseView> {
  const v = parseInput(input, raw);
  const now = deps.clock.now();
  const calendar = await deps.config.calendar();
  // Read outside a transaction: Prisma loads the dossier's relations in parallel, which a pool
  // serves on several connections but one transaction's connection would have to queue.
  const dossier = await deps.uow.read((repos) => repos.cases.dossier(v.caseId ? { id: v.caseId } : { number: v.number! }));
  if (!dossier) throw new DomainError('NOT_FOUND', `找不到案件 ${v.number ?? ''}`.trim());
  const { case: c, petitioners, ownership, progress } = dossier;
  const disclosure = discloseCase(actor.person, c, CHANNELS[v.context], { full: v.full });
  if (!disclosure.visible) throw v.context === 'GROUP' ? new DomainError('CONFIDENTIAL', GROUP_REFUSAL) : new DomainError('FORBIDDEN', disclosure.reason);
  if (v.full) {
    if (v.context === 'GROUP') throw new DomainError('FORBIDDEN', '群聊中不显示信访人完整信息，请在与机器人的单聊中查看');
    assertCaseAllowed(actor.person, 'VIEW_PERSONAL_DATA', c);
    await deps.uow.run((repos) => audit(repos, actor, now, { action: 'case.view_personal_data', entityType: 'Case', entityId: c.id, caseId: c.id, reason: FULL_VIEW_REASONS[v.purpose === 'CORRECT' ? 'CORRECT' : v.context] }));
  }
  const r = redactor(disclosure.personalData, [...petitioners, ...dossier.formerPetitioners]);
  return {
    case: { ...c, title: r.text(c.title), content: r.text(c.content), resolution: r.maybe(c.resolution) },
    petitioners: petitioners.map(r.petitioner),
    personalDataVisible: disclosure.personalData === 'FULL',
    redact: r,
    ownership: ownership && { ...ownership, requirements: r.text(ownership.requirements), reportingNote: r.maybe(ownership.reportingNote) },
    progress: progress.map((p) => ({ ...p, content: r.text(p.content) })),
    overdue: c.dueOn ? overdueFacts(c.dueOn, c.resolvedAt ? localDateOf(c.resolvedAt) : null, localDateOf(now), calendar) : null,
    allowedActions: ACTIONS.filter((a) => authorizeCase(actor.person, a, c).allowed),
    pendingProposalId: dossier.pendingProposalId,
    pendingExtensionId: dossier.pendingExtensionId,
  };
}
