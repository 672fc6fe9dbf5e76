import type { SqlRunner } from '../sql-runner.js';

/** A table privilege, or UPDATE of named columns only: `UPDATE ("col")`. */
type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | `UPDATE (${string})`;

// What the application does to each table (its repositories and raw SQL), and no more. A table
// the application only appends to gets no UPDATE or DELETE: its rows stay as written even if the
// application's credentials are misused. FOR UPDATE row locks need UPDATE (Case, Alert, SentimentReport).
const APPEND: readonly Privilege[] = ['SELECT', 'INSERT'];
const WRITE: readonly Privilege[] = ['SELECT', 'INSERT', 'UPDATE'];
const WRITE_DELETE: readonly Privilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

/** Per table, the privileges of the application's role; a new table must be added here (a test checks). */
export const APP_TABLE_PRIVILEGES: Readonly<Record<string, readonly Privilege[]>> = {
  AuditLog: APPEND, // R25: the log is only appended to
  AccountabilityFact: APPEND,
  AssessmentEntry: APPEND,
  FollowUp: APPEND,
  Meeting: APPEND,
  MeetingCase: APPEND,
  // R24/R25: a correction of a petitioner adds a row and marks the old one superseded, so the
  // petitioner as first registered stays in the table next to the correction (and in the log's
  // before → after); the application can set that mark and nothing else (a trigger: only once).
  Petitioner: ['SELECT', 'INSERT', 'UPDATE ("supersededAt")'],
  ProcessedEvent: APPEND,
  ProgressEntry: APPEND,
  ScreeningPeriod: APPEND,
  ScreeningPeriodUnit: APPEND,
  UnitReport: APPEND,
  VillageVisit: APPEND,
  PersonVillage: ['SELECT', 'INSERT', 'DELETE'],
  Alert: WRITE,
  AlertRecipient: WRITE,
  Area: WRITE,
  AssessmentRule: WRITE,
  Case: WRITE,
  CaseNumberCounter: WRITE,
  CaseOwnership: WRITE,
  CaseReview: WRITE,
  Extension: WRITE,
  KeywordRule: WRITE,
  OutboundMessage: WRITE,
  OwnershipProposal: WRITE,
  Person: WRITE,
  Persuasion: WRITE,
  PlatformChat: WRITE,
  PlatformTask: WRITE,
  Push: WRITE,
  ReceptionDay: WRITE,
  SentimentReport: WRITE,
  Unit: WRITE,
  Village: WRITE,
  WrittenStatement: WRITE,
  CalendarOverride: WRITE_DELETE,
  GuidedForm: WRITE_DELETE,
  PlatformIdentity: WRITE_DELETE,
  Setting: WRITE_DELETE,
  ConsoleSession: WRITE_DELETE,
  SandboxMessage: WRITE_DELETE, // the demo's chats, bounded: the oldest are deleted
  // Read at start-up to check that nothing is pending: the application never migrates.
  _prisma_migrations: ['SELECT'],
};

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The SQL that gives `role` exactly the privileges above on the tables there are (and takes away any other). */
export function appGrantsSql(role: string, tables: readonly string[]): string {
  const r = ident(role);
  return [
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r};`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${r};`,
    `GRANT USAGE ON SCHEMA public TO ${r};`,
    ...tables.map((t) => `GRANT ${APP_TABLE_PRIVILEGES[t]!.join(', ')} ON ${ident(t)} TO ${r};`),
    // nextval() of serial ids (the audit log's)
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${r};`,
  ].join('\n');
}

/**
 * Run by the owner after migrating (npm run db:migrate): grants the application's role its
 * privileges, table by table. Refuses when a table has no entry above, rather than leaving the
 * application without it or guessing.
 */
export async function grantAppRole(db: SqlRunner, role: string): Promise<string[]> {
  const tables = (await db.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map((t) => t.tablename);
  const unknown = tables.filter((t) => !(t in APP_TABLE_PRIVILEGES));
  if (unknown.length > 0) throw new Error(`表 ${unknown.join(', ')} 未在 src/db/roles/app-grants.ts 中定义应用账号的权限 (no privileges defined for these tables)`);
  const exists = await db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.length === 0) throw new Error(`应用账号 ${role} 不存在：请先按 README「数据库账号」用 scripts/sql/create-roles.sql 创建 (role ${role} does not exist)`);
  // One simple query: PostgreSQL runs it as one transaction, all of it or none.
  await db.exec(appGrantsSql(role, tables));
  return tables;
}
