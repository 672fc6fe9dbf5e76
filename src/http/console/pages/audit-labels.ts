// What the audit log's action names mean, for the console's audit trail (R25).
const LABELS: Record<string, string> = {
  'case.create': '登记',
  'case.transition': '状态变更',
  'case.progress': '报送进展',
  'case.classify': '分类',
  'case.opinion': '出具处理意见书',
  'case.overdue': '标记逾期',
  'case.deadline_followed_calendar': '办理时限随工作日历调整',
  'case.follow_up': '回访',
  'case.report_up': '上报',
  'case.view_personal_data': '查看信访人完整信息',
  'case.reassign': '重新交办',
  'case.correct': '更正登记信息',
  'case.flag_danger': '标记异常信件',
  'case.studied-in-meeting': '会议研究',
  'case.link-visit': '下访受理',
  'petitioner.add': '补充信访人',
  'petitioner.correct': '更正信访人信息',
  'petitioner.remove': '删除信访人',
  'case.review.request': '受理复查请求',
  'case.review.answer': '作出复查意见',
  'case.re_review.request': '受理复核请求',
  'case.re_review.answer': '作出复核意见',
  'ownership.propose': '提出包案意见',
  'ownership.approve': '审定包案',
  'ownership.return': '退回包案意见',
  'ownership.propose_transfer': '提出移交',
  'ownership.transfer': '审定移交',
  'extension.request': '申请延期',
  'extension.approve': '批准延期',
  'extension.reject': '不同意延期',
  'alert.raise': '发出预警',
  'alert.ack': '确认预警',
  'alert.repeat': '重复提醒',
  'alert.escalate': '预警升级',
  'alert.close': '预警关闭',
  'persuasion.open': '开启劝返任务',
  'persuasion.record': '记录劝返',
  'statement.open': '开启书面材料任务',
  'statement.submit': '提交书面材料',
  'accountability.record': '记录问责事实',
  'assessment.entry.create': '考核扣分',
  'sentiment.convert': '民情信息转案件',
  'sentiment.report': '报送民情信息',
  'meeting.record': '记录领导小组会议',
  'visit.log': '记录下访',
  'reception-day.schedule': '安排接访日',
  'reception-day.log': '记录接访情况',
  'screening.declare': '部署排查',
  'screening.report': '报送排查情况',
  'person.create': '新增人员',
  'person.update': '修改人员信息',
  'person.activate': '启用人员',
  'person.village_link': '添加联系村',
  'person.village_unlink': '解除联系村',
  'person.deactivate': '停用人员',
  PLATFORM_IDENTITY_LINKED: '绑定平台账号',
  PLATFORM_IDENTITY_UNLINKED: '解除平台账号绑定',
  'unit.create': '新增单位',
  'unit.update': '修改单位',
  'area.create': '新增片区',
  'area.update': '修改片区',
  'village.create': '新增村',
  'village.update': '修改村',
  'settings.calendar_override': '设置工作日历',
  'settings.calendar_override_removed': '删除工作日历设置',
  'settings.keyword_add': '新增关键词规则',
  'settings.keyword_enable': '启用关键词规则',
  'settings.keyword_disable': '停用关键词规则',
  'settings.deadline_policy': '修改办理时限',
  'settings.reminders': '修改提醒设置',
  'settings.town_name': '修改乡镇名称',
  'assessment.rule.update': '修改考核分值',
  'ledger.search_personal_data': '按信访人信息检索台账',
  'console.login': '登录工作台',
  'audit.signing_started': '审计日志开始签名',
};

export function auditActionLabel(action: string): string {
  return LABELS[action] ?? '其他操作';
}

/** Through which door a change came (R25), in words. */
export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  LARK: '飞书', DINGTALK: '钉钉', SANDBOX: '沙盒', CONSOLE: '工作台', SYSTEM: '系统', SCRIPT: '脚本',
};

export const channelLabel = (channel: string) => CHANNEL_LABELS[channel] ?? '其他';

/** Full views recorded before the reasons were written in words ("context=DIRECT"). */
const LEGACY_REASONS: Readonly<Record<string, string>> = {
  'context=DIRECT': '单聊中查看完整信息', 'context=CONSOLE': '工作台查看完整信息', 'context=GROUP': '群聊中查看',
};

export const auditReasonText = (reason: string | null) => (reason === null ? null : (LEGACY_REASONS[reason] ?? reason));
