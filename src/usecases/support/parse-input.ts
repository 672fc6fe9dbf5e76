import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';

z.config(z.locales.zhCN());

/** Field names as people know them, for error messages. */
const FIELD_LABELS: Record<string, string> = {
  title: '标题', content: '内容', source: '来源', category: '类别', complexity: '难易程度', classification: '性质分类',
  receivedAt: '收件时间', villageId: '所属村', headcount: '人数', petitioners: '信访人', name: '姓名',
  idNumber: '身份证号', phone: '电话', address: '住址', leaderId: '包案领导', unitId: '责任单位',
  responsiblePersonId: '责任人', requirements: '责任要求', deadline: '办结时限', reportingCadence: '报送方式',
  reason: '理由', tag: '进展类别', stability: '稳定评估', resolution: '办结情况', requestedDueOn: '申请延期至',
  caseId: '案件', proposalId: '包案意见', extensionId: '延期申请',
};

function describe(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `第${p + 1}项` : FIELD_LABELS[String(p)] ?? String(p)));
  return path.length ? `${path.join('·')}：${issue.message}` : issue.message;
}

/** Parses untrusted input; a failure is a VALIDATION DomainError listing every problem in Chinese. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(describe);
  throw new DomainError('VALIDATION', `输入有误：${problems.join('；')}`, {
    issues: result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code })),
  });
}
