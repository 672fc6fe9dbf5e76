import type { Config } from '../../config.js';
import type { OutboundLog } from '../../bot/ports/outbound.js';
import { systemClock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import type { ContactDirectory } from '../../usecases/ports/identity-sync.js';
import type { IdentitySyncSummary } from '../../usecases/platform/sync-identities.js';
import { TokenBucketLimiter } from '../rate-limiter.js';
import { createLarkClient } from './client.js';
import { larkContactDirectory } from './contacts.js';
import { LarkSender } from './sender.js';

// Directory look-ups send no messages: nothing to record.
const noOutbound: OutboundLog = { deliveredMessageId: async () => null, record: async () => {} };

/** The Lark directory alone (no receiver, no messenger), for `npm run lark:sync-users`. */
export function larkDirectoryFromConfig(config: Config, logger: Logger): ContactDirectory {
  const client = createLarkClient({ appId: config.LARK_APP_ID ?? '', appSecret: config.LARK_APP_SECRET ?? '', domain: config.LARK_DOMAIN }, logger);
  const sender = new LarkSender({ limiter: new TokenBucketLimiter(), outbound: noOutbound, clock: systemClock, logger });
  return larkContactDirectory(client, sender);
}

const PLATFORM_NAMES: Record<string, string> = { LARK: '飞书', DINGTALK: '钉钉', SANDBOX: '沙盒' };

/** The summary printed by `npm run lark:sync-users` and `npm run dingtalk:sync-users`. */
export function formatSyncSummary(s: IdentitySyncSummary): string {
  const platform = PLATFORM_NAMES[s.platform] ?? s.platform;
  const names = (list: { name: string }[]) => (list.length ? `：${list.map((p) => p.name).join('、')}` : '');
  return [
    `新关联 ${s.linked.length} 人${names(s.linked)}`,
    `已关联（跳过） ${s.alreadyLinked.length} 人`,
    `${platform}中未找到 ${s.notFound.length} 人${names(s.notFound)}`,
    ...(s.conflicts.length ? [`${platform}账号已关联到其他人 ${s.conflicts.length} 人${names(s.conflicts)}`] : []),
  ].join('\n');
}
