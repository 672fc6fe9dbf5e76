import { setTimeout as delay } from 'node:timers/promises';
import { DWClient, EventAck, TOPIC_CARD, TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import type { Logger } from '../../lib/logger.js';
import { withTimeout } from '../../lib/timeout.js';
import type { DingTalkInbound } from './events.js';
import { RecentKeys } from './recent.js';

/** The parts of the SDK's `ws` socket this module uses. */
interface StreamSocket {
  on(event: 'close' | 'pong' | 'message', listener: () => void): unknown;
  ping(): void;
  terminate(): void;
}

/** Private fields of DWClient 2.1.5 read or set here (no public way to reach them). */
interface DWClientInternals {
  socket?: StreamSocket;
  sslopts: Record<string, unknown>;
}
const internals = (dw: DWClient) => dw as unknown as DWClientInternals;

export interface DingTalkStreamOptions {
  clientId: string;
  clientSecret: string;
  inbound: DingTalkInbound;
  logger: Logger;
  /** Default: a DWClient for these credentials, its own reconnects off (tests pass one with a stubbed socket). */
  client?: DWClient;
  /** Waits between reconnects; must reject when `signal` aborts (stop). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** First reconnect delay, doubled per failure up to `maxDelayMs` (defaults 1 s and 60 s); jitter takes up to half off. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A connection that lived this long was healthy: the next drop starts the backoff over (default 60 s). */
  stableMs?: number;
  /** Ping interval; a connection with no pong or frame for one interval is dropped (default 10 s; 0: off). */
  heartbeatMs?: number;
  /** Limit on the gateway request and on the WebSocket handshake (default 10 s). */
  handshakeTimeoutMs?: number;
  /** How many recent stream message ids are remembered to drop re-pushes (default 5 000). */
  recentCapacity?: number;
}

export interface DingTalkStream {
  readonly client: DWClient;
  /** Connects; resolves after the first attempt (a failure is logged and retried in the background). */
  start(): Promise<void>;
  stop(): Promise<void>;
  connected(): boolean;
}

/** A DWClient without the SDK's own reconnects: 2.1.5 reconnects twice per failed handshake (platforms.md 4.1). */
export function createDWClient(clientId: string, clientSecret: string): DWClient {
  const opts = { clientId, clientSecret, keepAlive: false, autoReconnect: false, debug: false };
  return new DWClient(opts);
}

/**
 * Stream mode: DingTalk pushes robot messages and card callbacks over a WebSocket this process
 * opens. Every callback is acknowledged first (unacknowledged ones are pushed again within 60 s),
 * re-pushes are dropped by stream message id, then the payload goes to the inbound handler.
 * Reconnects are this module's: one at a time, exponential backoff with jitter; the SDK's are off.
 */
export function createDingTalkStream(o: DingTalkStreamOptions): DingTalkStream {
  const log = o.logger.child({ platform: 'DINGTALK', component: 'dingtalk-stream' });
  const dw = o.client ?? createDWClient(o.clientId, o.clientSecret);
  const sleep = o.sleep ?? ((ms: number, signal: AbortSignal) => delay(ms, undefined, { signal }));
  const random = o.random ?? Math.random;
  const now = o.now ?? Date.now;
  const baseDelay = o.baseDelayMs ?? 1_000;
  const maxDelay = o.maxDelayMs ?? 60_000;
  const stableMs = o.stableMs ?? 60_000;
  const heartbeatMs = o.heartbeatMs ?? 10_000;
  const handshakeMs = o.handshakeTimeoutMs ?? 10_000;
  const seen = new RecentKeys(o.recentCapacity ?? 5_000);

  internals(dw).sslopts = { ...internals(dw).sslopts, handshakeTimeout: handshakeMs };

  // A frame that is not JSON makes the SDK throw inside the socket's message handler, which
  // would bring the process down.
  const onDownStream = dw.onDownStream.bind(dw);
  dw.onDownStream = (data: string) => {
    try {
      onDownStream(data);
    } catch (err) {
      log.warn({ err, bytes: String(data).length }, 'dingtalk stream frame ignored: unreadable');
    }
  };

  const callback = (topic: 'robot' | 'card') => (frame: DWClientDownStream) => {
    const messageId = frame.headers?.messageId;
    try {
      if (!messageId) {
        log.warn({ topic }, 'dingtalk stream callback without a message id ignored');
        return;
      }
      dw.socketCallBackResponse(messageId, {});
      if (!seen.add(messageId)) {
        log.info({ topic, messageId }, 'dingtalk stream re-push ignored');
        return;
      }
      let payload: unknown;
      try {
        payload = JSON.parse(frame.data);
      } catch {
        log.warn({ topic, messageId, reason: 'MALFORMED_JSON' }, 'dingtalk stream callback ignored: data is not JSON');
        return;
      }
      const receipt = topic === 'robot' ? o.inbound.robotMessage(payload) : o.inbound.cardCallback(payload);
      log.debug({ topic, messageId, receipt }, 'dingtalk stream callback accepted');
    } catch (err) {
      // The SDK emits callbacks synchronously from the socket handler: nothing may escape.
      log.error({ err, topic, messageId }, 'dingtalk stream callback failed');
    }
  };
  dw.registerCallbackListener(TOPIC_ROBOT, callback('robot'));
  dw.registerCallbackListener(TOPIC_CARD, callback('card'));
  // Org events (the subscription the SDK always adds) are not used: acknowledged and dropped.
  dw.registerAllEventListener((frame) => {
    log.debug({ eventType: frame.headers?.eventType }, 'dingtalk stream event ignored');
    return { status: EventAck.SUCCESS };
  });

  let running = false;
  let abort = new AbortController();
  let loop: Promise<void> | null = null;
  let current: StreamSocket | null = null;
  let connectedAt = 0;
  let streak = 0;
  let heartbeat: NodeJS.Timeout | undefined;

  const backoff = (n: number) => Math.min(maxDelay, baseDelay * 2 ** n) * (0.5 + random() / 2);

  const watch = (socket: StreamSocket) => {
    current = socket;
    connectedAt = now();
    let alive = true;
    const lively = () => (alive = true);
    socket.on('pong', lively);
    socket.on('message', lively);
    socket.on('close', () => {
      if (socket !== current) return;
      current = null;
      clearInterval(heartbeat);
      if (!running) return;
      if (now() - connectedAt >= stableMs) streak = 0;
      log.warn({ lastedMs: now() - connectedAt }, 'dingtalk stream connection lost, reconnecting');
      void reconnect(false);
    });
    if (heartbeatMs > 0) {
      heartbeat = setInterval(() => {
        if (!alive) {
          log.warn({ heartbeatMs }, 'dingtalk stream connection silent, dropping it');
          socket.terminate();
          return;
        }
        alive = false;
        socket.ping();
      }, heartbeatMs);
      heartbeat.unref();
    }
  };

  const attempt = async () => {
    await withTimeout(dw.getEndpoint(), handshakeMs, 'dingtalk stream gateway');
    await dw._connect();
    const socket = internals(dw).socket;
    if (!socket) throw new Error('dingtalk stream: connected without a socket');
    if (!running) {
      socket.terminate();
      return;
    }
    watch(socket);
  };

  /** The one connect loop; a second call while it runs joins it (never two connects in flight). */
  const reconnect = (first: boolean): Promise<void> => {
    if (loop) return loop;
    const signal = abort.signal;
    let firstDone!: () => void;
    const firstAttempt = new Promise<void>((r) => (firstDone = r));
    loop = (async () => {
      for (let immediate = first; running; immediate = false) {
        if (!immediate) {
          const wait = Math.round(backoff(streak));
          streak += 1;
          await sleep(wait, signal);
          if (!running) return;
        }
        try {
          await attempt();
          log.info({ streak }, '钉钉 Stream 连接已建立 (DingTalk stream connected)');
          return;
        } catch (err) {
          log.warn({ err, streak }, 'dingtalk stream connect failed');
        } finally {
          firstDone();
        }
      }
    })()
      .catch((err: unknown) => {
        if (!signal.aborted) log.error({ err }, 'dingtalk stream reconnect loop failed');
      })
      .finally(() => {
        loop = null;
        firstDone();
      });
    return first ? firstAttempt : loop;
  };

  return {
    client: dw,
    async start() {
      if (running) return;
      running = true;
      abort = new AbortController();
      streak = 0;
      await reconnect(true);
    },
    async stop() {
      running = false;
      abort.abort();
      clearInterval(heartbeat);
      const socket = current;
      current = null;
      if (socket) dw.disconnect();
      await loop;
    },
    connected: () => current !== null,
  };
}
