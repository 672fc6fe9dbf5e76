/** A row of the audit log as anchors record it (R25): enough to find it again and see it unchanged. */
export interface AuditHead {
  seq: number;
  hash: string;
  /** null on rows from before the log was signed. */
  mac: string | null;
  keyId: string | null;
}

/** The head of the audit log at a moment, kept outside the database. */
export interface AuditAnchor extends AuditHead {
  anchoredAt: Date;
}

/** An append-only record of anchors outside the database (a file): truncating the log's tail then shows. */
export interface AuditAnchorLog {
  /** The newest anchor, or null before the first. */
  last(): Promise<AuditAnchor | null>;
  append(anchor: AuditAnchor): Promise<void>;
}
