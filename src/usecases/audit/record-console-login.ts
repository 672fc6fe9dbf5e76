import { z } from 'zod';
import type { Person } from '../../domain/model.js';
import type { Deps } from '../ports.js';
import { audit } from '../support/audit.js';
import { parseInput } from '../support/parse-input.js';

/** How someone signed in to the console: a one-time link, a platform's web login, or the demo's person picker. */
export const CONSOLE_LOGIN_METHODS = ['LINK', 'LARK', 'DINGTALK', 'SANDBOX'] as const;

const input = z.object({ method: z.enum(CONSOLE_LOGIN_METHODS) });

const REASONS: Record<(typeof CONSOLE_LOGIN_METHODS)[number], string> = {
  LINK: '使用一次性登录链接',
  LARK: '使用飞书登录',
  DINGTALK: '使用钉钉登录',
  SANDBOX: '沙盒演示登录（内置演示数据库，选择演示人员）',
};

/** R25: a sign-in to the console is kept in the audit log — who, when, by which way in. */
export async function recordConsoleLogin(deps: Deps, person: Person, raw: unknown): Promise<void> {
  const { method } = parseInput(input, raw);
  await deps.uow.run((repos) =>
    audit(repos, { person, channel: 'CONSOLE' }, deps.clock.now(), { action: 'console.login', entityType: 'ConsoleLogin', entityId: person.id, after: { method }, reason: REASONS[method] }),
  );
}
