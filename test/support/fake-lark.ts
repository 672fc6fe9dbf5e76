import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real local HTTP server answering the Lark open API calls the SDK makes, recording each one.
// Point a lark.Client at `fake.url` (domain) to use it.

export const FAKE_TOKEN = 't-fake';
export const FAKE_BOT_OPEN_ID = 'ou_bot0000000000000000000000000000';
const UUID_WINDOW_MS = 60 * 60_000;

export interface FakeLarkRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  uuid: string | null;
  authorization: string | null;
  /** What the fake answered. */
  status: number;
}

export interface FakeLarkMessage {
  message_id: string;
  uuid: string | null;
  kind: 'create' | 'reply';
  receive_id_type: string | null;
  receive_id: string | null;
  parent_id: string | null;
  /** The chat it landed in: the chat_id sent to, the 1:1 chat with the person sent to, or the replied message's chat. */
  chat_id: string;
  msg_type: string;
  content: string;
  at: number;
}

/** An image uploaded with POST /open-apis/im/v1/images (multipart/form-data). */
export interface FakeLarkImage {
  image_key: string;
  image_type: string;
  /** The file part as sent. */
  bytes: Buffer;
  /** The part's Content-Type header, if any. */
  contentType: string | null;
  at: number;
}

export interface FakeLarkTask {
  guid: string;
  summary: string;
  /** ms since the epoch, as Lark keeps it (a string). */
  due: { timestamp: string; is_all_day: boolean } | null;
  assignees: string[];
  completed_at: string;
  client_token: string | null;
  origin: unknown;
}

export interface FakeLarkUser {
  open_id: string;
  union_id: string;
  user_id: string;
  mobile?: string;
  email?: string;
}

interface Failure {
  status: number;
  code: number;
  msg: string;
  headers: Record<string, string>;
  path: RegExp | null;
}

/** The 1:1 chat of the bot with a person, by the id a send names them with (open_id in the harness): Lark keeps one such chat per person. */
export function fakeP2pChatId(userId: string): string {
  return `oc_${createHash('sha256').update(`p2p:${userId}`).digest('hex').slice(0, 32)}`;
}

/** The chat of a replied message the fake did not send (a person's message). */
export const FAKE_REPLY_CHAT_ID = 'oc_fakechat';

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

export class FakeLark {
  readonly requests: FakeLarkRequest[] = [];
  readonly messages: FakeLarkMessage[] = [];
  readonly patches: { message_id: string; content: string }[] = [];
  /** 加急 (urgent_app / urgent_sms / urgent_phone) calls: which message, how, to whom. */
  readonly urgents: { message_id: string; channel: string; users: string[]; userIdType: string }[] = [];
  readonly users: FakeLarkUser[] = [];
  readonly images: FakeLarkImage[] = [];
  /** Lark Tasks v2 (POST /open-apis/task/v2/tasks, PATCH …/:task_guid), as the person's list shows them. */
  readonly tasks: FakeLarkTask[] = [];
  botOpenId = FAKE_BOT_OPEN_ID;
  /** When set, the token endpoint refuses any other app_secret (code 10014, as Lark does). */
  appSecret: string | null = null;
  /** bot/v3/info's activate_status: 2 = enabled in the tenant; 0 = not yet installed (bot capability not added/published). */
  botActivateStatus = 2;
  /** Scopes the app has not been granted: calls needing one are refused with code 99991672 naming it. */
  readonly denyScopes = new Set<string>();
  /** Web login (OAuth): authorization codes the fake will accept once, and the user tokens they became. */
  private readonly oauthCodes = new Map<string, { open_id: string; union_id: string; name: string; redirect_uri: string }>();
  private readonly userTokens = new Map<string, { open_id: string; union_id: string; name: string }>();

  /** What Lark's authorize page gives the browser after the user agrees: a one-time code for that redirect URI. */
  issueOauthCode(user: { open_id: string; union_id: string; name: string }, redirectUri: string): string {
    const code = `code-${this.oauthCodes.size + 1}-${Math.random().toString(36).slice(2)}`;
    this.oauthCodes.set(code, { ...user, redirect_uri: redirectUri });
    return code;
  }
  url = '';
  private failures: Failure[] = [];
  private readonly byUuid = new Map<string, FakeLarkMessage>();
  private seq = 0;
  private imageSeq = 0;
  private readonly server: Server;

  private constructor(private readonly now: () => number) {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((err: unknown) => json(res, 500, { code: 1, msg: String(err) }));
    });
  }

  static async start(opts: { now?: () => number } = {}): Promise<FakeLark> {
    const fake = new FakeLark(opts.now ?? Date.now);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  addUser(user: FakeLarkUser): this {
    this.users.push(user);
    return this;
  }

  /**
   * The next `n` calls (to `path`, default any API but the token endpoint) fail with `status`.
   * 429 answers Lark's rate-limit body and, with `resetSeconds`, the `x-ogw-ratelimit-reset` header.
   */
  failNext(n: number, status: number, opts: { code?: number; msg?: string; resetSeconds?: number; path?: RegExp } = {}): this {
    const code = opts.code ?? (status === 429 ? 99991400 : status >= 500 ? 1 : 230002);
    const msg = opts.msg ?? (status === 429 ? 'request trigger frequency limit' : status >= 500 ? 'internal error' : 'Bot/User can NOT be out of the chat.');
    const headers: Record<string, string> = opts.resetSeconds !== undefined ? { 'x-ogw-ratelimit-reset': String(opts.resetSeconds) } : {};
    for (let i = 0; i < n; i++) this.failures.push({ status, code, msg, headers, path: opts.path ?? null });
    return this;
  }

  /** Calls other than the token endpoint, optionally only those to paths starting with `prefix`. */
  apiRequests(prefix = '/open-apis/'): FakeLarkRequest[] {
    return this.requests.filter((r) => r.path.startsWith(prefix) && !r.path.startsWith('/open-apis/auth/'));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    const parts = multipartParts(req.headers['content-type'], raw);
    let body: unknown = null;
    if (parts) {
      // Recorded with file parts summarised; the bytes are kept in `images`.
      body = Object.fromEntries(parts.map((p) => [p.name, p.filePart ? `(${p.data.length} bytes)` : p.data.toString('utf8')]));
    } else if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const record: FakeLarkRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      uuid: typeof (body as { uuid?: unknown })?.uuid === 'string' ? (body as { uuid: string }).uuid : null,
      authorization: req.headers.authorization ?? null,
      status: 0,
    };
    this.requests.push(record);
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      json(res, status, payload, headers);
    };

    if (record.method === 'POST' && record.path === '/open-apis/authen/v2/oauth/token') {
      const b = (body ?? {}) as Record<string, unknown>;
      const grant = typeof b.code === 'string' ? this.oauthCodes.get(b.code) : undefined;
      if (typeof b.code === 'string') this.oauthCodes.delete(b.code);
      if (b.grant_type !== 'authorization_code' || !grant || grant.redirect_uri !== b.redirect_uri || typeof b.client_secret !== 'string') {
        return answer(400, { code: 20003, error: 'invalid_grant', error_description: 'The authorization code is invalid, expired or was already used.' });
      }
      const token = `u-${Math.random().toString(36).slice(2)}`;
      this.userTokens.set(token, { open_id: grant.open_id, union_id: grant.union_id, name: grant.name });
      return answer(200, { code: 0, access_token: token, token_type: 'Bearer', expires_in: 7200, scope: '' });
    }
    if (record.method === 'GET' && record.path === '/open-apis/authen/v1/user_info') {
      const user = this.userTokens.get((record.authorization ?? '').replace(/^Bearer /, ''));
      if (!user) return answer(401, { code: 99991668, msg: 'Invalid access token' });
      return answer(200, { code: 0, msg: 'success', data: { ...user, en_name: '', avatar_url: '' } });
    }
    if (record.method === 'POST' && record.path === '/open-apis/auth/v3/tenant_access_token/internal') {
      const failure = this.takeFailure(record.path, true);
      if (failure) return answer(failure.status, { code: failure.code, msg: failure.msg }, failure.headers);
      if (this.appSecret !== null && (body as { app_secret?: unknown } | null)?.app_secret !== this.appSecret) {
        return answer(400, { code: 10014, msg: 'app secret invalid' });
      }
      return answer(200, { code: 0, msg: 'ok', tenant_access_token: FAKE_TOKEN, expire: 7200 });
    }
    if (record.method === 'POST' && record.path === '/callback/ws/endpoint') {
      // Endpoint discovery of WSClient: answered "forbidden" so the client stops (no protobuf socket here).
      return answer(200, { code: 403, msg: 'fake lark: no long connection', data: {} });
    }
    if (record.authorization !== `Bearer ${FAKE_TOKEN}`) {
      return answer(401, { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' });
    }
    const failure = this.takeFailure(record.path, false);
    if (failure) return answer(failure.status, { code: failure.code, msg: failure.msg }, failure.headers);

    const b = (body ?? {}) as Record<string, unknown>;
    const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(record.path);
    const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(record.path);
    if (record.method === 'POST' && (record.path === '/open-apis/im/v1/messages' || reply)) {
      const denied = this.scopeRefusal(['im:message', 'im:message:send_as_bot']);
      if (denied) return answer(400, denied);
    }
    if (record.method === 'POST' && record.path === '/open-apis/im/v1/messages') {
      const type = record.query.receive_id_type;
      if (!type || !['open_id', 'union_id', 'user_id', 'email', 'chat_id'].includes(type)) {
        return answer(400, { code: 99992402, msg: 'field validation failed: receive_id_type' });
      }
      return answer(200, this.deliver('create', b, record.uuid, { receive_id_type: type, receive_id: String(b.receive_id ?? ''), parent_id: null }));
    }
    if (record.method === 'POST' && reply) {
      return answer(200, this.deliver('reply', b, record.uuid, { receive_id_type: null, receive_id: null, parent_id: reply[1]! }));
    }
    const urgent = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/urgent_(app|sms|phone)$/.exec(record.path);
    if (record.method === 'PATCH' && urgent) {
      // As Lark's API reference lists them for urgent_app / urgent_sms (urgent_phone by analogy).
      const denied = this.scopeRefusal([`im:message.urgent${urgent[2] === 'app' ? '' : `:${urgent[2]}`}`, `im:message.urgent:${urgent[2]}_send`]);
      if (denied) return answer(400, denied);
      const message = this.messages.find((m) => m.message_id === urgent[1]);
      if (!message) return answer(400, { code: 230001, msg: 'invalid message_id' });
      const users = Array.isArray(b.user_id_list) ? (b.user_id_list as unknown[]).map(String) : [];
      this.urgents.push({ message_id: urgent[1]!, channel: urgent[2]!, users, userIdType: record.query.user_id_type ?? '' });
      return answer(200, { code: 0, msg: 'success', data: { invalid_user_id_list: [] } });
    }
    if (record.method === 'PATCH' && patch) {
      if (!this.messages.some((m) => m.message_id === patch[1])) return answer(400, { code: 230001, msg: 'invalid message_id' });
      this.patches.push({ message_id: patch[1]!, content: String(b.content ?? '') });
      return answer(200, { code: 0, msg: 'success', data: {} });
    }
    const taskPath = /^\/open-apis\/task\/v2\/tasks(?:\/([^/]+))?$/.exec(record.path);
    if (taskPath && (record.method === 'POST' || record.method === 'PATCH')) {
      const denied = this.scopeRefusal(['task:task:write', 'task:task']);
      if (denied) return answer(400, denied);
      if (record.method === 'POST' && !taskPath[1]) {
        if (typeof b.summary !== 'string' || !b.summary) return answer(400, { code: 1470400, msg: 'summary is required' });
        // client_token: the same token gives the same task (Lark's idempotent create).
        const token = typeof b.client_token === 'string' ? b.client_token : null;
        const same = token ? this.tasks.find((t) => t.client_token === token) : undefined;
        if (same) return answer(200, { code: 0, msg: 'success', data: { task: same } });
        const members = Array.isArray(b.members) ? (b.members as { id?: unknown; role?: unknown }[]) : [];
        const task: FakeLarkTask = {
          guid: `task-${this.tasks.length + 1}-${Math.random().toString(16).slice(2, 10)}`,
          summary: b.summary,
          due: (b.due as FakeLarkTask['due']) ?? null,
          assignees: members.filter((m) => m.role === 'assignee').map((m) => String(m.id)),
          completed_at: '0',
          client_token: token,
          origin: b.origin ?? null,
        };
        this.tasks.push(task);
        return answer(200, { code: 0, msg: 'success', data: { task } });
      }
      const task = this.tasks.find((t) => t.guid === taskPath[1]);
      if (!task) return answer(404, { code: 1470404, msg: 'task not found' });
      const fields = Array.isArray(b.update_fields) ? (b.update_fields as string[]) : [];
      const changes = (b.task ?? {}) as Partial<FakeLarkTask>;
      if (fields.length === 0) return answer(400, { code: 1470400, msg: 'update_fields is required' });
      for (const f of fields) if (f === 'summary' || f === 'due' || f === 'completed_at') Object.assign(task, { [f]: changes[f] });
      return answer(200, { code: 0, msg: 'success', data: { task } });
    }
    if (record.method === 'POST' && record.path === '/open-apis/contact/v3/users/batch_get_id') {
      // Lark names every scope that would do: for open_ids by mobile or email, contact:user.id:readonly.
      const denied = this.scopeRefusal(['contact:user.id:readonly']);
      if (denied) return answer(400, denied);
      const tooMany = (k: string) => Array.isArray(b[k]) && (b[k] as unknown[]).length > 50;
      if (tooMany('mobiles') || tooMany('emails')) return answer(400, { code: 99992402, msg: 'field validation failed: at most 50 mobiles / emails' });
      return answer(200, this.batchGetId(record.query.user_id_type ?? 'open_id', b));
    }
    if (record.method === 'POST' && record.path === '/open-apis/im/v1/images') {
      const type = parts?.find((p) => p.name === 'image_type')?.data.toString('utf8');
      const image = parts?.find((p) => p.name === 'image');
      // Lark: image_type is message or avatar; an empty file is refused (and so is one over 10 MB).
      if (!parts || (type !== 'message' && type !== 'avatar') || !image || image.data.length === 0 || image.data.length > 10 * 1024 * 1024) {
        return answer(400, { code: 234001, msg: 'Invalid request param.' });
      }
      const uploaded = { image_key: `img_v3_fake${String(++this.imageSeq).padStart(6, '0')}`, image_type: type, bytes: image.data, contentType: image.contentType, at: this.now() };
      this.images.push(uploaded);
      return answer(200, { code: 0, msg: 'success', data: { image_key: uploaded.image_key } });
    }
    if (record.method === 'GET' && record.path === '/open-apis/bot/v3/info') {
      return answer(200, { code: 0, msg: 'ok', bot: { activate_status: this.botActivateStatus, app_name: '信访包案助手', avatar_url: '', ip_white_list: [], open_id: this.botOpenId } });
    }
    return answer(404, { code: 404, msg: `fake lark: no route ${record.method} ${record.path}` });
  }

  /** Lark's answer when none of `scopes` is granted (any granted one would do), else null. */
  private scopeRefusal(scopes: string[]) {
    if (!scopes.every((s) => this.denyScopes.has(s))) return null;
    return {
      code: 99991672,
      msg: `Access denied. One of the following scopes is required: [${scopes.join(', ')}].应用尚未开通所需的应用身份权限：[${scopes.join(', ')}]，点击链接申请并开通任一权限即可：https://open.feishu.cn/app/cli_a1b2c3d4e5f60718/auth?q=${scopes.join(',')}&op_from=openapi&token_type=tenant`,
      error: { log_id: `fake${this.requests.length}`, permission_violations: scopes.map((subject) => ({ type: 'action_scope_required', subject })) },
    };
  }

  private takeFailure(path: string, isToken: boolean): Failure | null {
    const i = this.failures.findIndex((f) => (f.path ? f.path.test(path) : !isToken));
    return i < 0 ? null : this.failures.splice(i, 1)[0]!;
  }

  private deliver(
    kind: 'create' | 'reply',
    b: Record<string, unknown>,
    uuid: string | null,
    where: { receive_id_type: string | null; receive_id: string | null; parent_id: string | null },
  ) {
    const now = this.now();
    const earlier = uuid ? this.byUuid.get(uuid) : undefined;
    const message =
      earlier && now - earlier.at < UUID_WINDOW_MS
        ? earlier
        : {
            message_id: `om_fake${String(++this.seq).padStart(6, '0')}`,
            uuid,
            kind,
            ...where,
            chat_id: this.chatOf(where),
            msg_type: String(b.msg_type ?? ''),
            content: String(b.content ?? ''),
            at: now,
          };
    if (message !== earlier) {
      this.messages.push(message);
      if (uuid) this.byUuid.set(uuid, message);
    }
    return {
      code: 0,
      msg: 'success',
      data: {
        message_id: message.message_id,
        parent_id: message.parent_id ?? undefined,
        msg_type: message.msg_type,
        create_time: String(message.at),
        update_time: String(message.at),
        deleted: false,
        updated: false,
        chat_id: message.chat_id,
        sender: { id: 'cli_a1b2c3d4e5f60718', id_type: 'app_id', sender_type: 'app', tenant_key: '2ca1d211f64f6438' },
        body: { content: message.content },
      },
    };
  }

  private chatOf(where: { receive_id_type: string | null; receive_id: string | null; parent_id: string | null }): string {
    if (where.parent_id) return this.messages.find((m) => m.message_id === where.parent_id)?.chat_id ?? FAKE_REPLY_CHAT_ID;
    return where.receive_id_type === 'chat_id' ? where.receive_id! : fakeP2pChatId(where.receive_id ?? '');
  }

  private batchGetId(idType: string, b: Record<string, unknown>) {
    const mobiles = Array.isArray(b.mobiles) ? (b.mobiles as string[]) : [];
    const emails = Array.isArray(b.emails) ? (b.emails as string[]) : [];
    const id = (u: FakeLarkUser | undefined) => (u ? (idType === 'union_id' ? u.union_id : idType === 'user_id' ? u.user_id : u.open_id) : undefined);
    const user_list = [
      ...mobiles.map((mobile) => ({ user_id: id(this.users.find((u) => u.mobile === mobile)), mobile })),
      ...emails.map((email) => ({ user_id: id(this.users.find((u) => u.email === email)), email })),
    ].map((e) => (e.user_id ? e : { ...e, user_id: undefined }));
    return { code: 0, msg: 'success', data: { user_list: JSON.parse(JSON.stringify(user_list)) as unknown } };
  }
}

interface MultipartPart {
  name: string;
  /** Sent as a file (a Content-Type header or a filename) rather than a plain field. */
  filePart: boolean;
  contentType: string | null;
  data: Buffer;
}

/** The parts of a multipart/form-data body, or null when the request is not one (or is malformed). */
function multipartParts(contentType: string | undefined, raw: Buffer): MultipartPart[] | null {
  const boundary = /^multipart\/form-data;.*\bboundary=(?:"([^"]+)"|([^\s;]+))/i.exec(contentType ?? '');
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: MultipartPart[] = [];
  let at = raw.indexOf(delimiter);
  if (at < 0) return null;
  for (;;) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') return parts;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) return null;
    // Each part: CRLF, headers, CRLF CRLF, data, CRLF before the next delimiter.
    const part = raw.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return null;
    const headers = part.subarray(0, split).toString('utf8');
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) return null;
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? null;
    parts.push({ name, filePart: type !== null || /\bfilename=/i.test(headers), contentType: type, data: Buffer.from(part.subarray(split + 4)) });
    at = next;
  }
}
