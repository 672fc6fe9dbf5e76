import { afterEach, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../src/bot/inbound.js';
import { FixedClock } from '../../src/lib/clock.js';
import { createDingTalkInbound } from '../../src/platforms/dingtalk/events.js';
import { createDingTalkStream, createDWClient, type DingTalkStream, type DingTalkStreamOptions } from '../../src/platforms/dingtalk/stream.js';
import { captureLogger } from '../support/capture-logger.js';
import { CLIENT_ID, CLIENT_SECRET, robotText, streamFrame, TOPIC_ROBOT } from '../support/dingtalk-payloads.js';
import { FakeDingTalkGateway } from '../support/fake-dingtalk-gateway.js';

// The SDK's real WebSocket client against a local gateway socket: handshakes that fail, drops,
// silence. Only the SDK's HTTP call for the gateway URL (hard-coded to api.dingtalk.com) is
// replaced. dingtalk-stream 2.1.5 reconnects twice per failed handshake, each of which does the
// same (platforms.md 4.1): here every failure must cost exactly one new attempt, after a delay.

const until = async (what: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('DingTalk stream connection', () => {
  const { logger, lines } = captureLogger();
  let gateway: FakeDingTalkGateway | undefined;
  let stream: DingTalkStream | undefined;
  afterEach(async () => {
    await stream?.stop();
    await gateway?.close();
    stream = undefined;
    gateway = undefined;
    lines.length = 0;
  });

  /** A stream on the fake gateway; sleeps are recorded and return at once. */
  function connectTo(gw: FakeDingTalkGateway, opts: Partial<DingTalkStreamOptions> & { received?: InboundEvent[] } = {}) {
    const delays: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const client = createDWClient(CLIENT_ID, CLIENT_SECRET);
    // An attempt is in flight from the gateway request until the handshake settles.
    client.getEndpoint = async function () {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      (client as unknown as { dw_url: string }).dw_url = gw.url;
      return this;
    };
    const handshake = client._connect.bind(client);
    client._connect = async () => {
      try {
        await handshake();
      } finally {
        inFlight -= 1;
      }
    };
    const inbound = createDingTalkInbound({
      dispatch: async (e) => void opts.received?.push(e),
      answer: async () => undefined,
      confirm: async () => undefined,
      logger,
      clock: new FixedClock(new Date()),
    });
    const s = createDingTalkStream({
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      client,
      inbound,
      logger,
      heartbeatMs: 0,
      random: () => 1,
      sleep: async (ms) => {
        delays.push(ms);
        await new Promise((r) => setImmediate(r));
      },
      ...opts,
    });
    stream = s;
    return { stream: s, delays, maxInFlight: () => maxInFlight, inbound };
  }

  it('retries failed handshakes one at a time with doubling delays, capped, and no storm after connecting', async () => {
    gateway = await FakeDingTalkGateway.start({ accept: (n) => n > 4 });
    const c = connectTo(gateway, { maxDelayMs: 5000 });
    await c.stream.start();
    expect(c.stream.connected()).toBe(false); // start returns after the first (failed) attempt
    await until(() => c.stream.connected());
    expect(gateway.handshakes).toBe(5);
    expect(c.delays).toEqual([1000, 2000, 4000, 5000]);
    expect(c.maxInFlight()).toBe(1);
    // The SDK's own handlers would reconnect 1 s after each failure, twice: nothing more may come.
    await new Promise((r) => setTimeout(r, 1300));
    expect(gateway.handshakes).toBe(5);
    expect(gateway.open).toBe(1);
    expect(lines.filter((l) => l.msg === 'dingtalk stream connect failed')).toHaveLength(4);
  });

  it('takes up to half of each delay off at random (jitter)', async () => {
    gateway = await FakeDingTalkGateway.start({ accept: (n) => n > 3 });
    const randoms = [0, 0.5, 1];
    const c = connectTo(gateway, { random: () => randoms.shift() ?? 1 });
    await c.stream.start();
    await until(() => c.stream.connected());
    expect(c.delays).toEqual([500, 1500, 4000]);
  });

  it('reconnects once when an open connection drops, and starts the backoff over after a stable connection', async () => {
    gateway = await FakeDingTalkGateway.start();
    let now = 0;
    const c = connectTo(gateway, { now: () => now, stableMs: 60_000 });
    await c.stream.start();
    expect(c.stream.connected()).toBe(true);
    expect(c.delays).toEqual([]);

    gateway.dropAll(); // a drop right after connecting: the backoff goes on growing
    await until(() => gateway!.handshakes === 2 && c.stream.connected());
    gateway.dropAll();
    await until(() => gateway!.handshakes === 3 && c.stream.connected());
    expect(c.delays).toEqual([1000, 2000]);

    now += 60_000; // this connection lasted: the next drop waits the first delay again
    gateway.dropAll();
    await until(() => gateway!.handshakes === 4 && c.stream.connected());
    expect(c.delays).toEqual([1000, 2000, 1000]);
    await new Promise((r) => setTimeout(r, 100));
    expect(gateway.handshakes).toBe(4);
    expect(gateway.open).toBe(1);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'dingtalk stream connection lost, reconnecting' }));
  });

  it('drops a connection that stops answering pings, and reconnects', async () => {
    gateway = await FakeDingTalkGateway.start({ answerPings: false });
    const c = connectTo(gateway, { heartbeatMs: 25 });
    await c.stream.start();
    await until(() => gateway!.handshakes >= 2);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'dingtalk stream connection silent, dropping it' }));
  });

  it('keeps a connection that answers its pings', async () => {
    gateway = await FakeDingTalkGateway.start({ answerPings: true });
    const c = connectTo(gateway, { heartbeatMs: 20 });
    await c.stream.start();
    await new Promise((r) => setTimeout(r, 150));
    expect(gateway.handshakes).toBe(1);
    expect(c.stream.connected()).toBe(true);
  });

  it('receives a callback over the real socket and sends the ACK back over it', async () => {
    gateway = await FakeDingTalkGateway.start();
    const received: InboundEvent[] = [];
    const c = connectTo(gateway, { received });
    await c.stream.start();
    gateway.push(JSON.stringify(streamFrame(TOPIC_ROBOT, robotText(' 待办', { msgId: 'msgWs1==' }), 'm-ws-1')));
    await until(() => gateway!.received.length > 0);
    await c.inbound.idle();
    expect(gateway.received).toEqual([{ code: 200, headers: { contentType: 'application/json', messageId: 'm-ws-1' }, message: 'OK', data: '{"response":{}}' }]);
    expect(received).toEqual([expect.objectContaining({ kind: 'message', eventId: 'msgWs1==', text: '待办' })]);
  });

  it('stops: closes the connection, cancels a pending reconnect, and does not come back', async () => {
    gateway = await FakeDingTalkGateway.start({ accept: () => false });
    // A real (abortable) wait this time: stop must not wait it out.
    const c = connectTo(gateway, { sleep: undefined, baseDelayMs: 30_000 });
    await c.stream.start();
    const started = performance.now();
    await c.stream.stop();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(gateway.handshakes).toBe(1);

    gateway.accept = () => true;
    const d = connectTo(gateway);
    await d.stream.start();
    expect(gateway.open).toBe(1);
    await d.stream.stop();
    await until(() => gateway!.open === 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(gateway.handshakes).toBe(2);
  });
});
