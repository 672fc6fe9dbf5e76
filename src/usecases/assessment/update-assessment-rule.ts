import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { assertRulePoints, BASE_SCORE, DEFAULT_ASSESSMENT_RULES, type AssessmentRule } from '../../domain/assessment/rules.js';
import { DomainError } from '../../domain/errors.js';
import type { Actor } from '../../domain/model.js';
import type { Notification } from '../../domain/notifications.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { text } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

export const updateRuleInput = z
  .object({
    code: z.string().trim().min(1, { error: '请指定考核规则' }).max(64),
    points: z.number({ error: '分值应为数字' }).optional(),
    active: z.boolean({ error: '请选择启用或停用' }).optional(),
    label: text(100).optional(),
  })
  .refine((v) => v.points !== undefined || v.active !== undefined || v.label !== undefined, { error: '请填写要修改的内容' });

/** R23: the office edits a rule of the assessment table (points, label, in use or not). */
export async function updateAssessmentRule(deps: Deps, actor: Actor, raw: unknown): Promise<{ rule: AssessmentRule; notifications: Notification[] }> {
  const input = parseInput(updateRuleInput, raw, { label: '项目名称' });
  assertGlobalAllowed(actor.person, 'RECORD_ASSESSMENT');
  if (input.points !== undefined) assertRulePoints(input.code, input.points);
  if (input.code === BASE_SCORE && input.active === false) throw new DomainError('VALIDATION', '输入有误：基础分不能停用');
  const now = deps.clock.now();
  return deps.uow.run(async (repos) => {
    await repos.assessment.ensureRules(DEFAULT_ASSESSMENT_RULES);
    const before = await repos.assessment.rule(input.code);
    if (!before) throw new DomainError('NOT_FOUND', `考核规则「${input.code}」不存在`, { code: input.code });
    const patch = {
      ...(input.points !== undefined ? { points: input.points } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
      ...(input.label !== undefined ? { label: input.label } : {}),
    };
    const rule = await repos.assessment.updateRule(input.code, patch);
    await audit(repos, actor, now, {
      action: 'assessment.rule.update',
      entityType: 'AssessmentRule',
      entityId: input.code,
      before,
      after: rule,
      reason: 'R23 修改考核规则',
    });
    return { rule, notifications: [] };
  });
}
