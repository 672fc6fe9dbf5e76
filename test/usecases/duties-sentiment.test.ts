import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSentiment } from '../../src/usecases/duties/report-sentiment.js';
import { convertSentimentToCase } from '../../src/usecases/duties/convert-sentiment-to-case.js';
import { dutiesOverview } from '../../src/usecases/duties/duties-overview.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { dutyCounts } from '../support/duties.js';
import { buildTownship, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('R16 sentiment collection on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());

  it('R16: a village collector reports; the area leader and the office are told at once (URGENT)', async () => {
    const { report, notifications } = await reportSentiment(town.deps, town.actor(town.people.collector), {
      villageId: town.villages.a, content: '三组村民因灌溉用水发生争执，情绪激动，有聚集苗头。',
    });
    expect(report).toMatchObject({ villageId: town.villages.a, reporterId: town.people.collector.id, caseId: null });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ kind: 'SENTIMENT_REPORT', urgency: 'URGENT' });
    expect(notifications[0]!.recipientIds.sort()).toEqual([town.people.areaLeader.id, town.people.office.id].sort());
    expect(await t.db.prisma.auditLog.count({ where: { entityType: 'SentimentReport', entityId: report.id } })).toBe(1);
  });

  it('R16: village cadres and the village-stationed cadre of the village may report too', async () => {
    await reportSentiment(town.deps, town.actor(town.people.villageCadre), { villageId: town.villages.a, content: '有村民反映低保评定不公。' });
    await reportSentiment(town.deps, town.actor(town.people.stationed), { villageId: town.villages.a, content: '修路占地补偿有意见。' });
  });

  it.each([
    ['a cadre of a department', 'cadre', 'a', 'FORBIDDEN'],
    ['a collector for a village not theirs', 'collector', 'b', 'FORBIDDEN'],
    ['an unknown village', 'collector', 'unknown', 'NOT_FOUND'],
  ] as const)('R16: a report by %s is refused and nothing is written', async (_label, who, village, code) => {
    const before = await dutyCounts(t);
    const villageId = village === 'unknown' ? '00000000-0000-4000-8000-000000000000' : town.villages[village];
    await expect(reportSentiment(town.deps, town.actor(town.people[who]), { villageId, content: '情况' })).rejects.toMatchObject({ code });
    expect(await dutyCounts(t)).toEqual(before);
  });

  it('R16: an empty report is refused with a Chinese message', async () => {
    const before = await dutyCounts(t);
    await expect(reportSentiment(town.deps, town.actor(town.people.collector), { villageId: town.villages.a, content: ' ' }))
      .rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('内容') });
    expect(await dutyCounts(t)).toEqual(before);
  });

  it('R16: the office turns a report into a case in one action (source 民情采集), once', async () => {
    const report = (await t.db.prisma.sentimentReport.findFirst({ where: { reporterId: town.people.collector.id } }))!;
    const { case: c, report: linked } = await convertSentimentToCase(town.deps, town.actor(town.people.office), { reportId: report.id });
    expect(c).toMatchObject({ source: 'SENTIMENT', villageId: town.villages.a, content: report.content });
    expect(c.title.startsWith('青山村民情：')).toBe(true);
    expect(linked.caseId).toBe(c.id);
    expect((await t.db.prisma.sentimentReport.findUnique({ where: { id: report.id } }))!.caseId).toBe(c.id);
    // The report names nobody: the case awaits its petitioners, for the office to complete (R16).
    expect(c.petitionersPending).toBe(true);
    expect(await t.db.prisma.petitioner.count({ where: { caseId: c.id } })).toBe(0);
    const before = await dutyCounts(t);
    await expect(convertSentimentToCase(town.deps, town.actor(town.people.office), { reportId: report.id }))
      .rejects.toMatchObject({ code: 'ALREADY_DONE' });
    expect(await dutyCounts(t)).toEqual(before);
  });

  it('R16: two concurrent conversions of one report make one case', async () => {
    const report = (await t.db.prisma.sentimentReport.findFirst({ where: { reporterId: town.people.villageCadre.id } }))!;
    const casesBefore = await t.db.prisma.case.count();
    const results = await Promise.allSettled([
      convertSentimentToCase(town.deps, town.actor(town.people.office), { reportId: report.id, title: '低保评定' }),
      convertSentimentToCase(town.deps, town.actor(town.people.office), { reportId: report.id, title: '低保评定' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'ALREADY_DONE' } });
    expect(await t.db.prisma.case.count()).toBe(casesBefore + 1);
  });

  it('R16: only the office converts; a bad petitioner leaves no case and no link', async () => {
    const report = (await t.db.prisma.sentimentReport.findFirst({ where: { reporterId: town.people.stationed.id } }))!;
    const before = await dutyCounts(t);
    await expect(convertSentimentToCase(town.deps, town.actor(town.people.areaLeader), { reportId: report.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(convertSentimentToCase(town.deps, town.actor(town.people.office), { reportId: report.id, petitioners: [{ name: '李四', idNumber: '110101199003074515' }] }))
      .rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(convertSentimentToCase(town.deps, town.actor(town.people.office), { reportId: '00000000-0000-4000-8000-000000000000' }))
      .rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await dutyCounts(t)).toEqual(before);
  });

  it('R16: reports not yet converted are on the office\'s to-do list', async () => {
    const o = await dutiesOverview(town.deps, { month: '2026-11' });
    expect(o.sentiments.map((s) => s.reporterId)).toEqual([town.people.stationed.id]);
    expect(o.pending.filter((p) => p.rule === 'R16').map((p) => p.personIds)).toEqual([[town.people.office.id]]);
  });
});
