import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A real local HTTP server answering the DingTalk calls the bot makes, on both hosts (point
// DINGTALK_API_URL and DINGTALK_OAPI_URL at `fake.url`), and recording each one. Shapes follow
// platforms.md §4.3/§4.4: the new OpenAPI host takes its token in `x-acs-dingtalk-access-token` and
// answers errors as HTTP status + {code, message, requestid}; the legacy host takes `access_token`
// in the query and answers HTTP 200 + {errcode, errmsg}.

export const FAKE_DT_CLIENT_ID = 'dingfakeappkey0001';
export const FAKE_DT_CLIENT_SECRET = 'fake-dingtalk-secret';
export const FAKE_DT_ROBOT_CODE = 'dingfakeappkey0001';

export interface FakeDingTalkRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The token the call carried (header on the new host, query on the legacy one). */
  token: string | null;
  /** What the fake answered. */
  status: number;
}

/** A robot message as DingTalk took it (msgParam parsed from its JSON string). */
export interface FakeDingTalkMessage {
  kind: 'oto' | 'group';
  robotCode: string;
  userIds: string[];
  openConversationId: string | null;
  msgKey: string;
  msgParam: Record<string, string>;
  processQueryKey: string;
  at: number;
}

export interface FakeDingTalkCard {
  outTrackId: string;
  cardTemplateId: string;
  openSpaceId: string;
  callbackType: string;
  robotCode: string | null;
  cardParamMap: Record<string, string>;
  /** cardParamMaps of PUT /v1.0/card/instances, in order. */
  updates: Record<string, string>[];
}

/** A 互动卡片普通版 sent by POST /v1.0/im/v1.0/robot/interactiveCards/send (cardData parsed). */
export interface FakeDingTalkStandardCard {
  cardBizId: string;
  robotCode: string;
  openConversationId: string | null;
  /** The 1:1 receiver's userId (from singleChatReceiver). */
  userId: string | null;
  callbackUrl: string | null;
  cardData: Record<string, unknown>;
  /** cardData of each PUT /v1.0/im/robots/interactiveCards, in order. */
  updates: Record<string, unknown>[];
}

/** A 待办 made by POST /v1.0/todo/users/{unionId}/tasks (DingTalk's OpenAPI SDK, todo_1_0). */
export interface FakeDingTalkTodo {
  id: string;
  unionId: string;
  subject: string;
  dueTime: number | null;
  executorIds: string[];
  sourceId: string | null;
  done: boolean;
}

/** Who signs in through DingTalk's login page. */
export interface FakeDingTalkLoginUser {
  unionId: string;
  nick: string;
  openId?: string;
  mobile?: string;
}

export interface FakeDing {
  robotCode: string;
  remindType: number;
  receiverUserIdList: string[];
  content: string;
  openDingId: string;
}

interface Failure {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  path: RegExp | null;
}

const MSG_PARAMS: Record<string, string[]> = {
  sampleText: ['content'],
  sampleMarkdown: ['title', 'text'],
  sampleLink: ['text', 'title', 'picUrl', 'messageUrl'],
  sampleImageMsg: ['photoURL'],
  sampleActionCard: ['title', 'text', 'singleTitle', 'singleURL'],
  ...Object.fromEntries(
    [2, 3, 4, 5].map((n) => [`sampleActionCard${n}`, ['title', 'text', ...Array.from({ length: n }, (_, i) => [`actionTitle${i + 1}`, `actionURL${i + 1}`]).flat()]]),
  ),
};

const API_TOKEN_PATH = '/v1.0/oauth2/accessToken';
const USER_TOKEN_PATH = '/v1.0/oauth2/userAccessToken';
const LEGACY_TOKEN_PATH = '/gettoken';

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
};

const rid = () => randomBytes(8).toString('hex');

/** A JSON string's object, or null. */
function jsonObject(v: unknown): Record<string, unknown> | null {
  if (typeof v !== 'string') return null;
  try {
    const o = JSON.parse(v) as unknown;
    return typeof o === 'object' && o !== null && !Array.isArray(o) ? (o as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export class FakeDingTalk {
  readonly requests: FakeDingTalkRequest[] = [];
  readonly messages: FakeDingTalkMessage[] = [];
  readonly cards: FakeDingTalkCard[] = [];
  readonly standardCards: FakeDingTalkStandardCard[] = [];
  readonly todos: FakeDingTalkTodo[] = [];
  readonly dings: FakeDing[] = [];
  /** Legacy directory: mobile → userid (getbymobile). */
  readonly usersByMobile = new Map<string, string>();
  /** HTTP card callback routes registered (callbackRouteKey → URL and signing secret). */
  readonly callbackRoutes = new Map<string, { callbackUrl: string; apiSecret: string | null }>();
  /** Legacy directory: unionId → userid (getbyunionid), for members of the organisation. */
  readonly usersByUnionId = new Map<string, string>();
  /** Staff ids batchSend reports in invalidStaffIdList / flowControlledStaffIdList. */
  readonly invalidStaffIds = new Set<string>();
  readonly flowControlledStaffIds = new Set<string>();
  robotCode = FAKE_DT_ROBOT_CODE;
  /** expireIn / expires_in of issued tokens, in seconds. */
  tokenTtlSeconds = 7200;
  /** DING is a 专业版 / 专属版 feature: false answers like a standard-edition organisation without quota. */
  dingEnabled = true;
  /** Permissions the app has not been granted (e.g. qyapi_get_member_by_mobile): calls needing one are refused. */
  readonly deniedPermissions = new Set<string>();
  url = '';
  private readonly tokens = new Map<string, { expiresAt: number; legacy: boolean }>();
  private failures: Failure[] = [];
  private seq = 0;
  private readonly server: Server;
  /** Web login: authorization codes not yet exchanged, and user access tokens issued for them. */
  private readonly oauthCodes = new Map<string, FakeDingTalkLoginUser>();
  private readonly userTokens = new Map<string, FakeDingTalkLoginUser>();

  private constructor(private readonly now: () => number) {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((err: unknown) => json(res, 500, { code: 'system.error', message: String(err), requestid: rid() }));
    });
  }

  static async start(opts: { now?: () => number } = {}): Promise<FakeDingTalk> {
    const fake = new FakeDingTalk(opts.now ?? Date.now);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  addUser(mobile: string, userid: string): this {
    this.usersByMobile.set(mobile, userid);
    return this;
  }

  /** The authCode DingTalk's login page would hand back for this user (usable once). */
  issueOauthCode(user: FakeDingTalkLoginUser): string {
    const code = `authcode${++this.seq}${rid()}`;
    this.oauthCodes.set(code, user);
    return code;
  }

  /** Forgets what was called and sent, and any failure still queued: a test starts from here (tokens stay valid). */
  reset(): this {
    this.requests.length = 0;
    this.messages.length = 0;
    this.cards.length = 0;
    this.standardCards.length = 0;
    this.dings.length = 0;
    this.invalidStaffIds.clear();
    this.flowControlledStaffIds.clear();
    this.callbackRoutes.clear();
    this.failures = [];
    this.dingEnabled = true;
    this.deniedPermissions.clear();
    return this;
  }

  /** Every token issued so far stops working (as after DingTalk rotated it). */
  revokeTokens(): this {
    this.tokens.clear();
    return this;
  }

  /**
   * The next `n` calls (to paths matching `path`; default any call but the token endpoints) fail
   * with `status` and DingTalk's error body {code, message}; on the legacy host pass `errcode` for
   * an HTTP 200 carrying an error code.
   */
  failNext(n: number, status: number, opts: { code?: string; message?: string; errcode?: number; path?: RegExp; retryAfterSeconds?: number } = {}): this {
    const body: Record<string, unknown> =
      opts.errcode !== undefined
        ? { errcode: opts.errcode, errmsg: opts.message ?? 'fake failure' }
        : {
            code: opts.code ?? (status === 429 ? 'Throttling' : status >= 500 ? 'system.error' : status === 401 ? 'InvalidAuthentication' : 'InvalidParameter'),
            message: opts.message ?? (status >= 500 ? '系统异常' : '参数不合法'),
          };
    const headers: Record<string, string> = opts.retryAfterSeconds !== undefined ? { 'retry-after': String(opts.retryAfterSeconds) } : {};
    for (let i = 0; i < n; i++) this.failures.push({ status, body, headers, path: opts.path ?? null });
    return this;
  }

  /** Calls to the new host's token endpoint. */
  tokenRequests(): FakeDingTalkRequest[] {
    return this.requests.filter((r) => r.path === API_TOKEN_PATH);
  }

  legacyTokenRequests(): FakeDingTalkRequest[] {
    return this.requests.filter((r) => r.path === LEGACY_TOKEN_PATH);
  }

  /** Calls other than the token endpoints. */
  apiRequests(): FakeDingTalkRequest[] {
    return this.requests.filter((r) => r.path !== API_TOKEN_PATH && r.path !== LEGACY_TOKEN_PATH);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const legacy = !url.pathname.startsWith('/v1.0/');
    const header = req.headers['x-acs-dingtalk-access-token'];
    const record: FakeDingTalkRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      token: legacy ? (url.searchParams.get('access_token') ?? null) : typeof header === 'string' ? header : null,
      status: 0,
    };
    this.requests.push(record);
    const answer = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      json(res, status, payload, headers);
    };
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const invalid = (message: string) => answer(400, { code: 'InvalidParameter', message, requestid: rid() });

    if (record.method === 'POST' && record.path === API_TOKEN_PATH) {
      const failure = this.takeFailure(record.path, true);
      if (failure) return answer(failure.status, { ...failure.body, requestid: rid() }, failure.headers);
      if (b.appKey !== FAKE_DT_CLIENT_ID || b.appSecret !== FAKE_DT_CLIENT_SECRET) {
        return answer(400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret', requestid: rid() });
      }
      return answer(200, { accessToken: this.issue(false), expireIn: this.tokenTtlSeconds });
    }
    if (record.method === 'GET' && record.path === LEGACY_TOKEN_PATH) {
      const failure = this.takeFailure(record.path, true);
      if (failure) return answer(failure.status, failure.body, failure.headers);
      if (record.query.appkey !== FAKE_DT_CLIENT_ID || record.query.appsecret !== FAKE_DT_CLIENT_SECRET) {
        return answer(200, { errcode: 40089, errmsg: '不合法的corpid或corpsecret' });
      }
      return answer(200, { errcode: 0, errmsg: 'ok', access_token: this.issue(true), expires_in: this.tokenTtlSeconds });
    }

    // Web login (OAuth): the code for a user token (the app's credentials in the body), then who the user is.
    if (record.method === 'POST' && record.path === USER_TOKEN_PATH) {
      if (b.clientId !== FAKE_DT_CLIENT_ID || b.clientSecret !== FAKE_DT_CLIENT_SECRET) {
        return answer(400, { code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret', requestid: rid() });
      }
      const user = typeof b.code === 'string' ? this.oauthCodes.get(b.code) : undefined;
      if (!user || b.grantType !== 'authorization_code') return answer(400, { code: 'invalidAuthCode', message: '不合法的临时授权码', requestid: rid() });
      this.oauthCodes.delete(b.code as string);
      const accessToken = `uat${rid()}`;
      this.userTokens.set(accessToken, user);
      return answer(200, { accessToken, refreshToken: `urt${rid()}`, expireIn: 7200, corpId: 'dingfakecorp' });
    }
    if (record.method === 'GET' && record.path === '/v1.0/contact/users/me') {
      const user = record.token ? this.userTokens.get(record.token) : undefined;
      if (!user) return answer(401, { code: 'InvalidAuthentication', message: '不合法的access_token', requestid: rid() });
      return answer(200, { nick: user.nick, unionId: user.unionId, openId: user.openId ?? `oid${rid()}`, avatarUrl: '', mobile: user.mobile ?? '', stateCode: '86' });
    }

    const token = record.token ? this.tokens.get(record.token) : undefined;
    const tokenOk = token !== undefined && token.legacy === legacy && token.expiresAt > this.now();
    if (legacy) {
      if (!record.token) return answer(200, { errcode: 41001, errmsg: '缺少access_token参数' });
      if (!tokenOk) return answer(200, { errcode: token && token.expiresAt <= this.now() ? 42001 : 40014, errmsg: '不合法的access_token' });
    } else if (!tokenOk) {
      return answer(401, { code: 'InvalidAuthentication', message: '不合法的access_token', requestid: rid() });
    }
    const failure = this.takeFailure(record.path, false);
    if (failure) return answer(failure.status, legacy ? failure.body : { ...failure.body, requestid: rid() }, failure.headers);

    if (record.method === 'POST' && (record.path === '/v1.0/robot/oToMessages/batchSend' || record.path === '/v1.0/robot/groupMessages/send')) {
      const oto = record.path.endsWith('batchSend');
      if (this.deniedPermissions.has('qyapi_robot_sendmsg')) {
        return answer(403, { code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied', message: '没有调用该接口的权限，接口权限申请参考：https://open.dingtalk.com/document/orgapp-server/add-api-permission', requestid: rid() });
      }
      if (b.robotCode !== this.robotCode) return answer(400, { code: 'invalid.chatbotId', message: '无效的机器人id', requestid: rid() });
      const userIds = Array.isArray(b.userIds) ? (b.userIds as unknown[]).filter((u): u is string => typeof u === 'string') : [];
      if (oto && (userIds.length === 0 || userIds.length > 20 || userIds.length !== (b.userIds as unknown[]).length)) return invalid('userIds 须为 1 到 20 个 userId');
      if (!oto && (typeof b.openConversationId !== 'string' || !b.openConversationId)) return invalid('openConversationId 不能为空');
      const msgKey = typeof b.msgKey === 'string' ? b.msgKey : '';
      if (!MSG_PARAMS[msgKey]) return invalid(`不支持的 msgKey: ${msgKey}`);
      let msgParam: Record<string, string>;
      try {
        msgParam = JSON.parse(String(b.msgParam)) as Record<string, string>;
      } catch {
        return invalid('msgParam 须为 JSON 字符串');
      }
      const missing = MSG_PARAMS[msgKey]!.filter((k) => typeof msgParam[k] !== 'string' || msgParam[k] === '');
      if (missing.length > 0) return invalid(`msgParam 缺少 ${missing.join(', ')}`);
      const processQueryKey = `pqk${String(++this.seq).padStart(6, '0')}${rid()}`;
      const invalidStaffIdList = userIds.filter((u) => this.invalidStaffIds.has(u));
      const flowControlledStaffIdList = userIds.filter((u) => this.flowControlledStaffIds.has(u));
      const reached = userIds.filter((u) => !invalidStaffIdList.includes(u) && !flowControlledStaffIdList.includes(u));
      if (!oto || reached.length > 0) {
        this.messages.push({
          kind: oto ? 'oto' : 'group',
          robotCode: String(b.robotCode),
          userIds: reached,
          openConversationId: oto ? null : String(b.openConversationId),
          msgKey,
          msgParam,
          processQueryKey,
          at: this.now(),
        });
      }
      return answer(200, oto ? { processQueryKey, invalidStaffIdList, flowControlledStaffIdList } : { processQueryKey });
    }
    if (record.method === 'POST' && record.path === '/v1.0/card/callbacks/register') {
      if (typeof b.callbackRouteKey !== 'string' || typeof b.callbackUrl !== 'string') return invalid('callbackRouteKey、callbackUrl 不能为空');
      this.callbackRoutes.set(b.callbackRouteKey, { callbackUrl: b.callbackUrl, apiSecret: typeof b.apiSecret === 'string' ? b.apiSecret : null });
      return answer(200, { success: true, result: { callbackUrl: b.callbackUrl, apiSecret: b.apiSecret ?? '' } });
    }
    if (record.method === 'POST' && record.path === '/v1.0/card/instances/createAndDeliver') {
      const space = /^dtv1\.card\/\/(IM_ROBOT|IM_GROUP)\.(.+)$/.exec(String(b.openSpaceId ?? ''));
      if (!space) return invalid('openSpaceId 格式错误');
      if (typeof b.cardTemplateId !== 'string' || !b.cardTemplateId) return invalid('cardTemplateId 不能为空');
      if (typeof b.outTrackId !== 'string' || !b.outTrackId) return invalid('outTrackId 不能为空');
      if (b.callbackType !== 'STREAM' && b.callbackType !== 'HTTP') return invalid('callbackType 须为 STREAM 或 HTTP');
      const params = cardParams(b.cardData);
      if (!params) return invalid('cardData.cardParamMap 的值须为字符串');
      const deliver = (space[1] === 'IM_ROBOT' ? b.imRobotOpenDeliverModel : b.imGroupOpenDeliverModel) as { robotCode?: unknown; spaceType?: unknown } | undefined;
      if (!deliver || deliver.robotCode !== this.robotCode) return invalid(`${space[1]} 投放须指定 robotCode`);
      this.cards.push({
        outTrackId: b.outTrackId,
        cardTemplateId: b.cardTemplateId,
        openSpaceId: String(b.openSpaceId),
        callbackType: b.callbackType,
        robotCode: String(deliver.robotCode),
        cardParamMap: params,
        updates: [],
      });
      return answer(200, {
        success: true,
        result: { outTrackId: b.outTrackId, deliverResults: [{ spaceType: space[1], spaceId: space[2], success: true, carrierId: `carrier${rid()}` }] },
      });
    }
    if (record.method === 'PUT' && record.path === '/v1.0/card/instances') {
      const card = this.cards.find((c) => c.outTrackId === b.outTrackId);
      if (!card) return invalid('卡片实例不存在 (outTrackId)');
      const params = cardParams(b.cardData);
      if (!params) return invalid('cardData.cardParamMap 的值须为字符串');
      card.updates.push(params);
      card.cardParamMap = { ...card.cardParamMap, ...params };
      return answer(200, { success: true, result: true });
    }
    if (record.method === 'POST' && record.path === '/v1.0/im/v1.0/robot/interactiveCards/send') {
      if (this.deniedPermissions.has('robot_interactive_card')) {
        return answer(403, { code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied', message: '没有调用该接口的权限，接口权限申请参考：https://open.dingtalk.com/document/orgapp-server/add-api-permission', requestid: rid() });
      }
      // Shape as in DingTalk's OpenAPI SDK (SendRobotInteractiveCardRequest): cardData and singleChatReceiver are JSON strings.
      if (b.cardTemplateId !== 'StandardCard') return invalid('cardTemplateId 须为 StandardCard');
      if (typeof b.cardBizId !== 'string' || !b.cardBizId) return invalid('cardBizId 不能为空');
      if (b.robotCode !== this.robotCode) return invalid('robotCode 无效');
      const cardData = jsonObject(b.cardData);
      if (!cardData || !Array.isArray(cardData.contents)) return invalid('cardData 须为卡片 JSON 字符串');
      const receiver = typeof b.singleChatReceiver === 'string' ? jsonObject(b.singleChatReceiver) : null;
      const openConversationId = typeof b.openConversationId === 'string' ? b.openConversationId : null;
      if ((receiver === null) === (openConversationId === null)) return invalid('openConversationId 与 singleChatReceiver 须且只能填一个');
      if (receiver && typeof receiver.userId !== 'string') return invalid('singleChatReceiver 须为 {"userId": …}');
      const existing = this.standardCards.find((c) => c.cardBizId === b.cardBizId);
      if (!existing) {
        this.standardCards.push({
          cardBizId: b.cardBizId,
          robotCode: String(b.robotCode),
          openConversationId,
          userId: receiver ? String(receiver.userId) : null,
          callbackUrl: typeof b.callbackUrl === 'string' ? b.callbackUrl : null,
          cardData,
          updates: [],
        });
      }
      return answer(200, { processQueryKey: `pqk${rid()}` });
    }
    if (record.method === 'PUT' && record.path === '/v1.0/im/robots/interactiveCards') {
      const card = this.standardCards.find((c) => c.cardBizId === b.cardBizId);
      if (!card) return invalid('卡片不存在 (cardBizId)');
      const cardData = jsonObject(b.cardData);
      if (!cardData) return invalid('cardData 须为卡片 JSON 字符串');
      card.updates.push(cardData);
      card.cardData = cardData;
      return answer(200, { processQueryKey: `pqk${rid()}` });
    }
    if (record.method === 'POST' && record.path === '/v1.0/robot/ding/send') {
      const receivers = Array.isArray(b.receiverUserIdList) ? (b.receiverUserIdList as unknown[]).map(String) : [];
      const remindType = Number(b.remindType);
      if (b.robotCode !== this.robotCode) return answer(400, { code: 'invalid.chatbotId', message: 'invalid.chatbotId', requestid: rid() });
      if (![1, 2, 3].includes(remindType)) return invalid('remindType 须为 1、2 或 3');
      if (receivers.length === 0 || receivers.length > (remindType === 1 ? 200 : 20)) return answer(400, { code: 'ding.receivercount.limit', message: 'ding receiver count limit', requestid: rid() });
      if (typeof b.content !== 'string' || !b.content) return invalid('content 不能为空');
      if (!this.dingEnabled) return answer(400, { code: 'ding.serverquota.insufficient', message: 'ding server quota insufficient', requestid: rid() });
      const openDingId = `ding${String(++this.seq).padStart(6, '0')}`;
      this.dings.push({ robotCode: String(b.robotCode), remindType, receiverUserIdList: receivers, content: b.content, openDingId });
      return answer(200, { openDingId });
    }
    if (record.method === 'POST' && record.path === '/topapi/user/getbyunionid') {
      const userid = typeof b.unionid === 'string' ? this.usersByUnionId.get(b.unionid) : undefined;
      if (!userid) return answer(200, { errcode: 60121, errmsg: '找不到该用户', request_id: rid() });
      return answer(200, { errcode: 0, errmsg: 'ok', result: { contact_type: 0, userid }, request_id: rid() });
    }
    const todo = /^\/v1\.0\/todo\/users\/([^/]+)\/tasks(?:\/sources\/([^/]+)|\/([^/]+))?$/.exec(record.path);
    if (todo) {
      if (this.deniedPermissions.has('todo')) {
        return answer(403, { code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied', message: '没有调用该接口的权限，接口权限申请参考：https://open.dingtalk.com/document/orgapp-server/add-api-permission', requestid: rid() });
      }
      const unionId = decodeURIComponent(todo[1]!);
      if (record.method === 'GET' && todo[2]) {
        const found = this.todos.find((x) => x.unionId === unionId && x.sourceId === decodeURIComponent(todo[2]!));
        return found ? answer(200, found) : answer(404, { code: 'todo.notFound', message: '待办不存在', requestid: rid() });
      }
      if (record.method === 'POST' && !todo[2] && !todo[3]) {
        if (typeof b.subject !== 'string' || !b.subject) return invalid('subject 不能为空');
        const made: FakeDingTalkTodo = {
          id: `todo${this.todos.length + 1}${rid()}`,
          unionId,
          subject: b.subject,
          dueTime: typeof b.dueTime === 'number' ? b.dueTime : null,
          executorIds: Array.isArray(b.executorIds) ? (b.executorIds as unknown[]).map(String) : [],
          sourceId: typeof b.sourceId === 'string' ? b.sourceId : null,
          done: false,
        };
        this.todos.push(made);
        return answer(200, { ...made, requestId: rid() });
      }
      if (record.method === 'PUT' && todo[3]) {
        const found = this.todos.find((x) => x.unionId === unionId && x.id === decodeURIComponent(todo[3]!));
        if (!found) return answer(404, { code: 'todo.notFound', message: '待办不存在', requestid: rid() });
        if (typeof b.subject === 'string') found.subject = b.subject;
        if (typeof b.dueTime === 'number') found.dueTime = b.dueTime;
        if (typeof b.done === 'boolean') found.done = b.done;
        return answer(200, { result: true, requestId: rid() });
      }
    }
    if (record.method === 'POST' && record.path === '/topapi/v2/user/get') {
      // The member's details by userid; the fake's members have unionid "union" + userid.
      return typeof b.userid === 'string' && b.userid
        ? answer(200, { errcode: 0, errmsg: 'ok', result: { userid: b.userid, unionid: `union${b.userid}` }, request_id: rid() })
        : answer(200, { errcode: 60121, errmsg: '找不到该用户', request_id: rid() });
    }
    if (record.method === 'POST' && record.path === '/topapi/v2/user/getbymobile') {
      if (this.deniedPermissions.has('qyapi_get_member_by_mobile')) {
        return answer(200, { errcode: 60011, errmsg: '没有调用该接口的权限，接口权限申请参考：https://open.dingtalk.com/document/orgapp-server/add-api-permission', request_id: rid() });
      }
      const userid = typeof b.mobile === 'string' ? this.usersByMobile.get(b.mobile) : undefined;
      if (!userid) return answer(200, { errcode: 60121, errmsg: '找不到该用户', request_id: rid() });
      return answer(200, { errcode: 0, errmsg: 'ok', result: { userid, exclusive_account_userid_list: [] }, request_id: rid() });
    }
    return legacy
      ? answer(404, { errcode: 404, errmsg: `fake dingtalk: no route ${record.method} ${record.path}` })
      : answer(404, { code: 'NotFound', message: `fake dingtalk: no route ${record.method} ${record.path}`, requestid: rid() });
  }

  private issue(legacy: boolean): string {
    const token = `${legacy ? 'legacy' : 'at'}-${rid()}`;
    this.tokens.set(token, { expiresAt: this.now() + this.tokenTtlSeconds * 1000, legacy });
    return token;
  }

  private takeFailure(path: string, isToken: boolean): Failure | null {
    const i = this.failures.findIndex((f) => (f.path ? f.path.test(path) : !isToken));
    return i < 0 ? null : this.failures.splice(i, 1)[0]!;
  }
}

/** cardData.cardParamMap when every value is a string (DingTalk's rule), else null. */
function cardParams(cardData: unknown): Record<string, string> | null {
  const map = (cardData as { cardParamMap?: unknown } | null)?.cardParamMap;
  if (typeof map !== 'object' || map === null) return null;
  const entries = Object.entries(map);
  return entries.every(([, v]) => typeof v === 'string') ? (Object.fromEntries(entries) as Record<string, string>) : null;
}
