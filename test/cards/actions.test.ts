import { describe, expect, it } from 'vitest';
import {
  ACTION_NAMES, actionValue, decodeAction, decodeForm, SUBMIT_ACTION_NAMES, type ActionName, type ActionParams,
  type SubmitActionName,
} from '../../cards/actions.js';
import { normaliseDate, normaliseDateTime } from '../../cards/form-fields.js';
import { decodeLarkFormAction, encodeLarkFormAction } from '../../cards/lark/form-action.js';
import { uid } from './fixtures.js';
import { refusal } from '../support/refusal.js';

const CHINESE = /[\u4e00-\u9fa5]/;

/** One valid value per action: the type makes the table complete. */
const SAMPLES: { [N in ActionName]: ActionParams<N> } = {
  'case.view': { caseId: uid(1) },
  'case.view-full': { caseId: uid(1) },
  'intake.open': {},
  'intake.submit': {},
  'ownership.open': { caseId: uid(1) },
  'ownership.submit': { caseId: uid(1) },
  'ownership.view': { proposalId: uid(2) },
  'ownership.approve': { proposalId: uid(2) },
  'ownership.return-open': { proposalId: uid(2) },
  'ownership.return-submit': { proposalId: uid(2) },
  'transfer.open': { caseId: uid(1) },
  'transfer.submit': { caseId: uid(1) },
  'progress.open': { caseId: uid(1) },
  'progress.submit': { caseId: uid(1) },
  'extension.open': { caseId: uid(1) },
  'extension.submit': { caseId: uid(1) },
  'extension.decide-open': { extensionId: uid(3) },
  'extension.decide-submit': { extensionId: uid(3) },
  'resolve.open': { caseId: uid(1) },
  'resolve.submit': { caseId: uid(1) },
  'follow-up.open': { caseId: uid(1) },
  'follow-up.submit': { caseId: uid(1) },
  'review.open': { caseId: uid(1), kind: 'REVIEW' },
  'review.submit': { caseId: uid(1), kind: 'RE_REVIEW' },
  'assign.open': { caseId: uid(1) },
  'assign.submit': { caseId: uid(1) },
  'needs-owner.open': { caseId: uid(1) },
  'needs-owner.submit': { caseId: uid(1) },
  'classify.open': { caseId: uid(1) },
  'classify.submit': { caseId: uid(1) },
  'opinion.open': { caseId: uid(1) },
  'opinion.submit': { caseId: uid(1) },
  'case.report-up': { caseId: uid(1) },
  'case.archive': { caseId: uid(1) },
  'petitioner.open': { caseId: uid(1) },
  'petitioner.submit': { caseId: uid(1), petitionerId: uid(10) },
  'screening-period.open': {},
  'screening-period.submit': {},
  'reception-day.open': {},
  'reception-day.submit': {},
  'higher-visit.open': {},
  'higher-visit.submit': {},
  'sentiment.open': {},
  'sentiment.submit': {},
  'sentiment.convert-open': { reportId: uid(9) },
  'sentiment.convert-submit': { reportId: uid(9) },
  'major-event.open': {},
  'major-event.submit': {},
  'abnormal.open': { caseId: uid(1) },
  'abnormal.submit': { caseId: uid(1) },
  'review-answer.open': { caseId: uid(1), kind: 'REVIEW' },
  'review-answer.submit': { caseId: uid(1), kind: 'RE_REVIEW' },
  'alert.ack': { alertId: uid(4), stage: 'ON_THE_WAY' },
  'persuasion.open': { persuasionId: uid(5) },
  'persuasion.submit': { persuasionId: uid(5) },
  'statement.open': { statementId: uid(6) },
  'statement.submit': { statementId: uid(6) },
  'visit.open': {},
  'visit.submit': {},
  'reception.open': { receptionDayId: uid(7) },
  'reception.submit': { receptionDayId: uid(7) },
  'screening.open': { periodId: uid(8) },
  'screening.submit': { periodId: uid(8) },
  'meeting.open': {},
  'meeting.submit': {},
  'list.refresh': { list: 'overdue' },
};

/** One valid form per submit, as Lark sends form_value (dates with the picker's offset). */
const FORMS: { [N in SubmitActionName]: Record<string, unknown> } = {
  'intake.submit': { title: '土地补偿', content: '补偿款未发放', source: 'LETTER', petitionerName: '张三明', sudden: false },
  'ownership.submit': {
    leaderId: uid(11), unitId: uid(12), responsiblePersonId: uid(13), requirements: '一个月内答复', deadline: '2026-12-31 +0800', reportingCadence: 'WEEKLY',
  },
  'ownership.return-submit': { reason: '责任单位不对口' },
  'transfer.submit': {
    reason: '原包案领导调离', leaderId: uid(11), unitId: uid(12), responsiblePersonId: uid(13), requirements: '继续办理', deadline: '2026-12-31 +0800', reportingCadence: 'MONTHLY',
  },
  'progress.submit': { tag: 'IMPLEMENTATION', content: '补偿款已发放' },
  'extension.submit': { requestedDueOn: '2027-01-15 +0800', reason: '需等待县里批复' },
  'extension.decide-submit': { decision: 'REJECT', reason: '理由不充分' },
  'resolve.submit': { resolution: '补偿款已全部发放到户' },
  'follow-up.submit': { officeRating: 'SATISFIED', unitRating: 'BASICALLY_SATISFIED' },
  'review.submit': { requestedOn: '2026-12-02 +0800' },
  'persuasion.submit': { who: '王副镇长、赵干事', doneAt: '2026-12-01 10:30 +0800', outcome: 'RETURNED' },
  'statement.submit': { content: '逾期原因及下一步措施……' },
  'assign.submit': { unitId: uid(12), responsiblePersonId: uid(13) },
  'needs-owner.submit': { reason: '涉及多个部门，需领导协调' },
  'classify.submit': { classification: 'ACCUSATION', accusedPersonId: uid(13) },
  'screening-period.submit': { name: '元旦春节期间集中排查', kind: 'SENSITIVE', startsOn: '2026-12-25 +0800', endsOn: '2027-02-28 +0800', reportDueOn: '2026-12-31 +0800', unitIds: [uid(12)] },
  'reception-day.submit': { leaderId: uid(11), date: '2026-12-08 +0800', location: '镇信访接待室' },
  'higher-visit.submit': { unitId: uid(12), level: 'PROVINCE', collective: 'true', date: '2026-11-20 +0800', evidence: '市信访局通报第12期', poorWork: false },
  'sentiment.submit': { villageId: uid(21), content: '三组村民反映灌溉渠堵塞' },
  'sentiment.convert-submit': { title: '灌溉渠堵塞', complexity: 'GENERAL', headcount: '8', important: false },
  'review-answer.submit': { answeredAt: '2026-12-20 16:00 +0800', answer: '维持原处理意见' },
  'opinion.submit': { issuedAt: '2026-12-01 10:30 +0800', summary: '补偿标准符合政策' },
  'major-event.submit': { villageId: uid(21), eventKind: 'MASS_INCIDENT', detail: '约50名村民聚集镇政府门口' },
  'abnormal.submit': { destination: 'BEIJING', collective: 'true', occurredOn: '2026-12-01 +0800' },
  'visit.submit': { villageId: uid(21), date: '2026-11-20 +0800', caseIds: [uid(1)] },
  'reception.submit': { visitors: '12', summary: '接待群众12人次，受理3件' },
  'screening.submit': { isZero: true },
  'meeting.submit': { date: '2026-11-25 +0800', topic: '研究重大疑难案件', decisions: '明确责任', attendees: '李书记\n王镇长、赵主任' },
  'petitioner.submit': { petitionerName: '张三明', petitionerPhone: '13812345678', remove: false },
};


describe('card actions: one catalogue for building and decoding', () => {
  it('every action has a sample, and every sample is an action', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...ACTION_NAMES].sort());
  });

  it.each(ACTION_NAMES)('%s round-trips through JSON and decodeAction', (name) => {
    const value = actionValue(name, SAMPLES[name] as never);
    expect(value.a).toBe(name);
    const back = decodeAction(JSON.parse(JSON.stringify(value)));
    expect(back).toEqual(value);
  });

  it.each(SUBMIT_ACTION_NAMES)('%s: the Lark submit button name round-trips', (name) => {
    const value = actionValue(name, SAMPLES[name] as never);
    const encoded = encodeLarkFormAction(value);
    expect(encoded.startsWith(name)).toBe(true);
    expect(decodeLarkFormAction(encoded)).toEqual(value);
  });

  it.each(SUBMIT_ACTION_NAMES)('%s: a filled form decodes', (name) => {
    expect(() => decodeForm({ a: name }, FORMS[name])).not.toThrow();
  });

  it('a form submit name reads like a query string and carries ids only', () => {
    const value = actionValue('review.submit', { caseId: uid(1), kind: 'REVIEW' });
    expect(encodeLarkFormAction(value)).toBe(`review.submit?caseId=${uid(1)}&kind=REVIEW`);
    expect(encodeLarkFormAction(actionValue('intake.submit', {}))).toBe('intake.submit');
  });

  it('a submit name cannot override the action through its parameters', () => {
    expect(decodeLarkFormAction(`case.view?caseId=${uid(1)}&a=ownership.approve`)).toEqual({ a: 'case.view', caseId: uid(1) });
  });

  it('a builder passing a bad id fails at once (the button and the decoder cannot drift)', () => {
    expect(refusal(() => actionValue('case.view', { caseId: 'XF-2026-0042' })).code).toBe('VALIDATION');
  });
});

describe('invalid card payloads are Chinese VALIDATION errors', () => {
  const bad: [string, unknown][] = [
    ['nothing', undefined],
    ['null', null],
    ['a number', 42],
    ['an array', [{ a: 'case.view' }]],
    ['text that is not JSON', 'hello'],
    ['an unknown action', { a: 'case.delete', caseId: uid(1) }],
    ['no action name', { caseId: uid(1) }],
    ['a missing id', { a: 'case.view' }],
    ['a malformed id', { a: 'case.view', caseId: '1 OR 1=1' }],
    ['an unknown stage', { a: 'alert.ack', alertId: uid(4), stage: 'DONE' }],
    ['an unknown list', { a: 'list.refresh', list: 'everything' }],
    ['a prototype key as action', { a: 'constructor' }],
  ];

  it.each(bad)('%s', (_label, raw) => {
    const e = refusal(() => decodeAction(raw));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(CHINESE);
  });

  it('says which parameter is wrong', () => {
    expect(refusal(() => decodeAction({ a: 'alert.ack', alertId: uid(4), stage: 'DONE' })).message).toBe(
      '卡片数据有误，请重新打开卡片后再试：确认：应为收到、已出发或已到场',
    );
  });

  it('a JSON string value is read like the object it encodes', () => {
    expect(decodeAction(JSON.stringify({ a: 'case.view', caseId: uid(1) }))).toEqual({ a: 'case.view', caseId: uid(1) });
  });

  it('an unknown or empty submit name is refused', () => {
    expect(refusal(() => decodeLarkFormAction('btn_submit')).code).toBe('VALIDATION');
    expect(refusal(() => decodeLarkFormAction('')).code).toBe('VALIDATION');
    expect(refusal(() => decodeLarkFormAction('progress.submit?caseId=abc')).message).toMatch(/编号无效/);
  });
});

describe('form fields as Lark sends them', () => {
  it('date pickers: "2026-12-01 +0800" becomes 2026-12-01', () => {
    expect(normaliseDate('2026-12-01 +0800')).toBe('2026-12-01');
    expect(normaliseDate('2026-12-01')).toBe('2026-12-01');
    expect(normaliseDate('2026-02-30 +0800')).toBeNull();
    expect(normaliseDate('明天')).toBeNull();
    expect(decodeForm({ a: 'extension.submit' }, { requestedDueOn: '2027-01-15 +0800', reason: '等待批复' })).toEqual({
      requestedDueOn: '2027-01-15',
      reason: '等待批复',
    });
  });

  it('datetime pickers keep the offset they were picked in', () => {
    expect(normaliseDateTime('2026-12-01 10:30 +0800')?.toISOString()).toBe('2026-12-01T02:30:00.000Z');
    expect(normaliseDateTime('2026-12-01 10:30')?.toISOString()).toBe('2026-12-01T02:30:00.000Z');
    expect(normaliseDateTime('2026-12-01 25:00 +0800')).toBeNull();
  });

  it('an impossible date names the field', () => {
    expect(refusal(() => decodeForm({ a: 'extension.submit' }, { requestedDueOn: '2026-02-30 +0800', reason: 'x' })).message).toBe(
      '输入有误：申请延期至：日期格式不正确',
    );
  });

  it('every missing required field is listed in one message', () => {
    const e = refusal(() => decodeForm({ a: 'ownership.submit' }, {}));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe(
      '输入有误：包案领导：请选择包案领导；责任单位：请选择责任单位；责任人：请选择责任人；责任要求：不能为空；办结时限：请选择办结时限；报送方式：请选择报送方式',
    );
  });

  it('empty inputs count as not filled, and optional ones become null', () => {
    expect(decodeForm({ a: 'ownership.submit' }, { ...FORMS['ownership.submit'], reportingNote: '  ', territorialUnitId: '' })).toMatchObject({
      deadline: '2026-12-31',
      reportingNote: null,
      territorialUnitId: null,
      functionalUnitId: null,
    });
    expect(refusal(() => decodeForm({ a: 'resolve.submit' }, { resolution: '   ' })).message).toBe('输入有误：办结情况：不能为空');
  });

  it('R6: a 保稳定 entry needs its stability assessment', () => {
    expect(refusal(() => decodeForm({ a: 'progress.submit' }, { tag: 'STABILITY', content: '已稳控' })).message).toBe(
      '输入有误：稳定评估：「保稳定」进展须选择稳定评估',
    );
    expect(decodeForm({ a: 'progress.submit' }, { tag: 'STABILITY', content: '已稳控', stability: 'STABLE' })).toEqual({
      tag: 'STABILITY', content: '已稳控', stability: 'STABLE',
    });
    expect(refusal(() => decodeForm({ a: 'progress.submit' }, { tag: 'DONE', content: 'x' })).message).toMatch(/包案件 \/ 包查办 \/ 包落实 \/ 保稳定/);
  });

  it('R10: the decision select becomes approve true/false with its reason', () => {
    expect(decodeForm({ a: 'extension.decide-submit' }, { decision: 'APPROVE', reason: '情况属实' })).toEqual({ approve: true, reason: '情况属实' });
    expect(decodeForm({ a: 'extension.decide-submit' }, { decision: 'REJECT', reason: '理由不足' })).toEqual({ approve: false, reason: '理由不足' });
  });

  it('R27: two separate ratings; only 不满意 may reopen, and a reopen needs a reason', () => {
    expect(
      refusal(() => decodeForm({ a: 'follow-up.submit' }, { officeRating: 'SATISFIED', unitRating: 'SATISFIED', reopen: true, reopenReason: 'x' })).message,
    ).toBe('输入有误：重新办理：只有信访人表示「不满意」时才能重新办理');
    expect(refusal(() => decodeForm({ a: 'follow-up.submit' }, { officeRating: 'SATISFIED', unitRating: 'UNSATISFIED', reopen: true })).message).toBe(
      '输入有误：重新办理理由：重新办理须说明理由',
    );
    expect(
      decodeForm({ a: 'follow-up.submit' }, { officeRating: 'SATISFIED', unitRating: 'UNSATISFIED', reopen: true, reopenReason: '补偿未到位', reopenDueOn: '2026-12-20 +0800' }),
    ).toEqual({ officeRating: 'SATISFIED', unitRating: 'UNSATISFIED', note: null, reopen: true, reopenReason: '补偿未到位', reopenDueOn: '2026-12-20' });
    expect(refusal(() => decodeForm({ a: 'follow-up.submit' }, { officeRating: '很好', unitRating: 'SATISFIED' })).message).toMatch(/满意 \/ 基本满意 \/ 不满意/);
  });

  it('R17: a zero report has no findings; a non-zero report must have them', () => {
    expect(decodeForm({ a: 'screening.submit' }, { isZero: true })).toEqual({ isZero: true, findings: null });
    expect(decodeForm({ a: 'screening.submit' }, { isZero: false, findings: '发现邻里纠纷1起，已调处' })).toEqual({ isZero: false, findings: '发现邻里纠纷1起，已调处' });
    expect(refusal(() => decodeForm({ a: 'screening.submit' }, { isZero: false })).message).toBe('输入有误：排查情况：零报告不填排查情况；非零报告须填写排查情况');
    expect(refusal(() => decodeForm({ a: 'screening.submit' }, { isZero: true, findings: '有' })).code).toBe('VALIDATION');
  });

  it('R15: the office\'s visit form names the leader; without one the visit is the submitter\'s; a bad pick is refused in Chinese', () => {
    expect(decodeForm({ a: 'visit.submit' }, { ...FORMS['visit.submit'], leaderId: uid(11) })).toEqual({
      leaderId: uid(11), villageId: uid(21), date: '2026-11-20', peopleMet: null, note: null, caseIds: [uid(1)],
    });
    expect(decodeForm({ a: 'visit.submit' }, { ...FORMS['visit.submit'], leaderId: '' })).not.toHaveProperty('leaderId');
    expect(refusal(() => decodeForm({ a: 'visit.submit' }, { ...FORMS['visit.submit'], leaderId: '孙副镇长' })).message).toBe('输入有误：下访领导：选项无效，请重新选择');
    // Elsewhere leaderId keeps its own label.
    expect(refusal(() => decodeForm({ a: 'ownership.submit' }, { ...FORMS['ownership.submit'], leaderId: 'x' })).message).toMatch(/^输入有误：包案领导：/);
  });

  it('R21: a persuasion time from the datetime picker becomes an instant', () => {
    expect(decodeForm({ a: 'persuasion.submit' }, FORMS['persuasion.submit'])).toEqual({
      who: '王副镇长、赵干事', doneAt: new Date('2026-12-01T02:30:00Z'), outcome: 'RETURNED', note: null,
    });
  });

  it('intake: the primary petitioner and the others become the use case petitioners', () => {
    const out = decodeForm({ a: 'intake.submit' }, {
      ...FORMS['intake.submit'],
      petitionerPhone: '13812345678',
      petitionerIdNumber: '42010219900101123x',
      otherPetitioners: '李四\n王五、赵六',
      headcount: '6',
      receivedOn: '2026-11-20 +0800',
      villageId: uid(21),
      important: true,
    });
    expect(out).toEqual({
      title: '土地补偿',
      content: '补偿款未发放',
      source: 'LETTER',
      complexity: 'GENERAL',
      classification: null,
      villageId: uid(21),
      headcount: 6,
      receivedAt: new Date('2026-11-19T16:00:00Z'),
      petitioners: [
        { name: '张三明', idNumber: '42010219900101123X', phone: '13812345678', address: null, isPrimary: true },
        { name: '李四', idNumber: null, phone: null, address: null, isPrimary: false },
        { name: '王五', idNumber: null, phone: null, address: null, isPrimary: false },
        { name: '赵六', idNumber: null, phone: null, address: null, isPrimary: false },
      ],
      sudden: false,
      important: true,
      beijingPetition: false,
      needsOwnership: false,
    });
    expect(refusal(() => decodeForm({ a: 'intake.submit' }, { ...FORMS['intake.submit'], petitionerPhone: '12345', headcount: '三' })).message).toBe(
      '输入有误：人数：请填写数字；联系电话：电话号码格式不正确',
    );
  });

  it('R12: attendees typed one per line or with 、 become a list; chosen cases become meeting cases', () => {
    expect(decodeForm({ a: 'meeting.submit' }, { ...FORMS['meeting.submit'], caseIds: [uid(1), uid(2)] })).toEqual({
      date: '2026-11-25',
      topic: '研究重大疑难案件',
      decisions: '明确责任',
      attendees: ['李书记', '王镇长', '赵主任'],
      cases: [{ caseId: uid(1), decision: null }, { caseId: uid(2), decision: null }],
    });
    expect(refusal(() => decodeForm({ a: 'meeting.submit' }, { ...FORMS['meeting.submit'], caseIds: [uid(1), uid(1)] })).message).toBe(
      '输入有误：案件：同一项不能重复选择',
    );
  });

  it('R26: the request day becomes the start of that Beijing day', () => {
    expect(decodeForm({ a: 'review.submit' }, { requestedOn: '2026-12-02 +0800', note: '' })).toEqual({
      note: null,
      requestedAt: new Date('2026-12-01T16:00:00Z'),
    });
    expect(decodeForm({ a: 'review.submit' }, {})).toEqual({ note: null });
  });

  it('a missing form is read as an empty one', () => {
    expect(refusal(() => decodeForm({ a: 'resolve.submit' }, null)).message).toBe('输入有误：办结情况：不能为空');
  });
});
