/**
 * npm run lark:sync-users — links the township's people to their Lark accounts (by mobile, else
 * email) using contact.user.batchGetId. Safe to run again: people already linked are skipped.
 */
import { larkEnabled } from '../src/config.js';
import { larkDirectoryFromConfig } from '../src/platforms/lark/sync-users.js';
import { configOrExit } from './support/config-or-exit.js';
import { runIdentitySync } from './support/identity-sync.js';

const config = configOrExit();
if (!larkEnabled(config)) {
  console.error('未配置飞书：请先设置 LARK_APP_ID 和 LARK_APP_SECRET');
  process.exit(2);
}
await runIdentitySync(config, `正在按手机号/邮箱匹配飞书账号 (${config.LARK_DOMAIN})`, (_db, logger) => larkDirectoryFromConfig(config, logger));
