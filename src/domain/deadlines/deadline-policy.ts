import { z } from 'zod';
import { labelledEnum } from '../../lib/choice-labels.js';

const COUNTINGS = ['CIVIL_CODE', 'INCLUSIVE'] as const;

/** How a limit in days is counted, as the settings page offers it. */
export const COUNTING_LABELS: Record<(typeof COUNTINGS)[number], string> = {
  CIVIL_CODE: '民法典：起算日不计入，期限末日遇休息日顺延至下一个工作日',
  INCLUSIVE: '起算日计为第1天',
};

/**
 * R7–R10, R26, R27 limits. Provinces differ (Zhejiang uses other limits), so every number and
 * the counting rule are configuration; the defaults are the plan's and the 2022 条例's.
 */
export const deadlinePolicySchema = z.object({
  /** CIVIL_CODE: 民法典 Arts 201–203 — the start day is not counted, a period ending on a rest day ends on the next working day. INCLUSIVE: the start day counts as day 1. */
  counting: labelledEnum(COUNTINGS, COUNTING_LABELS).default('CIVIL_CODE'),
  generalWorkingDays: z.number().int().min(1).max(90).default(15),
  complexMonths: z.number().int().min(1).max(12).default(2),
  registerDays: z.number().int().min(1).max(90).default(15),
  acceptanceDays: z.number().int().min(1).max(90).default(15),
  objectionWorkingDays: z.number().int().min(1).max(30).default(5),
  handlingDays: z.number().int().min(1).max(365).default(60),
  maxExtensionDays: z.number().int().min(0).max(365).default(30),
  reviewRequestDays: z.number().int().min(1).max(365).default(30),
  reviewAnswerDays: z.number().int().min(1).max(365).default(30),
  followUpWindowDays: z.number().int().min(1).max(365).default(30),
});

/** Where the policy is stored among the run-time settings. */
export const DEADLINE_POLICY_KEY = 'deadlinePolicy';

export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = deadlinePolicySchema.parse({});
