import { Queue, type ConnectionOptions } from 'bullmq';

/** All keys share one hash tag, so the queues work on Redis Cluster. */
export const DEFAULT_QUEUE_PREFIX = '{xinfang}';

export const DUTIES_QUEUE = 'duties';
export const DELIVERIES_QUEUE = 'deliveries';

export interface DeadlineJobData {
  type: 'deadline';
  caseId: string;
  /** When the job is due by the application's clock (BullMQ's delay follows the system clock). */
  dueAt: string;
}

export interface AlertJobData {
  type: 'alert';
  alertId: string;
  dueAt: string;
}

export interface ApprovalJobData {
  type: 'approval';
  proposalId: string;
  dueAt: string;
}

/** The periodic duties (system jobs, R2/R12–R17/R26/R27 reminders, weekly summary): no due time of its own when the job scheduler made it. */
export interface SweepJobData {
  type: 'sweep';
  dueAt?: string;
}

export type DutyJobData = DeadlineJobData | AlertJobData | ApprovalJobData | SweepJobData;

/** The BullMQ job scheduler that starts the periodic sweep. */
export const PERIODIC_SCHEDULER_ID = 'periodic-duties';

export interface DeliveryJobData {
  pushId: string;
  dueAt: string;
}

export interface SchedulerQueues {
  duties: Queue<DutyJobData>;
  deliveries: Queue<DeliveryJobData>;
  close(): Promise<void>;
}

export function openQueues(connection: ConnectionOptions, prefix = DEFAULT_QUEUE_PREFIX): SchedulerQueues {
  const duties = new Queue<DutyJobData>(DUTIES_QUEUE, { connection, prefix });
  const deliveries = new Queue<DeliveryJobData>(DELIVERIES_QUEUE, { connection, prefix });
  return {
    duties,
    deliveries,
    async close() {
      await duties.close();
      await deliveries.close();
    },
  };
}

/** BullMQ forbids ':' in custom job ids; ours are made of ids, dates and stage names. */
export function deadlineJobId(caseId: string, on: string, stage: string): string {
  return `deadline-${caseId}-${on}-${stage}`;
}

export function alertJobId(alertId: string, at: Date): string {
  return `alert-${alertId}-${at.getTime()}`;
}

export function approvalJobId(proposalId: string, on: string): string {
  return `approval-${proposalId}-${on}`;
}

/** The reconciler's catch-up sweep: one per hour at most, whoever adds it. */
export function sweepJobId(hour: string): string {
  return `sweep-${hour}`;
}
