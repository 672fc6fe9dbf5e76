/**
 * The floor of a card callback on this machine, for scale (`bench:lark`): a Koa app that does only
 * what a callback must do at the HTTP and SQL level — check Lark's signature, decrypt, find the
 * person; for a progress report claim the event, lock the case, write the entry, touch the case and
 * append the audit row, signed (R25: the head under the append lock, then the row with its MAC), in one transaction; for a case view read the case with what its card shows,
 * post a card to (fake) Lark and record the send — with hand-written, prepared SQL on the raw pg
 * driver, and nothing else: no domain rules, no authorization, no card builders, no logging, no
 * retries or rate limits. Two shapes:
 *  - `statements`: the statements the bot sends, one round trip each;
 *  - `combined`: each step folded into one statement (a data-modifying CTE; one JSON query).
 * Not the product. The gap between these figures and the bot's is what the ORM, the SDK, the
 * dispatcher and the domain cost; the figures say what a given ratio to pgbench would leave them.
 */
import { createDecipheriv, createHash, randomUUID } from 'node:crypto';
import { Agent, request, type IncomingMessage } from 'node:http';
import Koa from 'koa';
import pg from 'pg';
import type { AuditKey } from '../src/db/audit/audit-key.js';
import { auditRowMac, GENESIS_HASH, type AuditRowContent } from '../src/db/audit/audit-payload.js';

export type FloorShape = 'statements' | 'combined';

export interface Floor {
  app: Koa;
  /** Cards this app posted to Lark. */
  cardsSent(): number;
  close(): Promise<void>;
}

interface CardAction {
  header: { event_id: string };
  event: {
    operator: { open_id: string };
    action: { name?: string; value?: { caseId?: string }; form_value?: { tag: string; content: string; stability?: string } };
    context: { open_chat_id: string };
  };
}

type Query = (name: string, text: string, values: unknown[]) => Promise<pg.QueryResult>;

const PERSON = `SELECT p.* FROM "PlatformIdentity" i JOIN "Person" p ON p.id = i."personId" WHERE i.platform = 'LARK' AND i."openId" = $1`;

/** A floor app on `databaseUrl` (a pool of 10, as the bot's), posting to the Lark open API at `larkUrl`. */
export async function createFloor(opts: { databaseUrl: string; encryptKey: string; larkUrl: string; shape: FloorShape; auditKey: AuditKey }): Promise<Floor> {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
  const lark = larkClient(opts.larkUrl);
  await lark.fetchToken();
  const aesKey = createHash('sha256').update(opts.encryptKey).digest();
  let sent = 0;
  const app = new Koa();
  app.use(async (ctx) => {
    const chunks: Buffer[] = [];
    for await (const c of ctx.req as IncomingMessage) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const h = ctx.headers;
    const signature = createHash('sha256')
      .update(String(h['x-lark-request-timestamp']) + String(h['x-lark-request-nonce']) + opts.encryptKey + raw)
      .digest('hex');
    if (signature !== h['x-lark-signature']) return ctx.throw(401);
    const sealed = Buffer.from((JSON.parse(raw) as { encrypt: string }).encrypt, 'base64');
    const decipher = createDecipheriv('aes-256-cbc', aesKey, sealed.subarray(0, 16));
    const ev = JSON.parse(Buffer.concat([decipher.update(sealed.subarray(16)), decipher.final()]).toString('utf8')) as CardAction;
    const query: Query = (name, text, values) => pool.query({ name, text, values });
    const person = (await query('floor_person', PERSON, [ev.event.operator.open_id])).rows[0] as { id: string; unitId: string | null } | undefined;
    if (!person) return ctx.throw(403);
    const action = ev.event.action;
    if (action.name?.startsWith('progress.submit')) {
      const caseId = action.name.slice(action.name.indexOf('caseId=') + 'caseId='.length);
      const report = opts.shape === 'combined' ? await submitCombined(pool, opts.auditKey, ev, caseId, person) : await submitStatements(pool, opts.auditKey, ev, caseId, person);
      ctx.body = { toast: { type: 'success', content: '进展已报送' }, card: { type: 'raw', data: plainCard(report.title, [report.content]) } };
      return;
    }
    const caseId = action.value?.caseId ?? '';
    const shown = opts.shape === 'combined' ? await viewCombined(query, caseId) : await viewStatements(query, caseId);
    const card = JSON.stringify(plainCard(shown.title, shown.rows.map((r) => JSON.stringify(r).slice(0, 200))));
    const uuid = createHash('sha256').update(ev.header.event_id).digest('hex').slice(0, 40);
    const chat = ev.event.context.open_chat_id;
    if (opts.shape === 'statements') await query('floor_outbound_find', `SELECT * FROM "OutboundMessage" WHERE platform = 'LARK' AND uuid = $1`, [uuid]);
    const messageId = await lark.sendCard(chat, card, uuid);
    sent += 1;
    await query(
      'floor_outbound_record',
      `INSERT INTO "OutboundMessage" (id, platform, uuid, destination, payload, status, "messageId", attempts, "sentAt") VALUES ($1, 'LARK', $2, $3, $4, 'SENT', $5, 1, now()) ON CONFLICT DO NOTHING`,
      [randomUUID(), uuid, chat, card, messageId],
    );
    ctx.body = { toast: { type: 'info', content: '已发送案件详情' } };
  });
  return {
    app,
    cardsSent: () => sent,
    async close() {
      lark.close();
      await pool.end();
    },
  };
}

function plainCard(title: string, lines: string[]) {
  return { schema: '2.0', header: { title: { tag: 'plain_text', content: title } }, body: { elements: lines.map((content) => ({ tag: 'markdown', content })) } };
}

/** The progress report's audit row as the bot signs it (R25): its MAC needs the head, read under the append lock. */
async function signedAudit(query: Query, key: AuditKey, r: Omit<AuditRowContent, 'seq' | 'prevHash'>): Promise<unknown[]> {
  const head = (await query('floor_head', 'SELECT * FROM audit_log_lock_head()', [])).rows[0] as { seq: string | null; hash: string | null; mac: string | null };
  const row: AuditRowContent = { ...r, seq: BigInt(head.seq ?? 0) + 1n, prevHash: head.hash ?? GENESIS_HASH };
  return [row.seq.toString(), row.at, row.actorId, row.entityId, row.caseId, row.after, row.prevHash, auditRowMac(key, row, head.mac), key.id];
}

const AUDIT_VALUES = `$1, $2, $3, 'LARK', 'case.progress', 'ProgressEntry', $4, $5, $6, $7, '', $8, $9`;
const progressAudit = (person: { id: string }, entryId: string, caseId: string, tag: string) => ({
  at: new Date(), actorId: person.id, channel: 'LARK', action: 'case.progress', entityType: 'ProgressEntry', entityId: entryId, caseId,
  before: null, after: JSON.stringify({ tag }), reason: null,
});

/** The progress report as the bot sends it: BEGIN, claim, lock, entry, case, audit head, audit, COMMIT. */
async function submitStatements(pool: pg.Pool, key: AuditKey, ev: CardAction, caseId: string, person: { id: string; unitId: string | null }) {
  const client = await pool.connect();
  const query: Query = (name, text, values) => client.query({ name, text, values });
  const form = ev.event.action.form_value!;
  try {
    await client.query('BEGIN');
    const claimed = await query('floor_claim', `INSERT INTO "ProcessedEvent" (platform, "eventId", "processedAt") VALUES ('LARK', $1, now()) ON CONFLICT DO NOTHING`, [ev.header.event_id]);
    if (claimed.rowCount !== 1) throw new Error('duplicate event');
    const kase = (await query('floor_lock', `SELECT * FROM "Case" WHERE id = $1 FOR UPDATE`, [caseId])).rows[0] as { title: string };
    const entry = (
      await query(
        'floor_entry',
        `INSERT INTO "ProgressEntry" (id, "caseId", "authorId", "unitId", tag, content, stability, "createdAt") VALUES ($1, $2, $3, $4, $5::"ProgressTag", $6, $7::"StabilityAssessment", now()) RETURNING *`,
        [randomUUID(), caseId, person.id, person.unitId, form.tag, form.content, form.stability ?? null],
      )
    ).rows[0] as { id: string; content: string; tag: string };
    await query('floor_touch', `UPDATE "Case" SET "feedbackById" = $1, "feedbackAt" = now(), "updatedAt" = now() WHERE id = $2 RETURNING *`, [person.id, caseId]);
    await query(
      'floor_audit',
      `INSERT INTO "AuditLog" (seq, at, "actorId", channel, action, "entityType", "entityId", "caseId", after, "prevHash", hash, mac, "macKeyId") VALUES (${AUDIT_VALUES})`,
      await signedAudit(query, key, progressAudit(person, entry.id, caseId, entry.tag)),
    );
    await client.query('COMMIT');
    return { title: kase.title, content: entry.content };
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/** The same report as one statement after the signed audit row's head (R25): BEGIN, head, one CTE, COMMIT. */
async function submitCombined(pool: pg.Pool, key: AuditKey, ev: CardAction, caseId: string, person: { id: string; unitId: string | null }) {
  const client = await pool.connect();
  const query: Query = (name, text, values) => client.query({ name, text, values });
  const form = ev.event.action.form_value!;
  const entryId = randomUUID();
  try {
    await client.query('BEGIN');
    const audit = await signedAudit(query, key, progressAudit(person, entryId, caseId, form.tag));
    const row = (
      await query(
        'floor_submit',
        `WITH claim AS (INSERT INTO "ProcessedEvent" (platform, "eventId", "processedAt") VALUES ('LARK', $10, now()) ON CONFLICT DO NOTHING RETURNING 1),
          kase AS (SELECT * FROM "Case" WHERE id = $5 AND EXISTS (SELECT 1 FROM claim) FOR UPDATE),
          entry AS (INSERT INTO "ProgressEntry" (id, "caseId", "authorId", "unitId", tag, content, stability, "createdAt")
            SELECT $4, kase.id, $3, $11, $12::"ProgressTag", $13, $14::"StabilityAssessment", now() FROM kase RETURNING *),
          touch AS (UPDATE "Case" SET "feedbackById" = $3, "feedbackAt" = now(), "updatedAt" = now() FROM entry WHERE "Case".id = entry."caseId" RETURNING "Case".title),
          audit AS (INSERT INTO "AuditLog" (seq, at, "actorId", channel, action, "entityType", "entityId", "caseId", after, "prevHash", hash, mac, "macKeyId")
            SELECT ${AUDIT_VALUES} FROM entry RETURNING id)
        SELECT touch.title, entry.content FROM touch, entry, audit`,
        [...audit, ev.header.event_id, person.unitId, form.tag, form.content, form.stability ?? null],
      )
    ).rows[0] as { title: string; content: string } | undefined;
    await client.query('COMMIT');
    if (!row) throw new Error('duplicate event');
    return row;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

/** What the case card shows, read as the bot reads it: the case, then each relation. */
async function viewStatements(query: Query, caseId: string) {
  const kase = (await query('floor_case', `SELECT * FROM "Case" WHERE id = $1`, [caseId])).rows[0] as { title: string };
  const rows: unknown[] = [];
  for (const [name, text] of [
    ['floor_petitioners', `SELECT * FROM "Petitioner" WHERE "caseId" = $1`],
    ['floor_ownerships', `SELECT * FROM "CaseOwnership" WHERE "caseId" = $1`],
    ['floor_progress', `SELECT * FROM "ProgressEntry" WHERE "caseId" = $1 ORDER BY "createdAt" DESC LIMIT 3`],
    ['floor_pending_proposals', `SELECT id FROM "OwnershipProposal" WHERE "caseId" = $1 AND status = 'PENDING'`],
    ['floor_pending_extensions', `SELECT id FROM "Extension" WHERE "caseId" = $1 AND status = 'PENDING'`],
    ['floor_proposals', `SELECT * FROM "OwnershipProposal" WHERE "caseId" = $1`],
  ] as const) {
    rows.push(...(await query(name, text, [caseId])).rows);
  }
  return { title: kase.title, rows };
}

/** The same in one query, the relations as JSON arrays. */
async function viewCombined(query: Query, caseId: string) {
  const row = (
    await query(
      'floor_view',
      `SELECT c.title,
        (SELECT json_agg(p) FROM "Petitioner" p WHERE p."caseId" = c.id) AS petitioners,
        (SELECT json_agg(o) FROM "CaseOwnership" o WHERE o."caseId" = c.id) AS ownerships,
        (SELECT json_agg(e) FROM (SELECT * FROM "ProgressEntry" WHERE "caseId" = c.id ORDER BY "createdAt" DESC LIMIT 3) e) AS progress,
        (SELECT json_agg(x) FROM "OwnershipProposal" x WHERE x."caseId" = c.id) AS proposals,
        (SELECT json_agg(x.id) FROM "Extension" x WHERE x."caseId" = c.id AND x.status = 'PENDING') AS extensions
      FROM "Case" c WHERE c.id = $1`,
      [caseId],
    )
  ).rows[0] as { title: string; [relation: string]: unknown };
  const rows = ['petitioners', 'ownerships', 'progress', 'proposals', 'extensions'].flatMap((k) => (row[k] as unknown[] | null) ?? []);
  return { title: row.title, rows };
}

/** Lark's tenant token and message send, on a keep-alive agent. */
function larkClient(baseUrl: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  let token = '';
  const post = (path: string, body: unknown): Promise<{ code: number; tenant_access_token?: string; data?: { message_id: string } }> =>
    new Promise((resolve, reject) => {
      const text = JSON.stringify(body);
      const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...(token ? { authorization: `Bearer ${token}` } : {}) };
      const req = request(new URL(path, baseUrl), { method: 'POST', agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as never));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(text);
    });
  return {
    async fetchToken() {
      const answer = await post('/open-apis/auth/v3/tenant_access_token/internal', { app_id: 'floor', app_secret: 'floor' });
      token = answer.tenant_access_token ?? '';
    },
    async sendCard(chatId: string, content: string, uuid: string): Promise<string> {
      const answer = await post('/open-apis/im/v1/messages?receive_id_type=chat_id', { receive_id: chatId, msg_type: 'interactive', content, uuid });
      if (answer.code !== 0 || !answer.data) throw new Error(`Lark answered code ${answer.code}`);
      return answer.data.message_id;
    },
    close: () => agent.destroy(),
  };
}
