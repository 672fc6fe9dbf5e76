import { describe, expect, it } from 'vitest';
import { caseCard } from '../../cards/builders/case-card.js';
import { renderLarkCard } from '../../cards/lark/render.js';
import type { CaseAction } from '../../src/domain/authorization.js';
import { caseInput, facts, TODAY, uid } from './fixtures.js';
import { actionsOf, expectValidLarkCard, markdownOf } from './lark-walk.js';

const render = (over: Parameters<typeof caseInput>[0] = {}) => {
  const json = renderLarkCard(caseCard(caseInput(over)));
  expectValidLarkCard(json);
  return json;
};
const template = (json: ReturnType<typeof render>) => (json.header as { template: string }).template;
const actionNames = (json: ReturnType<typeof render>) => actionsOf(json).map((a) => a.a);

describe('case card colour follows the deadline (R7, R11)', () => {
  it('R11: an overdue case card is red, with a red deadline and an 逾期 tag', () => {
    const json = render({ dueOn: '2026-11-20', overdue: facts('2026-11-20', TODAY) });
    expect(template(json)).toBe('red');
    expect(markdownOf(json)).toContain("**办结时限**：<font color='red'>2026-11-20（已逾期 7 天）</font>");
    expect(JSON.stringify(json.header)).toContain('"逾期"');
  });

  it('R7: a case due within 3 working days is orange', () => {
    // Fri 2026-11-27 → Wed 2026-12-02 is 3 working days.
    const json = render({ dueOn: '2026-12-02', overdue: facts('2026-12-02', TODAY) });
    expect(template(json)).toBe('orange');
    expect(markdownOf(json)).toContain("<font color='orange'>2026-12-02（还剩 3 个工作日）</font>");
  });

  it('R7: a case due later is green', () => {
    expect(template(render({ dueOn: '2026-12-03', overdue: facts('2026-12-03', TODAY) }))).toBe('green');
  });

  it('R11: a case resolved late is grey but keeps saying it was overdue', () => {
    const json = render({ status: 'RESOLVED', dueOn: '2026-11-20', overdue: facts('2026-11-20', TODAY, '2026-11-25') });
    expect(template(json)).toBe('grey');
    expect(markdownOf(json)).toContain('2026-11-20（逾期 5 天办结）');
    expect(JSON.stringify(json.header)).toContain('"曾逾期"');
  });

  it('an open case without a deadline yet is blue and says so', () => {
    const json = render({ status: 'AWAITING_OWNER', dueOn: null, overdue: null });
    expect(template(json)).toBe('blue');
    expect(markdownOf(json)).toContain('未设办结时限');
  });
});

describe('R24 personal data on the case card', () => {
  it('R24: a group card masks name, phone, ID and address even when full data was passed', () => {
    const md = markdownOf(render({ context: 'GROUP', personalDataVisible: true }));
    expect(md).not.toContain('张三明');
    expect(md).not.toContain('13812345678');
    expect(md).not.toContain('420102199001011234');
    expect(md).not.toContain('3组12号');
    expect(md).toContain('张&#42;明（电话 138&#42;&#42;&#42;&#42;5678，身份证 4201&#42;&#42;&#42;&#42;&#42;&#42;&#42;&#42;&#42;&#42;1234，住址 青山村&#42;&#42;&#42;）');
    expect(md).toContain('群聊中信访人信息已脱敏');
  });

  it('R24: numbers typed into the content are masked in a group too', () => {
    const md = markdownOf(render({ context: 'GROUP' }));
    expect(md).toContain('联系电话138&#42;&#42;&#42;&#42;5678');
  });

  it('R24: a group card never offers the full-data button, even to the office', () => {
    expect(actionNames(render({ context: 'GROUP', personalDataVisible: false, allowedActions: ['VIEW_PERSONAL_DATA'] }))).toEqual([]);
  });

  it('R24: in a 1:1 chat a masked card offers 查看完整信息 to those allowed to see it', () => {
    const masked = { context: 'DIRECT' as const, personalDataVisible: false };
    expect(actionsOf(render({ ...masked, allowedActions: ['VIEW_PERSONAL_DATA'] }))).toEqual([{ a: 'case.view-full', caseId: uid(42) }]);
    expect(actionNames(render({ ...masked, allowedActions: [] }))).toEqual([]);
  });

  it('R24: full data in a 1:1 chat is shown with a warning that the view is recorded', () => {
    const md = markdownOf(render({ context: 'DIRECT', personalDataVisible: true, allowedActions: ['VIEW_PERSONAL_DATA'] }));
    expect(md).toContain('张三明（电话 13812345678，身份证 420102199001011234，住址 青山村3组12号）');
    expect(md).toContain('本次查看已记录');
  });

  it('R24: a masked 1:1 card shows masked data', () => {
    const md = markdownOf(render({ context: 'DIRECT', personalDataVisible: false }));
    expect(md).not.toContain('13812345678');
  });
});

describe('case card buttons appear only for allowed actions', () => {
  it('no allowed action, no button', () => {
    const json = render({ allowedActions: [] });
    expect(actionNames(json)).toEqual([]);
  });

  it('each allowed action of a case in progress gives its button, and only those', () => {
    const cases: [CaseAction[], string[]][] = [
      [['ADD_PROGRESS'], ['progress.open']],
      [['RESOLVE'], ['resolve.open']],
      [['REQUEST_EXTENSION'], ['extension.open']],
      [['PROPOSE_TRANSFER'], ['transfer.open']],
      [['ADD_PROGRESS', 'RESOLVE', 'REQUEST_EXTENSION'], ['progress.open', 'resolve.open', 'extension.open']],
      // Allowed but meaningless for a case in progress: no button.
      [['FOLLOW_UP', 'PROPOSE_OWNERSHIP', 'DECIDE_OWNERSHIP', 'DECIDE_EXTENSION', 'RECORD_REVIEW', 'RECORD_PERSUASION'], []],
    ];
    for (const [allowed, expected] of cases) expect(actionNames(render({ allowedActions: allowed })), allowed.join()).toEqual(expected);
  });

  it('every button value carries this case', () => {
    const all: CaseAction[] = ['ADD_PROGRESS', 'RESOLVE', 'REQUEST_EXTENSION', 'PROPOSE_TRANSFER'];
    for (const a of actionsOf(render({ allowedActions: all }))) expect(a).toMatchObject({ caseId: uid(42) });
  });

  it('R4: an approver sees 审定 on a case with a pending proposal; others do not', () => {
    const pending = { status: 'AWAITING_APPROVAL' as const, pendingProposalId: uid(601) };
    expect(actionsOf(render({ ...pending, allowedActions: ['DECIDE_OWNERSHIP'] }))).toEqual([{ a: 'ownership.view', proposalId: uid(601) }]);
    expect(actionNames(render({ ...pending, allowedActions: ['ADD_PROGRESS'] }))).toEqual([]);
  });

  it('R4: the office proposes an owner for a case awaiting one, or returned', () => {
    expect(actionNames(render({ status: 'AWAITING_OWNER', allowedActions: ['PROPOSE_OWNERSHIP'] }))).toEqual(['ownership.open']);
    expect(actionNames(render({ status: 'RETURNED', allowedActions: ['PROPOSE_OWNERSHIP'] }))).toEqual(['ownership.open']);
    expect(actionNames(render({ status: 'IN_PROGRESS', allowedActions: ['PROPOSE_OWNERSHIP'] }))).toEqual([]);
  });

  it('R10: a pending extension shows 审批延期 to the office and hides 申请延期', () => {
    const json = render({ pendingExtensionId: uid(701), allowedActions: ['DECIDE_EXTENSION', 'REQUEST_EXTENSION'] });
    expect(actionsOf(json)).toEqual([{ a: 'extension.decide-open', extensionId: uid(701) }]);
  });

  it('R27: a resolved case offers 回访 to the office', () => {
    expect(actionNames(render({ status: 'RESOLVED', allowedActions: ['FOLLOW_UP', 'ADD_PROGRESS', 'RESOLVE'] }))).toEqual(['follow-up.open']);
  });

  it('R26: an open review window offers the matching request', () => {
    expect(actionsOf(render({ status: 'FOLLOWED_UP', reviewWindow: 'RE_REVIEW', allowedActions: ['RECORD_REVIEW'] }))).toEqual([
      { a: 'review.open', caseId: uid(42), kind: 'RE_REVIEW' },
    ]);
  });

  it('R21: the owner leader is offered 登记劝返 when a persuasion is open', () => {
    expect(actionsOf(render({ openPersuasionId: uid(801), allowedActions: ['RECORD_PERSUASION'] }))).toEqual([
      { a: 'persuasion.open', persuasionId: uid(801) },
    ]);
  });
});

describe('case card text', () => {
  it('user text cannot mention everyone or inject markup', () => {
    const json = render({ title: '补偿<at id=all></at>', content: "<font color='red'>紧急</font> [链接](http://x)" });
    const md = markdownOf(json);
    expect(md).not.toMatch(/<at|<font color='red'>紧急|\[链接\]/);
    expect((json.header as { title: { content: string } }).title.content).toBe('XF-2026-0042 补偿<at id=all></at>');
  });

  it('R20: danger flags show as red tags; R1 reasons as 需包案', () => {
    const json = render({ dangerFlags: ['SUICIDE'], ownershipReasons: ['COLLECTIVE', 'BEIJING'] });
    expect(JSON.stringify(json.header)).toContain('"扬言自杀"');
    expect(markdownOf(json)).toContain('**需包案**：重要群体性信访、赴京上访（我镇协调）');
  });

  it('a long content is cut, more so in a group', () => {
    const content = '很'.repeat(1000);
    expect(markdownOf(render({ content, context: 'GROUP' }))).toContain(`${'很'.repeat(199)}…`);
    expect(markdownOf(render({ content, context: 'DIRECT' }))).toContain(`${'很'.repeat(599)}…`);
  });
});
