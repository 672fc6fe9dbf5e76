import { authorizeGlobal, type GlobalAction } from '../../src/domain/authorization.js';
import type { Person, Role } from '../../src/domain/model.js';
import type { Card, CardElement } from '../model.js';
import { button } from './common.js';

export interface HelpInput {
  person: Pick<Person, 'name' | 'roles' | 'unitId'>;
}

interface Command {
  word: string;
  what: string;
  /** Who may: a global action of src/domain/authorization.ts, or everyone. */
  needs?: GlobalAction;
}

const COMMANDS: readonly Command[] = [
  { word: '帮助', what: '显示本说明' },
  { word: '登记', what: '登记新的信访事项', needs: 'INTAKE' },
  { word: '我的', what: '我包案、负责或本单位承办的案件' },
  { word: '案件 XF-2026-0042', what: '查看一件案件及可办理的操作' },
  { word: '逾期', what: '逾期案件，按紧急程度排列' },
  { word: '待办', what: '此刻由我负责的全部事项，按紧急程度排列' },
  { word: '统计', what: '全镇案件统计（按状态、来源、村、月份）', needs: 'LIST_ALL_CASES' },
  { word: '下访', what: '填报每月下访记录', needs: 'LOG_VISIT' },
  // R14: the leaders who receive on reception days are the ones who also visit villages (R15).
  { word: '接访', what: '填报接访日接待情况', needs: 'LOG_VISIT' },
  { word: '排查', what: '报送矛盾纠纷排查情况或零报告', needs: 'SUBMIT_UNIT_REPORT' },
  { word: '会议', what: '记录信访领导小组研究重大疑难案件的会议', needs: 'RECORD_MEETING' },
  { word: '排查期', what: '部署矛盾纠纷排查（常规或敏感时期），指定报送单位', needs: 'DECLARE_SCREENING' },
  { word: '接访安排', what: '近 30 天的领导接访日安排' },
  { word: '安排接访', what: '安排镇领导接访日', needs: 'SCHEDULE_RECEPTION' },
  { word: '越级上访', what: '登记单位人员到县、市、省、北京上访（年终考核扣分）', needs: 'RECORD_ASSESSMENT' },
  { word: '民情', what: '报送群众反映的问题和矛盾纠纷苗头（即时即报）', needs: 'REPORT_SENTIMENT' },
  { word: '重大事项', what: '报告大规模集体上访、群体性事件或进京上访苗头，通知相关人员立即赶赴现场', needs: 'RAISE_MAJOR_EVENT' },
];

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

/** 帮助: only the commands and card actions this person may use. */
export function helpCard(input: HelpInput): Card {
  const person: Person = { id: '', name: input.person.name, title: null, mobile: null, email: null, unitId: input.person.unitId, roles: [...input.person.roles], active: true };
  const commands = COMMANDS.filter((c) => !c.needs || authorizeGlobal(person, c.needs).allowed);
  const actions = cardActions(person.roles);
  const elements: CardElement[] = [
    { kind: 'markdown', text: `发送以下指令（群聊中请先 @我）：\n${commands.map((c) => `- **${c.word}**：${c.what}`).join('\n')}` },
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
        ...(commands.some((c) => c.needs === 'INTAKE') ? [button('登记信访事项', 'intake.open', {})] : []),
      ],
    },
  );
  return { title: '信访包案助手', subtitle: `${input.person.name}，您可以使用以下功能`, colour: 'blue', elements };
}
