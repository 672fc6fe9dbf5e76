/** One finding of audit:verify: where (a row's seq, or an anchor line) and what, in Chinese and English. */
export interface AuditProblem {
  seq: string;
  problem: string;
}

/** Findings, of which the first `keep` are kept: a wrong key would otherwise list every row. */
export class AuditProblems {
  readonly list: AuditProblem[] = [];
  count = 0;
  constructor(private readonly keep = 1000) {}
  add(seq: string | bigint | number, problem: string): void {
    this.count += 1;
    if (this.list.length < this.keep) this.list.push({ seq: String(seq), problem });
  }
}
