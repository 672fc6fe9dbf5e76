import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { collectAssessmentEntries } from '../../src/usecases/assessment/collect-assessment-entries.js';
import { getAssessmentSheet } from '../../src/usecases/assessment/get-assessment-sheet.js';
import { recordFollowUp } from '../../src/usecases/follow-up/record-follow-up.js';
import { recordHigherLevelVisit } from '../../src/usecases/assessment/record-higher-level-visit.js';
import { updateAssessmentRule } from '../../src/usecases/assessment/update-assessment-rule.js';
import { expectRefusedUnchanged } from '../support/refusal.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { resolvedCase } from '../support/resolved-case.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

const d = (s: string) => new Date(`${s}T00:00:00Z`);

async function snapshot(t: TestDatabase) {
  const p = t.db.prisma;
  return {
    audit: await p.auditLog.count(),
    entries: await p.assessmentEntry.findMany({ orderBy: { sourceKey: 'asc' } }),
    rules: await p.assessmentRule.findMany({ orderBy: { code: 'asc' } }),
  };
}

const expectRefused = (t: TestDatabase, run: () => Promise<unknown>, code: string, message: RegExp) =>
  expectRefusedUnchanged(() => snapshot(t), run, code, message);

describe.each(['postgres', 'embedded'] as const)('R23 rules and higher-level visits on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, '2026-11-02T09:00:00+08:00');
  });
  afterAll(() => t.drop());
  const office = () => town.actor(town.people.office);

  it('R23: the office records a visit to Beijing with its evidence; recording it again changes nothing', async () => {
    const form = { unitId: town.units.villageA, level: 'BEIJING', date: '2026-10-01', evidence: '村民李某赴京到国家信访局上访（县联席办通报第12期）' };
    const first = await recordHigherLevelVisit(town.deps, office(), form);
    expect(first.created).toBe(true);
    expect(first.entries).toEqual([
      expect.objectContaining({ ruleCode: 'VISIT_BEIJING', points: -5, unqualified: false, occurredOn: '2026-10-01', evidence: expect.stringContaining('县联席办通报第12期') }),
    ]);
    expect(await t.db.prisma.auditLog.count({ where: { action: 'assessment.entry.create' } })).toBe(1);
    const before = await snapshot(t);
    const again = await recordHigherLevelVisit(town.deps, office(), form);
    expect(again.created).toBe(false);
    expect(again.entries.map((e) => e.id)).toEqual(first.entries.map((e) => e.id));
    expect(await snapshot(t)).toEqual(before);
  });

  it('R23: a collective visit counts double; poor work behind a collective visit adds 不合格', async () => {
    const { case: c } = await intakeCase(town.deps, office(), intakeForm({ headcount: 12 }));
    const { entries } = await recordHigherLevelVisit(town.deps, office(), {
      unitId: town.units.justice, level: 'CITY', collective: true, date: '2026-10-20', caseId: c.id, poorWork: true, evidence: '12人到州信访局集体上访',
    });
    expect(entries.map((e) => [e.ruleCode, e.points, e.unqualified, e.caseNumber])).toEqual([
      ['VISIT_CITY_COLLECTIVE', -2, false, c.number],
      ['ESCALATION', 0, true, c.number],
    ]);
  });

  it('R23: visit refusals — not the office, a future date, poor work on a single county visit, bad level, unknown unit — change nothing', async () => {
    const form = { unitId: town.units.police, level: 'COUNTY', date: '2026-10-01', evidence: '到县上访' };
    await expectRefused(t, () => recordHigherLevelVisit(town.deps, town.actor(town.people.deputy), form), 'FORBIDDEN', /信访办/);
    await expectRefused(t, () => recordHigherLevelVisit(town.deps, office(), { ...form, date: '2026-11-03' }), 'VALIDATION', /上访日期不能晚于今天/);
    await expectRefused(t, () => recordHigherLevelVisit(town.deps, office(), { ...form, poorWork: true }), 'VALIDATION', /才评为不合格/);
    await expectRefused(t, () => recordHigherLevelVisit(town.deps, office(), { ...form, level: 'TOWN' }), 'VALIDATION', /上访去向/);
    await expectRefused(t, () => recordHigherLevelVisit(town.deps, office(), { ...form, evidence: '' }), 'VALIDATION', /依据/);
    await expectRefused(t, () => recordHigherLevelVisit(town.deps, office(), { ...form, unitId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND', /责任单位不存在/);
  });

  it('R23: default rules exist; the office edits one, audited; the sheet follows the table', async () => {
    const codes = (await t.db.prisma.assessmentRule.findMany()).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['BASE_SCORE', 'VISIT_BEIJING', 'VISIT_BEIJING_COLLECTIVE', 'REPORT_LATE', 'SCREENING_MISSED', 'CASE_OVERDUE', 'FOLLOW_UP_UNSATISFIED', 'ESCALATION']));
    const { rule } = await updateAssessmentRule(town.deps, office(), { code: 'VISIT_BEIJING', points: -6 });
    expect(rule).toMatchObject({ code: 'VISIT_BEIJING', points: -6, active: true });
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'assessment.rule.update' } });
    expect([JSON.parse(audit.before!).points, JSON.parse(audit.after!).points]).toEqual([-5, -6]);
    const sheet = await getAssessmentSheet(town.deps, town.actor(town.people.secretary), { year: 2026 });
    expect(sheet.rows.find((r) => r.unitId === town.units.villageA)).toMatchObject({ total: 94, rating: '合格' });
    expect(sheet.rows.find((r) => r.unitId === town.units.justice)).toMatchObject({ total: 98, rating: '不合格', awardEligible: false });
    expect(sheet.rows.map((r) => r.unitName).sort()).toEqual(['司法所', '派出所', '青山村委会'].sort());
  });

  it('R23: rule refusals — not the office, unknown rule, a positive deduction, disabling the base score — change nothing', async () => {
    await expectRefused(t, () => updateAssessmentRule(town.deps, town.actor(town.people.secretary), { code: 'VISIT_CITY', points: -2 }), 'FORBIDDEN', /信访办/);
    await expectRefused(t, () => updateAssessmentRule(town.deps, office(), { code: 'NO_SUCH', points: -2 }), 'NOT_FOUND', /考核规则「NO_SUCH」不存在/);
    await expectRefused(t, () => updateAssessmentRule(town.deps, office(), { code: 'VISIT_CITY', points: 2 }), 'VALIDATION', /扣分填负数/);
    await expectRefused(t, () => updateAssessmentRule(town.deps, office(), { code: 'BASE_SCORE', active: false }), 'VALIDATION', /基础分不能停用/);
    await expectRefused(t, () => updateAssessmentRule(town.deps, office(), { code: 'VISIT_CITY' }), 'VALIDATION', /请填写要修改的内容/);
  });

  it('R23: the sheet is for the office and the principal leaders only', async () => {
    await expect(getAssessmentSheet(town.deps, town.actor(town.people.unitHead), { year: 2026 })).rejects.toMatchObject({ code: 'FORBIDDEN', message: '考核结果仅信访办和主要领导可查看' });
    await expect(getAssessmentSheet(town.deps, office(), { year: 'last' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('考核年度') });
  });
});

describe('R23 year-end collection from stored facts on postgres', () => {
  let t: TestDatabase;
  let town: Township;
  let hekou: string;
  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-10-16T09:00:00+08:00');
    hekou = (await t.db.prisma.unit.create({ data: { name: '河口村委会', kind: 'VILLAGE_COMMITTEE', villageId: town.villages.b } })).id;
    const p = t.db.prisma;
    const { justice, police, villageA } = town.units;
    const declared = { declaredById: town.people.office.id, declaredAt: new Date('2026-06-01T09:00:00+08:00') };

    // R17: a sensitive period (police never reported, village A late, justice on time), a regular one (village A missing).
    const national = await p.screeningPeriod.create({
      data: { name: '国庆期间集中排查', kind: 'SENSITIVE', startsOn: d('2026-09-20'), endsOn: d('2026-09-28'), reportDueOn: d('2026-09-30'), ...declared },
    });
    const regular = await p.screeningPeriod.create({
      data: { name: '二季度矛盾纠纷排查', kind: 'REGULAR', startsOn: d('2026-06-01'), endsOn: d('2026-06-25'), reportDueOn: d('2026-06-30'), ...declared },
    });
    await p.screeningPeriodUnit.createMany({
      data: [
        { periodId: national.id, unitId: justice }, { periodId: national.id, unitId: police }, { periodId: national.id, unitId: villageA },
        { periodId: regular.id, unitId: villageA },
      ],
    });
    const report = (unitId: string, at: string, late: boolean) =>
      p.unitReport.create({ data: { periodId: national.id, unitId, isZero: true, submittedById: town.people.office.id, submittedAt: new Date(at), late } });
    await report(justice, '2026-09-29T10:00:00+08:00', false);
    await report(villageA, '2026-10-03T10:00:00+08:00', true);

    // R11: a police case resolved after its deadline.
    await resolvedCase(t, town, { resolvedAt: '2026-10-25T10:00:00+08:00', dueOn: '2026-10-20', unitId: police, title: '交通事故赔偿' });

    // R27: the petitioner is not satisfied with 司法所.
    const rated = await resolvedCase(t, town, { resolvedAt: '2026-10-19T10:00:00+08:00', title: '劳务费纠纷' });
    town.clock.set('2026-10-20T10:00:00+08:00');
    await recordFollowUp(town.deps, town.actor(town.people.office), { caseId: rated.id, officeRating: 'SATISFIED', unitRating: 'UNSATISFIED' });

    // R2: village A owns a case with weekly reports since 2026-10-05 and reported once (10-14).
    const { case: owned } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: '山林权属争议' }));
    await p.case.update({ where: { id: owned.id }, data: { status: 'IN_PROGRESS', unitId: villageA, dueOn: d('2026-12-31') } });
    const terms = {
      caseId: owned.id, leaderId: town.people.deputy.id, unitId: villageA, responsiblePersonId: town.people.villageCadre.id,
      requirements: '一月内化解', deadline: d('2026-12-31'), reportingCadence: 'WEEKLY' as const,
    };
    const proposal = await p.ownershipProposal.create({
      data: { ...terms, kind: 'INITIAL', status: 'APPROVED', proposedById: town.people.office.id, proposedAt: new Date('2026-10-04T09:00:00+08:00') },
    });
    await p.caseOwnership.create({ data: { ...terms, proposalId: proposal.id, activeFrom: new Date('2026-10-05T10:00:00+08:00') } });
    await p.progressEntry.create({
      data: { caseId: owned.id, authorId: town.people.villageCadre.id, tag: 'OWNING', content: '走访当事人', createdAt: new Date('2026-10-14T15:00:00+08:00') },
    });

    // R21: 河口村 — poor work led to an abnormal Beijing petition; the office also records the visit itself.
    const { case: beijing } = await intakeCase(town.deps, town.actor(town.people.office), intakeForm({ title: '拆迁补偿', beijingPetition: true }));
    await p.accountabilityFact.create({
      data: {
        sourceKey: `ABNORMAL:${beijing.id}`, kind: 'SLOW_ACTION', reason: 'ABNORMAL_PETITION_OVERDUE', unitId: hekou, caseId: beijing.id,
        detail: '信访人赴京非正常上访，案件逾期未化解', recordedAt: new Date('2026-10-28T10:00:00+08:00'),
      },
    });
    // An abnormal petition while the police case was still within its deadline: persuasion, not 不合格.
    await p.accountabilityFact.create({
      data: {
        sourceKey: `ABNORMAL:in-time:${beijing.id}`, kind: 'ESCALATION', reason: 'ABNORMAL_PETITION', unitId: police, caseId: beijing.id,
        detail: '信访人到省非正常上访（案件在办理期限内）', recordedAt: new Date('2026-10-28T10:00:00+08:00'),
      },
    });
    town.clock.set('2026-11-02T09:00:00+08:00');
    await recordHigherLevelVisit(town.deps, town.actor(town.people.office), {
      unitId: hekou, level: 'BEIJING', date: '2026-10-27', caseId: beijing.id, evidence: '信访人赴京到国家信访局上访',
    });
  });
  afterAll(() => t.drop());

  const byUnit = (rows: { unitId: string; ruleCode: string }[], unitId: string) => rows.filter((r) => r.unitId === unitId).map((r) => r.ruleCode).sort();

  it('R23: the job derives each deduction from stored facts with its evidence, and a second run records nothing new', async () => {
    const { recorded } = await collectAssessmentEntries(town.deps, 2026);
    expect(byUnit(recorded, town.units.justice)).toEqual(['FOLLOW_UP_UNSATISFIED']);
    expect(byUnit(recorded, town.units.police)).toEqual(['CASE_OVERDUE', 'SCREENING_MISSED']);
    expect(byUnit(recorded, town.units.villageA)).toEqual(['PROGRESS_REPORT_LATE', 'PROGRESS_REPORT_LATE', 'REPORT_LATE', 'REPORT_MISSING']);
    expect(byUnit(recorded, hekou)).toEqual(['ESCALATION']);
    const late = recorded.find((r) => r.ruleCode === 'REPORT_LATE')!;
    expect(late.evidence).toBe('「国庆期间集中排查」排查报告应于2026-09-30前报送，实际2026-10-03报送');
    expect(recorded.filter((r) => r.ruleCode === 'PROGRESS_REPORT_LATE').map((r) => r.occurredOn).sort()).toEqual(['2026-10-12', '2026-10-26']);
    const audit = await t.db.prisma.auditLog.findMany({ where: { action: 'assessment.entry.create', channel: 'SYSTEM' } });
    expect(audit).toHaveLength(recorded.length);

    const before = await snapshot(t);
    expect((await collectAssessmentEntries(town.deps, 2026)).recorded).toEqual([]);
    expect(await snapshot(t)).toEqual(before);
  });

  it('R23: a unit whose poor work led to an abnormal Beijing petition is rated 不合格', async () => {
    await collectAssessmentEntries(town.deps, 2026);
    const sheet = await getAssessmentSheet(town.deps, town.actor(town.people.office), { year: 2026 });
    expect(sheet.rows.map((r) => [r.rank, r.unitName, r.total, r.rating])).toEqual([
      [1, '司法所', 99.5, '合格'],
      [2, '派出所', 98, '合格'],
      [3, '青山村委会', 96, '合格'],
      [4, '河口村委会', 95, '不合格'],
    ]);
    const hk = sheet.rows.find((r) => r.unitId === hekou)!;
    expect(hk.awardEligible).toBe(false);
    expect(hk.unqualifiedReasons).toEqual([expect.stringMatching(/^因工作不力导致非正常上访（XF-2026-\d{4}）：信访人赴京非正常上访，案件逾期未化解$/)]);
    expect(hk.deductions.map((x) => [x.ruleCode, x.points, x.caseNumber !== null])).toEqual([
      ['VISIT_BEIJING', -5, true],
      ['ESCALATION', 0, true],
    ]);
  });

  it('R23: a year still to come collects nothing; a nonsense year is refused', async () => {
    expect((await collectAssessmentEntries(town.deps, 2027)).recorded).toEqual([]);
    await expect(collectAssessmentEntries(town.deps, 1.5)).rejects.toMatchObject({ code: 'VALIDATION', message: '输入有误：考核年度不正确' });
  });
});
