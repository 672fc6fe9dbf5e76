/**
 * npm run doctor — checks the configured Lark / DingTalk app with real, harmless calls and says in
 * Chinese what to click where for what is missing. Exit code 1 when a required check fails.
 */
import { existsSync } from 'node:fs';
import { dingtalkEnabled, larkEnabled } from '../src/config.js';
import { doctorExitCode, formatCheck, type DoctorCheck } from '../src/platforms/doctor-check.js';
import { dingtalkDoctor } from '../src/platforms/dingtalk/doctor.js';
import { larkDoctor } from '../src/platforms/lark/doctor.js';
import { configOrExit } from './support/config-or-exit.js';

// The app reads its environment (docker compose fills it from .env); run by hand, .env fills in what is unset.
if (existsSync('.env')) process.loadEnvFile('.env');
const config = configOrExit();

const sections: [string, () => Promise<DoctorCheck[]>][] = [];
if (larkEnabled(config)) sections.push([`飞书（${config.LARK_DOMAIN}，${config.LARK_MODE === 'ws' ? '长连接模式' : 'webhook 模式'}）`, () => larkDoctor(config)]);
if (dingtalkEnabled(config)) sections.push([`钉钉（${config.DINGTALK_MODE === 'http' ? 'HTTP' : 'Stream'} 模式）`, () => dingtalkDoctor(config)]);
if (sections.length === 0) {
  console.log('⚠️ 未配置飞书或钉钉（LARK_APP_ID/LARK_APP_SECRET、DINGTALK_CLIENT_ID/DINGTALK_CLIENT_SECRET 均未设置）：程序将以沙盒模式运行，浏览器访问 /sandbox 体验；要接入飞书或钉钉，请先在 .env 中填写应用凭证');
  process.exit(0);
}
const all: DoctorCheck[] = [];
for (const [title, run] of sections) {
  console.log(`\n== ${title} ==`);
  const checks = await run();
  for (const c of checks) console.log(formatCheck(c));
  all.push(...checks);
}
const code = doctorExitCode(all);
console.log(code === 0 ? '\n检查完成：必需项均已通过。' : '\n检查完成：有必需项未通过（❌），请按提示处理后重新运行 npm run doctor。');
process.exit(code);
