import type { Person, Role } from '../../src/domain/model.js';
import type { Card, CardElement } from '../model.js';
import { button } from './common.js';

export interface HelpInput {
  person: Pick<Person, 'name' | 'roles'>;
  /** The commands this person may use, in the order to list them: the bot decides (its command policies). */
  commands: readonly { usage: string; what: string }[];
  /** Whether to offer the 登记 button. */
  canIntake: boolean;
}

const has = (roles: readonly Role[], ...any: Role[]) => any.some((r) => roles.includes(r));

/** What this person can do on case cards and alerts, in the words of the work plan. */
function cardActions(roles: readonly Role[]): string[] {
  const out: string[] = [];
  if (has(roles, 'OFFICE_STAFF', 'ADMIN')) {
    out.push(
      '提出包案意见、认定需包案、交办、移交包案、上报（信访办）',
      '分类（建议意见 / 检举控告 / 申诉求决）、出具处理意见书、归档',
      '审批延期申请、回访登记满意度、登记复查/复核申请',
    );
  }
  if (has(roles, 'APPROVER')) out.push('审定包案意见：同意或退回（镇委常委会）');
  if (has(roles, 'PRINCIPAL_LEADER', 'TOWN_LEADER', 'OFFICE_STAFF', 'ADMIN', 'UNIT_HEAD', 'CADRE')) {
    out.push('承办的案件：报送进展（包案件 / 包查办 / 包落实 / 保稳定）、申请延期、办结');
  }
  if (has(roles, 'PRINCIPAL_LEADER', 'TOWN_LEADER')) out.push('包案领导：组织劝返，按时提交书面说明、书面检查和接访汇报');
  if (has(roles, 'OFFICE_STAFF', 'ADMIN', 'PRINCIPAL_LEADER', 'TOWN_LEADER', 'UNIT_HEAD', 'CADRE')) out.push('报告非正常上访（信访办、主要领导及承办人员，在案件卡片上）');
  if (has(roles, 'PRINCIPAL_LEADER', 'TOWN_LEADER', 'AREA_LEADER', 'VILLAGE_STATIONED_CADRE', 'VILLAGE_CADRE', 'UNIT_HEAD')) {
    out.push('收到预警后立即确认：收到 → 已出发 → 已到场');
  }
  if (has(roles, 'DISCIPLINE_INSPECTOR')) out.push('查看检举控告类事项');
  return out;
}

/** 帮助: the commands this person may use, and what they can do on cards. */
export function helpCard(input: HelpInput): Card {
  const { person, commands } = input;
  const actions = cardActions(person.roles);
  const elements: CardElement[] = [
    { kind: 'markdown', text: `发送以下指令（群聊中请先 @我）：\n${commands.map((c) => `- **${c.usage}**：${c.what}`).join('\n')}` },
  ];
  if (actions.length) {
    elements.push({ kind: 'divider' }, { kind: 'markdown', text: `**在卡片上您还可以：**\n${actions.map((a) => `- ${a}`).join('\n')}` });
  }
  elements.push(
    { kind: 'note', text: '信访人身份证号、电话仅在与我的单聊中向有权限的人员显示，群聊中一律脱敏。' },
    {
      kind: 'actions',
      buttons: [
        button('我的案件', 'list.refresh', { list: 'mine' }, 'primary'),
        button('待办', 'list.refresh', { list: 'todo' }),
        ...(input.canIntake ? [button('登记信访事项', 'intake.open', {})] : []),
      ],
    },
  );
  return { title: '信访包案助手', subtitle: `${input.person.name}，您可以使用以下功能`, colour: 'blue', elements };
}
