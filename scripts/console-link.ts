/**
 * npm run console:link -- <手机号>   — prints a one-time login link to the office console for the
 * person with that mobile number (15 minutes, one use). For a server without Lark login, or the
 * first login of an administrator. With the embedded database, stop the app first (one process
 * at a time may open it); in sandbox mode the app prints such a link itself at start-up.
 */
import { databaseOptions } from '../src/config.js';
import { dbLoginLinks } from '../src/db/console-login-links.js';
import { openDatabase } from '../src/db/database.js';
import { systemClock } from '../src/lib/clock.js';
import { configOrExit } from './support/config-or-exit.js';

const config = configOrExit();
const mobile = process.argv[2]?.trim();
if (!mobile || !/^1\d{10}$/.test(mobile)) {
  console.error('用法：npm run console:link -- 手机号（11 位）');
  process.exit(2);
}
const db = await openDatabase(databaseOptions(config));
try {
  const person = await db.prisma.person.findFirst({ where: { mobile, active: true } });
  if (!person) {
    console.error(`没有手机号为 ${mobile} 的在岗人员`);
    process.exitCode = 1;
  } else {
    const token = await dbLoginLinks(db.prisma).issue(person.id, systemClock.now());
    const base = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
    console.log(`${person.name} 的一次性登录链接（15 分钟内有效，仅可使用一次）：\n${base}/console/login/link?token=${token}`);
  }
} finally {
  await db.close();
}
