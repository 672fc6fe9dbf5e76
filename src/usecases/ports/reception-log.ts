// Storage of how a reception day went (R14), beside the schedule in ports/duties.ts.

export interface ReceptionDayLog {
  visitors: number;
  summary: string;
  note: string | null;
  loggedById: string;
  loggedAt: Date;
}

export interface ReceptionLogRepo {
  /** The day's log, or null when none has been logged (or the day does not exist). */
  get(receptionDayId: string): Promise<ReceptionDayLog | null>;
  /** Stores the log once; false when the day was logged already (also under concurrency). */
  record(receptionDayId: string, log: ReceptionDayLog): Promise<boolean>;
}
