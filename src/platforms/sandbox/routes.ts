import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { decodeLarkFormAction } from '../../../cards/lark/render.js';
import type { ActionResponse } from '../../bot/messaging-port.js';
import type { InboundEvent } from '../../bot/inbound.js';
import type { Clock } from '../../lib/clock.js';
import type { Logger } from '../../lib/logger.js';
import { BodyTooLarge, readBody } from '../../lib/read-body.js';
import { Conversations, p2pChat, TOWN_GROUP, TOWN_GROUP_TITLE, type SandboxEvent } from './conversations.js';
import { PageTokens } from './page-token.js';
import { sandboxGuard } from './request-guard.js';

export interface SandboxPerson {
  id: string;
  name: string;
  roles: string[];
  roleLabel: string;
  unit: string | null;
}

export interface SandboxRoutesDeps {
  conversations: Conversations;
  dispatch(event: InboundEvent): Promise<ActionResponse | void>;
  /** The active people one may act as. */
  people(): Promise<SandboxPerson[]>;
  /** The folder of index.html, app.js and style.css. */
  publicDir: string;
  clock: Clock;
  logger: Logger;
  /** Answer browsers on this machine only (the default: acting as anyone must not be open to the network). */
  loopbackOnly: boolean;
}

/** Room for a card form filled to every field's limit (Chinese text is 3 bytes a character). */
const MAX_BODY_BYTES = 256 * 1024;
/** Where index.html takes the page's token (page-token.ts). */
const TOKEN_META = '<meta name="sandbox-token" content="">';
const ASSETS: Record<string, string> = { 'app.js': 'text/javascript; charset=utf-8', 'style.css': 'text/css; charset=utf-8' };
const chatId = z.string().regex(/^(group:town|p2p:[0-9a-f-]{36})$/, { error: '会话不存在' });
const personId = z.uuid({ error: '请选择演示人员' });
const messageBody = z.object({ as: personId, chat: chatId, text: z.string().trim().min(1, { error: '请输入内容' }).max(2000, { error: '内容不能超过 2000 字' }) });
const formValue = z.union([z.string().max(5000), z.array(z.string().max(200)).max(100), z.boolean()]);
const actionBody = z
  .object({
    as: personId,
    chat: chatId,
    messageId: z.string().min(1).max(100),
    value: z.record(z.string(), z.unknown()).optional(),
    submitName: z.string().min(1).max(500).optional(),
    form: z.record(z.string(), formValue).optional(),
  })
  .refine((b) => (b.value === undefined) !== (b.submitName === undefined), { error: '无法识别的卡片操作' });

/**
 * The sandbox's HTTP side: the chat page, its API and a live stream. Messages and clicks become
 * the same platform-neutral events as Lark's and go to the same dispatcher.
 */
export function sandboxRouter(deps: SandboxRoutesDeps): Router {
  const router = new Router({ prefix: '/sandbox' });
  const known = async (id: string) => (await deps.people()).find((p) => p.id === id) ?? null;

  const tokens = new PageTokens();
  router.use(sandboxGuard({ loopbackOnly: deps.loopbackOnly, tokens }));

  router.get('/', async (ctx) => {
    const page = await readFile(join(deps.publicDir, 'index.html'), 'utf8');
    ctx.type = 'text/html; charset=utf-8';
    // A page's token is good in this process only: never serve a stored copy; never inside another site's frame.
    ctx.set({ 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "frame-ancestors 'none'" });
    ctx.body = page.replace(TOKEN_META, `<meta name="sandbox-token" content="${tokens.issue()}">`);
  });
  router.get('/assets/:file', async (ctx) => {
    const type = ASSETS[ctx.params.file!];
    if (!type) return void (ctx.status = 404);
    ctx.type = type;
    ctx.body = await readFile(join(deps.publicDir, ctx.params.file!), 'utf8');
  });

  router.get('/api/people', async (ctx) => {
    ctx.body = await deps.people();
  });
  router.get('/api/conversations', async (ctx) => {
    const me = await asPerson(ctx, known);
    if (!me) return;
    ctx.body = [
      { id: TOWN_GROUP, type: 'group', title: TOWN_GROUP_TITLE },
      { id: p2pChat(me.id), type: 'p2p', title: '与信访包案助手单聊' },
    ];
  });
  router.get('/api/messages', async (ctx) => {
    const me = await asPerson(ctx, known);
    if (!me) return;
    const chat = chatId.safeParse(ctx.query.chat);
    if (!chat.success || !Conversations.visibleTo(me.id, chat.data)) return refuse(ctx, 404, 'NOT_FOUND', '会话不存在');
    ctx.body = await deps.conversations.messages(chat.data);
  });

  router.post('/api/messages', async (ctx) => {
    const body = await parseBody(ctx, messageBody);
    if (!body) return;
    const me = await known(body.as);
    if (!me) return refuse(ctx, 404, 'NOT_FOUND', '演示人员不存在');
    if (!Conversations.visibleTo(me.id, body.chat)) return refuse(ctx, 404, 'NOT_FOUND', '会话不存在');
    const posted = await deps.conversations.postText(body.chat, { id: me.id, name: me.name }, body.text);
    const event: InboundEvent = {
      kind: 'message', platform: 'SANDBOX', eventId: `sbe_${randomUUID()}`, messageId: posted.id,
      chat: { id: body.chat, type: body.chat === TOWN_GROUP ? 'group' : 'p2p' },
      sender: { platform: 'SANDBOX', openId: me.id, name: me.name }, text: body.text, mentionsBot: true, sentAt: deps.clock.now(),
    };
    void deps.dispatch(event).catch((err: unknown) => deps.logger.error({ err }, 'sandbox message failed'));
    ctx.status = 202;
    ctx.body = { ok: true };
  });

  router.post('/api/actions', async (ctx) => {
    const body = await parseBody(ctx, actionBody);
    if (!body) return;
    const me = await known(body.as);
    if (!me) return refuse(ctx, 404, 'NOT_FOUND', '演示人员不存在');
    // A form submit names its action in the button's name, as on Lark (cards/lark/form-action.ts).
    if (body.submitName !== undefined) {
      try {
        decodeLarkFormAction(body.submitName);
      } catch (err) {
        return refuse(ctx, 400, 'VALIDATION', err instanceof Error ? err.message : '无法识别的卡片操作');
      }
    }
    const message = await deps.conversations.get(body.messageId);
    if (!message || message.chat !== body.chat || !Conversations.visibleTo(me.id, message.chat)) return refuse(ctx, 404, 'NOT_FOUND', '卡片不存在或已过期，请重新发送指令');
    const event: InboundEvent = {
      kind: 'action', platform: 'SANDBOX', eventId: `sbe_${randomUUID()}`,
      chat: { id: message.chat, type: message.chat === TOWN_GROUP ? 'group' : 'p2p' },
      operator: { platform: 'SANDBOX', openId: me.id, name: me.name }, messageId: message.id,
      value: body.value ?? decodeLarkFormAction(body.submitName!), form: body.form ?? null, receivedAt: deps.clock.now(),
    };
    const answer = (await deps.dispatch(event)) ?? {};
    const cardHtml = answer.card ? await deps.conversations.updateCard(message.id, answer.card) : null;
    ctx.body = { ...(answer.toast && { toast: answer.toast }), ...(cardHtml && { cardHtml }) };
  });

  router.get('/api/stream', async (ctx) => {
    const me = await asPerson(ctx, known);
    if (!me) return;
    streamTo(ctx, deps.conversations, me.id, deps.logger);
  });

  return router;
}


/**
 * Server-sent events to one page, written straight to the socket: Koa would pipe a stream body
 * and report a closed tab as an error ("Premature close"), but a closed tab is how every stream
 * ends. Its subscription and heartbeat go with the connection.
 */
function streamTo(ctx: Context, conversations: Conversations, personId: string, logger: Logger): void {
  const res = ctx.res;
  ctx.respond = false;
  res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  const write = (chunk: string) => {
    if (!res.writableEnded && !res.destroyed) res.write(chunk);
  };
  const unwatch = conversations.watch(personId, (e: SandboxEvent) => {
    const data = e.type === 'message' ? e.message : { id: e.id, chat: e.chat, cardHtml: e.cardHtml };
    write(`event: ${e.type}\ndata: ${JSON.stringify(data)}\n\n`);
  });
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), 25_000);
  res.once('close', () => {
    clearInterval(heartbeat);
    unwatch();
    logger.debug({ personId }, 'sandbox stream closed');
  });
  ctx.req.socket.setTimeout(0);
  write(': connected\n\n');
}

async function asPerson(ctx: Context, known: (id: string) => Promise<SandboxPerson | null>): Promise<SandboxPerson | null> {
  const id = personId.safeParse(ctx.query.as);
  const me = id.success ? await known(id.data) : null;
  if (!me) refuse(ctx, 404, 'NOT_FOUND', '演示人员不存在，请重新选择');
  return me;
}

async function parseBody<T>(ctx: Context, schema: z.ZodType<T>): Promise<T | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readBody(ctx.req, MAX_BODY_BYTES));
  } catch (err) {
    if (err instanceof BodyTooLarge) refuse(ctx, err.status, err.code, err.message);
    else refuse(ctx, 400, 'VALIDATION', '请求格式有误');
    return null;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    refuse(ctx, 400, 'VALIDATION', `输入有误：${parsed.error.issues[0]?.message ?? '格式不正确'}`);
    return null;
  }
  return parsed.data;
}

function refuse(ctx: Context, status: number, error: string, message: string): void {
  ctx.status = status;
  ctx.body = { error, message };
}
