/**
 * npm run dingtalk:sync-users — links the township's people to their DingTalk accounts by mobile
 * (topapi/v2/user/getbymobile). Safe to run again: people already linked are skipped.
 */
import { dingtalkEnabled } from '../src/config.js';
import { outboundRepo } from '../src/db/repos/outbound-repo.js';
import { createDingTalkPlatform } from '../src/platforms/dingtalk/index.js';
import { configOrExit } from './support/config-or-exit.js';
import { runIdentitySync } from './support/identity-sync.js';

const config = configOrExit();
if (!dingtalkEnabled(config)) {
  console.error('未配置钉钉：请先设置 DINGTALK_CLIENT_ID 和 DINGTALK_CLIENT_SECRET');
  process.exit(2);
}
await runIdentitySync(config, `正在按手机号匹配钉钉账号 (${config.DINGTALK_OAPI_URL})`, (db, logger) =>
  createDingTalkPlatform({ config, dispatch: async () => undefined, logger, outbound: outboundRepo(db.prisma) })!.directory,
);
