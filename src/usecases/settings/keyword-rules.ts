import { z } from 'zod';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import { DANGER_CATEGORY_LABELS, validateKeywordPattern, type DangerCategory } from '../../domain/intake/danger-keywords.js';
import type { Actor } from '../../domain/model.js';
import { labelledEnum } from '../../lib/choice-labels.js';
import type { Deps } from '../ports.js';
import type { KeywordRuleRow } from '../ports/settings.js';
import { audit } from '../support/audit.js';
import { id } from '../support/fields.js';
import { parseInput } from '../support/parse-input.js';

const CATEGORIES = ['SUICIDE', 'MURDER', 'EXPLOSION', 'TROUBLE', 'BEIJING_COLLECTIVE', 'JOINT_LETTER'] as const satisfies readonly DangerCategory[];

const addInput = z.object({ category: labelledEnum(CATEGORIES, DANGER_CATEGORY_LABELS), pattern: z.string().trim(), isRegex: z.boolean().default(false) });
const activeInput = z.object({ ruleId: id, active: z.boolean({ error: '请选择启用或停用' }) });

/** R20: the office adds a keyword or pattern for dangerous letters; a broken pattern is refused. */
export async function addKeywordRule(deps: Deps, actor: Actor, raw: unknown): Promise<{ rule: KeywordRuleRow }> {
  const v = parseInput(addInput, raw);
  assertGlobalAllowed(actor.person, 'EDIT_SETTINGS');
  const problem = validateKeywordPattern(v.pattern, v.isRegex);
  if (problem) throw new DomainError('VALIDATION', `输入有误：${problem}`);
  const now = deps.clock.now();
  const rule = await deps.uow.run(async (repos) => {
    const existing = await repos.settings.keywordRuleByPattern(v.category, v.pattern);
    if (existing?.active) throw new DomainError('CONFLICT', `关键词「${v.pattern}」已存在`);
    const saved = existing ? await repos.settings.setKeywordRuleActive(existing.id, true) : await repos.settings.addKeywordRule(v);
    await audit(repos, actor, now, { action: 'settings.keyword_add', entityType: 'KeywordRule', entityId: saved.id, after: saved });
    return saved;
  });
  deps.config.invalidate();
  return { rule };
}

/** R20: switches a rule off (kept for the record) or back on; a rule that would be refused today is not switched back on. */
export async function setKeywordRuleActive(deps: Deps, actor: Actor, raw: unknown): Promise<{ rule: KeywordRuleRow }> {
  const v = parseInput(activeInput, raw);
  assertGlobalAllowed(actor.person, 'EDIT_SETTINGS');
  const now = deps.clock.now();
  const rule = await deps.uow.run(async (repos) => {
    const before = await repos.settings.keywordRule(v.ruleId);
    if (!before) throw new DomainError('NOT_FOUND', '找不到该关键词规则');
    const problem = v.active ? validateKeywordPattern(before.pattern, before.isRegex) : null;
    if (problem) throw new DomainError('VALIDATION', `不能启用：${problem}`);
    const saved = await repos.settings.setKeywordRuleActive(v.ruleId, v.active);
    await audit(repos, actor, now, { action: v.active ? 'settings.keyword_enable' : 'settings.keyword_disable', entityType: 'KeywordRule', entityId: saved.id, before, after: saved });
    return saved;
  });
  deps.config.invalidate();
  return { rule };
}
