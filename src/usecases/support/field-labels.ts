// Field names as people know them, for error messages and for lists of what changed.

/** A form field's name (the key of an input object) as people know it. */
export const FIELD_LABELS: Record<string, string> = {
  title: '标题', content: '内容', source: '来源', category: '类别', complexity: '难易程度', classification: '性质分类',
  receivedAt: '收件时间', villageId: '所属村', headcount: '人数', petitioners: '信访人', name: '姓名',
  idNumber: '身份证号', phone: '电话', address: '住址', leaderId: '包案领导', unitId: '责任单位',
  responsiblePersonId: '责任人', requirements: '责任要求', deadline: '办结时限', reportingCadence: '报送方式',
  reason: '理由', tag: '进展类别', stability: '稳定评估', resolution: '办结情况', requestedDueOn: '申请延期至',
  caseId: '案件', number: '案件编号', proposalId: '包案意见', extensionId: '延期申请',
  // periodic duties (R12–R17)
  date: '日期', topic: '议题', decisions: '研究决定', attendees: '参会人员', cases: '研究案件', decision: '决定',
  location: '地点', note: '备注', peopleMet: '走访对象', caseIds: '案件', reportId: '民情信息', kind: '类型',
  startsOn: '开始日期', endsOn: '结束日期', reportDueOn: '报送截止日期', unitIds: '报送单位', periodId: '排查期',
  findings: '排查情况', isZero: '零报告', statementId: '书面材料', month: '月份', quarter: '季度', today: '日期',
  // review, follow-up, assessment (R23, R26, R27)
  accusedPersonId: '被反映人', accusedUnitId: '被反映单位', issuedAt: '出具时间', summary: '摘要', requestedAt: '请求时间',
  answer: '答复意见', answeredAt: '答复时间', officeRating: '对信访办的评价', unitRating: '对责任单位的评价',
  reopen: '重新办理', reopenReason: '重新办理理由', reopenDueOn: '重新办理时限', level: '上访去向', collective: '集体访',
  evidence: '依据', poorWork: '工作不力', year: '考核年度', points: '分值', active: '状态', label: '名称', code: '考核规则',
  // escalation (R18–R21)
  eventKind: '事项类别', detail: '情况说明', alertId: '预警', stage: '确认', destination: '去向', occurredOn: '发生日期',
  persuasionId: '劝返任务', who: '劝返人员', doneAt: '劝返时间', outcome: '劝返结果',
  // administration: people, organisation, settings (R7, R9, R20)
  personId: '人员', jobTitle: '职务', mobile: '手机号', email: '邮箱', roles: '角色', platform: '平台', openId: 'open_id',
  userId: 'user_id', areaLeaderId: '包片领导', headId: '主要负责人', leaderInChargeId: '分管领导', areaId: '片区', linkedLeaderId: '联系村领导',
  isWorkingDay: '上班或放假', pattern: '关键词', isRegex: '正则表达式', ruleId: '关键词规则', counting: '计日方式',
  generalWorkingDays: '一般事项时限', complexMonths: '疑难复杂事项时限', registerDays: '登记转送时限', acceptanceDays: '受理告知时限',
  objectionWorkingDays: '异议时限', handlingDays: '办理时限', maxExtensionDays: '最长延期', reviewRequestDays: '申请复查期限',
  reviewAnswerDays: '复查答复时限', followUpWindowDays: '回访期限', workingHoursStart: '推送开始时间', workingHoursEnd: '推送结束时间',
  alertRepeatMinutes: '预警重复提醒间隔', alertClimbMinutes: '预警升级间隔',
  townName: '乡镇名称', until: '结束日期', relation: '关系',
  // the bot's forms
  petitionerId: '信访人', receptionDayId: '接访日', visitors: '接待人次', comment: '意见', reportingNote: '报送要求',
  territorialUnitId: '稳控属地单位', functionalUnitId: '解决属事单位', important: '重要信访', sudden: '突发性信访', months: '月份', approve: '是否同意',
};
