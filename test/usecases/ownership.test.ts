import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approveOwnership, returnProposal } from '../../src/usecases/ownership/decide-ownership.js';
import { proposeOwnership, proposeTransfer } from '../../src/usecases/ownership/propose-ownership.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { collectiveCase, ownedCase, ownershipTerms } from '../support/flows.js';
import { buildTownship, type Township } from '../support/township.js';

describe.each(['postgres', 'embedded'] as const)('ownership: proposal, approval, transfer (R2–R4) on %s', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());
  beforeEach(() => town.clock.set('2026-11-02T09:00:00+08:00'));

  const snapshot = async () => {
    const p = t.db.prisma;
    return { proposals: await p.ownershipProposal.count(), ownerships: await p.caseOwnership.count(), audit: await p.auditLog.count(), cases: await p.case.findMany({ select: { id: true, status: true, ownerLeaderId: true }, orderBy: { id: 'asc' } }) };
  };

  it('R2: all five ownership fields are required, and a missing one changes nothing', async () => {
    const c = await collectiveCase(town);
    const before = await snapshot();
    for (const missing of ['leaderId', 'unitId', 'responsiblePersonId', 'requirements', 'deadline', 'reportingCadence']) {
      const terms: Record<string, unknown> = ownershipTerms(town, c.id);
      delete terms[missing];
      await expect(proposeOwnership(town.deps, town.actor(town.people.office), terms)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('R2: the owner must be a town leader, the people must exist, the deadline must be in the future and within the statute', async () => {
    const c = await collectiveCase(town);
    const office = town.actor(town.people.office);
    const before = await snapshot();
    await expect(proposeOwnership(town.deps, office, ownershipTerms(town, c.id, { leaderId: town.people.cadre.id }))).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('不是镇级领导') });
    await expect(proposeOwnership(town.deps, office, ownershipTerms(town, c.id, { responsiblePersonId: '00000000-0000-4000-8000-000000000001' }))).rejects.toMatchObject({ code: 'UNKNOWN_PERSON' });
    await expect(proposeOwnership(town.deps, office, ownershipTerms(town, c.id, { deadline: '2026-10-30' }))).rejects.toMatchObject({ code: 'DEADLINE_IN_PAST' });
    await expect(proposeOwnership(town.deps, office, ownershipTerms(town, c.id, { deadline: '2027-03-01' }))).rejects.toMatchObject({ code: 'DEADLINE_BEYOND_LIMIT' });
    await expect(proposeOwnership(town.deps, office, ownershipTerms(town, c.id, { deadline: '2026-13-01' }))).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await snapshot()).toEqual(before);
  });

  it('R4: only the leading group proposes; the case then awaits the standing committee, whose approvers are told', async () => {
    const c = await collectiveCase(town);
    await expect(proposeOwnership(town.deps, town.actor(town.people.deputy), ownershipTerms(town, c.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { proposal, notifications } = await proposeOwnership(town.deps, town.actor(town.people.office), ownershipTerms(town, c.id));
    expect(proposal.status).toBe('PENDING');
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('AWAITING_APPROVAL');
    expect(notifications[0]!.kind).toBe('OWNERSHIP_APPROVAL_REQUESTED');
    expect(notifications[0]!.recipientIds.sort()).toEqual([town.people.approver.id, town.people.secretary.id].sort());
    await expect(proposeOwnership(town.deps, town.actor(town.people.office), ownershipTerms(town, c.id))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('R4/R8: approval activates ownership, uses the approved deadline and notifies owner, responsible person and unit head', async () => {
    const c = await collectiveCase(town);
    const { proposal } = await proposeOwnership(town.deps, town.actor(town.people.office), ownershipTerms(town, c.id, { deadline: '2026-11-20' }));
    await expect(approveOwnership(town.deps, town.actor(town.people.office), { proposalId: proposal.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { case: owned, notifications } = await approveOwnership(town.deps, town.actor(town.people.approver), { proposalId: proposal.id });
    expect(owned).toMatchObject({ status: 'IN_PROGRESS', ownerLeaderId: town.people.deputy.id, responsiblePersonId: town.people.cadre.id, unitId: town.units.justice, dueOn: '2026-11-20', dueRule: 'R8_OWNERSHIP', assignedById: town.people.office.id });
    expect(notifications[0]!.recipientIds.sort()).toEqual([town.people.deputy.id, town.people.cadre.id, town.people.unitHead.id].sort());
    const active = await t.db.prisma.caseOwnership.findMany({ where: { caseId: c.id, endedAt: null } });
    expect(active).toHaveLength(1);
  });

  it('R4: a returned proposal goes back to the proposer with the reason, and can be proposed again', async () => {
    const c = await collectiveCase(town);
    const office = town.actor(town.people.office);
    const { proposal } = await proposeOwnership(town.deps, office, ownershipTerms(town, c.id));
    await expect(returnProposal(town.deps, town.actor(town.people.approver), { proposalId: proposal.id, reason: ' ' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const { case: returned, notifications } = await returnProposal(town.deps, town.actor(town.people.approver), { proposalId: proposal.id, reason: '责任单位应为派出所' });
    expect(returned.status).toBe('RETURNED');
    expect(notifications[0]).toMatchObject({ kind: 'PROPOSAL_RETURNED', recipientIds: [town.people.office.id], body: expect.stringContaining('派出所') });
    await expect(approveOwnership(town.deps, town.actor(town.people.approver), { proposalId: proposal.id })).rejects.toMatchObject({ code: 'ALREADY_DONE' });
    const again = await proposeOwnership(town.deps, office, ownershipTerms(town, c.id, { unitId: town.units.police, responsiblePersonId: town.people.cadre2.id }));
    expect(again.proposal.status).toBe('PENDING');
  });

  it('R4: two approvals of the same proposal at once produce one active ownership', async () => {
    const c = await collectiveCase(town);
    const { proposal } = await proposeOwnership(town.deps, town.actor(town.people.office), ownershipTerms(town, c.id));
    const results = await Promise.allSettled([
      approveOwnership(town.deps, town.actor(town.people.approver), { proposalId: proposal.id }),
      approveOwnership(town.deps, town.actor(town.people.secretary), { proposalId: proposal.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'ALREADY_DONE' } });
    expect(await t.db.prisma.caseOwnership.count({ where: { caseId: c.id } })).toBe(1);
  });

  it('R3: a change of owner is a transfer approved like R4; until then the owner stays, afterwards exactly one ownership is active', async () => {
    const c = await ownedCase(town);
    await expect(proposeTransfer(town.deps, town.actor(town.people.cadre), { ...ownershipTerms(town, c.id, { leaderId: town.people.deputy2.id }), reason: '工作调整' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { proposal } = await proposeTransfer(town.deps, town.actor(town.people.deputy), { ...ownershipTerms(town, c.id, { leaderId: town.people.deputy2.id }), reason: '工作调整' });
    expect((await t.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).ownerLeaderId).toBe(town.people.deputy.id);
    const { case: moved, notifications } = await approveOwnership(town.deps, town.actor(town.people.approver), { proposalId: proposal.id });
    expect(moved).toMatchObject({ status: 'IN_PROGRESS', ownerLeaderId: town.people.deputy2.id });
    expect(notifications[0]!.recipientIds).toContain(town.people.deputy.id);
    const ownerships = await t.db.prisma.caseOwnership.findMany({ where: { caseId: c.id }, orderBy: { activeFrom: 'asc' } });
    expect(ownerships.map((o) => [o.leaderId, o.endReason])).toEqual([[town.people.deputy.id, 'TRANSFERRED'], [town.people.deputy2.id, null]]);
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({ where: { caseId: c.id, action: 'ownership.transfer' } });
    expect(JSON.parse(audit.before!)).toMatchObject({ leaderId: town.people.deputy.id });
  });

  it('R3: an owned case cannot get a second initial proposal: it must go through transfer', async () => {
    const c = await ownedCase(town);
    await expect(proposeOwnership(town.deps, town.actor(town.people.office), ownershipTerms(town, c.id))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('移交') });
  });
});
