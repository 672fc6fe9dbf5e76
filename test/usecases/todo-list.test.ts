import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseScope } from '../../src/domain/privacy/case-scope.js';
import type { Person } from '../../src/domain/model.js';
import { assignCase } from '../../src/usecases/cases/assign-case.js';
import { todoList } from '../../src/usecases/duties/todo-list.js';
import { requestExtension } from '../../src/usecases/cases/request-extension.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

// The 待办 read (todoList) on both databases: the facts of every case shape come out of SQL as the
// domain needs them, scoped to the viewer and the chat (R24).

describe.each(['postgres', 'embedded'] as const)('待办 read on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db, '2026-11-02T09:00:00+08:00');
    const office = town.actor(town.people.office);
    ids.unrouted = (await intakeCase(town.deps, office, intakeForm({ title: '来信未交办', source: 'LETTER', receivedAt: '2026-10-12T10:00:00+08:00' }))).case.id;
    ids.awaiting = (await intakeCase(town.deps, office, intakeForm({ title: '集体访待包案', headcount: 9 }))).case.id;
    ids.assigned = (await intakeCase(town.deps, office, intakeForm({ title: '已交办案件', source: 'PHONE' }))).case.id;
    await assignCase(town.deps, office, { caseId: ids.assigned, unitId: town.units.justice, responsiblePersonId: town.people.cadre.id });
    await requestExtension(town.deps, town.actor(town.people.cadre), { caseId: ids.assigned, reason: '需要鉴定', requestedDueOn: '2027-01-20' });
    ids.accusation = (await intakeCase(town.deps, office, intakeForm({ title: '举报案件', source: 'LETTER', classification: 'ACCUSATION', accusedPersonId: town.people.deputy.id }))).case.id;
  });
  afterAll(() => t.drop());

  const list = async (p: Person, channel: 'GROUP_CHAT' | 'DIRECT_CHAT' = 'DIRECT_CHAT') =>
    (await todoList(town.deps, town.actor(p), { scope: caseScope(p, channel) })).entries.filter((e) => e.caseId).map((e) => [e.kind, e.case!.title, e.personName]);

  it('R5/R9/R1/R10: the office\'s case items, with the requester named; the R9 routing limit passed first', async () => {
    expect(await list(town.people.office)).toEqual([
      ['ROUTE', '来信未交办', null], // due 2026-10-27, overdue
      ['ROUTE', '举报案件', null], // due 2026-11-17
      ['PROPOSE_OWNER', '集体访待包案', null], // due 2026-11-17
      ['DECIDE_EXTENSION', '已交办案件', '吴志强'], // before the case's own deadline, 2027-01-01
    ]);
  });

  it('R24: in a group the office\'s list holds no accusation; the accused has nothing of it anywhere', async () => {
    expect((await list(town.people.office, 'GROUP_CHAT')).map((r) => r[1])).not.toContain('举报案件');
    expect((await list(town.people.deputy)).map((r) => r[1])).not.toContain('举报案件');
  });

  it('R7: the cadre handles the case handed to them; a cadre of another unit has nothing', async () => {
    expect(await list(town.people.cadre)).toEqual([['HANDLE', '已交办案件', null]]);
    expect(await list(town.people.cadre2)).toEqual([]);
  });
});
