import type { Actor, CaseRecord, Channel, Person } from '../../src/domain/model.js';
import { addPetitioner } from '../../src/usecases/cases/add-petitioner.js';
import { addProgress } from '../../src/usecases/cases/add-progress.js';
import { archiveCase } from '../../src/usecases/cases/archive-case.js';
import { correctRegistration } from '../../src/usecases/cases/correct-registration.js';
import { decideExtension } from '../../src/usecases/cases/decide-extension.js';
import { markOverdueCases } from '../../src/usecases/cases/mark-overdue-cases.js';
import { reportUp } from '../../src/usecases/cases/report-up.js';
import { requestExtension } from '../../src/usecases/cases/request-extension.js';
import { resolveCase } from '../../src/usecases/cases/resolve-case.js';
import { convertSentimentToCase } from '../../src/usecases/duties/convert-sentiment-to-case.js';
import { logVisit } from '../../src/usecases/duties/log-visit.js';
import { recordMeeting } from '../../src/usecases/duties/record-meeting.js';
import { reportSentiment } from '../../src/usecases/duties/report-sentiment.js';
import { submitStatement } from '../../src/usecases/duties/submit-statement.js';
import { acknowledgeAlert } from '../../src/usecases/escalation/acknowledge-alert.js';
import { recordPersuasion } from '../../src/usecases/escalation/record-persuasion.js';
import { reportAbnormalPetition } from '../../src/usecases/escalation/report-abnormal-petition.js';
import { recordFollowUp } from '../../src/usecases/follow-up/record-follow-up.js';
import { approveOwnership, returnProposal } from '../../src/usecases/ownership/decide-ownership.js';
import { proposeOwnership, proposeTransfer } from '../../src/usecases/ownership/propose-ownership.js';
import { answerReReview } from '../../src/usecases/review/answer-re-review.js';
import { answerReview } from '../../src/usecases/review/answer-review.js';
import { classifyCase } from '../../src/usecases/review/classify-case.js';
import { issueOpinion } from '../../src/usecases/review/issue-opinion.js';
import { requestReReview } from '../../src/usecases/review/request-re-review.js';
import { requestReview } from '../../src/usecases/review/request-review.js';
import { ownershipTerms } from './flows.js';
import type { Township } from './township.js';

/** The petitioner of the story, planted in every free text of it (R24: a reader without full view sees none of it). */
export const STORY_PETITIONER = { name: '郑俊杰', phone: '13912345678', idNumber: '110101199003074514', address: '青山村三组12号' } as const;
export const STORY_TRACES = Object.values(STORY_PETITIONER);

const P = STORY_PETITIONER;

/**
 * A case with every kind of fact, each on a day of its own, through every door (飞书, 钉钉, 沙盒,
 * 工作台, the system): a 民情 report turned into a case, completed and corrected, classified,
 * proposed, returned, proposed again and approved, progress of every 三包一保 tag, an extension,
 * a transfer, a meeting and a village visit, overdue, an abnormal petition with its alert,
 * acknowledgement, persuasion and self-criticism, resolution, report-up, opinion, 复查 and 复核,
 * follow-up and archive.
 */
export async function caseWithEveryFact(town: Township): Promise<CaseRecord> {
  const p = town.people;
  const via = (person: Person, channel: Channel): Actor => ({ person, channel });
  const office = via(p.office, 'CONSOLE');
  const at = (iso: string) => town.clock.set(`${iso}+08:00`);

  at('2026-11-02T09:00:00');
  const { report } = await reportSentiment(town.deps, via(p.collector, 'LARK'), { villageId: town.villages.a, content: `三组${P.name}等12户反映灌溉渠堵塞，联系电话${P.phone}。` });
  at('2026-11-02T09:30:00');
  const { case: c } = await convertSentimentToCase(town.deps, via(p.office, 'LARK'), { reportId: report.id, headcount: 12, title: '三组灌溉渠堵塞' });
  at('2026-11-02T10:00:00');
  await addPetitioner(town.deps, office, { caseId: c.id, ...P, reason: '电话联系信访人核实' });
  at('2026-11-02T10:30:00');
  await correctRegistration(town.deps, office, { caseId: c.id, title: `三组灌溉渠堵塞（${P.name}等反映）`, content: c.content, source: c.source, category: '农田水利', complexity: 'COMPLEX', villageId: c.villageId, headcount: 12, reason: '核实后补充类别' });
  at('2026-11-02T11:00:00');
  await classifyCase(town.deps, office, { caseId: c.id, classification: 'CLAIM' });

  at('2026-11-03T09:00:00');
  const first = await proposeOwnership(town.deps, office, ownershipTerms(town, c.id, { requirements: `走访${P.name}，两周内疏通`, deadline: '2026-11-20' }));
  at('2026-11-03T15:00:00');
  await returnProposal(town.deps, via(p.approver, 'DINGTALK'), { proposalId: first.proposal.id, reason: '办结时限过短，请按疑难复杂事项安排' });
  at('2026-11-04T09:00:00');
  const second = await proposeOwnership(town.deps, office, ownershipTerms(town, c.id, { requirements: `走访${P.name}，一个月内疏通并建长效管护`, deadline: '2026-12-01' }));
  at('2026-11-04T16:00:00');
  await approveOwnership(town.deps, via(p.approver, 'DINGTALK'), { proposalId: second.proposal.id, comment: '同意' });

  const cadre = via(p.cadre, 'LARK');
  at('2026-11-05T10:00:00');
  await addProgress(town.deps, cadre, { caseId: c.id, tag: 'OWNING', content: `孙副镇长召集专题会，${P.name}参加` });
  at('2026-11-06T10:00:00');
  await addProgress(town.deps, cadre, { caseId: c.id, tag: 'INVESTIGATION', content: `现场查看渠道，${P.name}（${P.phone}）指认堵点` });
  at('2026-11-09T10:00:00');
  const { extension } = await requestExtension(town.deps, cadre, { caseId: c.id, reason: `需等水利站测量，已告知${P.name}`, requestedDueOn: '2026-12-10' });
  at('2026-11-09T15:00:00');
  await decideExtension(town.deps, office, { extensionId: extension.id, approve: true, reason: '同意延期，已电话告知信访人' });
  at('2026-11-10T10:00:00');
  await recordMeeting(town.deps, office, {
    date: '2026-11-10', topic: '研究重大疑难信访案件', decisions: '水利站牵头疏通', attendees: ['赵书记', '钱镇长', '王丽华'],
    cases: [{ caseId: c.id, decision: `由水利站牵头，11月底前答复${P.name}` }],
  });
  at('2026-11-11T16:00:00');
  await logVisit(town.deps, via(p.deputy, 'SANDBOX'), { villageId: town.villages.a, date: '2026-11-11', peopleMet: `${P.name}等村民`, note: '查看渠道', caseIds: [c.id] });
  at('2026-11-12T09:00:00');
  const transfer = await proposeTransfer(town.deps, office, { ...ownershipTerms(town, c.id, { leaderId: p.deputy2.id, requirements: '继续督促疏通', deadline: '2026-12-10' }), reason: '孙副镇长分工调整' });
  at('2026-11-12T15:00:00');
  await approveOwnership(town.deps, via(p.approver, 'DINGTALK'), { proposalId: transfer.proposal.id });

  at('2026-12-11T02:00:00');
  await markOverdueCases(town.deps);
  at('2026-12-12T09:00:00');
  const abnormal = await reportAbnormalPetition(town.deps, office, { caseId: c.id, destination: 'BEIJING', occurredOn: '2026-12-11', detail: `${P.name}赴京，电话${P.phone}` });
  at('2026-12-12T09:20:00');
  await acknowledgeAlert(town.deps, via(p.deputy2, 'LARK'), { alertId: abnormal.alert.id, stage: 'RECEIVED' });
  at('2026-12-13T10:00:00');
  await recordPersuasion(town.deps, via(p.deputy2, 'LARK'), { persuasionId: abnormal.persuasion.id, who: '周副书记、吴志强', doneAt: new Date('2026-12-13T08:00:00+08:00'), outcome: 'RETURNED', note: `${P.name}已随同返回` });
  at('2026-12-14T10:00:00');
  await submitStatement(town.deps, via(p.deputy2, 'LARK'), { statementId: abnormal.selfCriticism!.id, content: `对${P.name}诉求跟进不力，导致逾期，深刻检查。` });

  at('2026-12-15T10:00:00');
  await addProgress(town.deps, cadre, { caseId: c.id, tag: 'IMPLEMENTATION', content: '渠道已疏通' });
  await addProgress(town.deps, cadre, { caseId: c.id, tag: 'STABILITY', content: `${P.name}情绪稳定`, stability: 'STABLE' });
  at('2026-12-15T16:00:00');
  await resolveCase(town.deps, via(p.deputy2, 'LARK'), { caseId: c.id, resolution: `渠道已疏通，${P.name}表示认可` });
  at('2026-12-16T09:00:00');
  await reportUp(town.deps, office, { caseId: c.id });
  at('2026-12-16T10:00:00');
  await issueOpinion(town.deps, office, { caseId: c.id, summary: `支持${P.name}疏通渠道的诉求` });
  at('2026-12-17T10:00:00');
  await requestReview(town.deps, office, { caseId: c.id, note: `${P.name}对补偿不服` });
  at('2026-12-20T10:00:00');
  await answerReview(town.deps, office, { caseId: c.id, answer: '维持原处理意见' });
  at('2026-12-21T10:00:00');
  await requestReReview(town.deps, office, { caseId: c.id });
  at('2026-12-23T10:00:00');
  await answerReReview(town.deps, office, { caseId: c.id, answer: '复核维持' });
  at('2026-12-24T10:00:00');
  await recordFollowUp(town.deps, office, { caseId: c.id, officeRating: 'SATISFIED', unitRating: 'BASICALLY_SATISFIED', note: `${P.name}表示基本满意，希望加强管护` });
  at('2026-12-25T10:00:00');
  // R26: after the 复核 answer nothing is left to ask for: archived without a question.
  const archived = await archiveCase(town.deps, office, { caseId: c.id });
  if (!archived.archived) throw new Error(`not archived: ${archived.question.question}`);
  return c;
}
