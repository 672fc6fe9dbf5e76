import { bare } from './console/layout.js';
import { html } from './console/html.js';

/** `/` for a person: what this is and where to go; the machine-readable checks stay at /healthz and /readyz. */
export function landingPage(o: { townName: string; sandbox: boolean }): string {
  return bare(
    `${o.townName}信访包案助手`,
    html`<p>乡镇信访工作的群聊机器人与案件台账：在飞书、钉钉群里登记信访事项，落实领导包案，报送办理进展，盯办结时限，处置异常信件和重大事项预警；信访办在工作台查看台账、统计和考核。</p>
<p><a class="button" href="/console/login">登录信访办工作台</a></p>
<p class="note">工作台供信访办、主要领导和常委会成员使用；其他同志请在飞书或钉钉中使用机器人，发送“帮助”查看指令。</p>
${o.sandbox
  ? html`<section class="card"><h2>沙盒（演示）</h2>
<p>本程序正使用演示数据运行：可在浏览器中扮演任一演示人员，在“镇信访工作群”或单聊中与机器人对话，看到的卡片与飞书中相同。</p>
<p><a class="button secondary" href="/sandbox">打开沙盒聊天</a></p></section>`
  : ''}
<p class="note">运维检查：<code>/healthz</code>（进程）、<code>/readyz</code>（数据库与 Redis）。</p>`,
  ).toString();
}
