import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundRecord } from '../../src/bot/ports/outbound.js';
import { outboundRepo } from '../../src/db/repos/outbound-repo.js';
import { DEFAULT_PAYLOAD_RETENTION } from '../../src/domain/privacy/payload-retention.js';
import { notification } from '../../src/domain/notifications.js';
import { runSystemJobs } from '../../src/jobs/system-jobs.js';
import { LarkSender } from '../../src/platforms/lark/sender.js';
import { TokenBucketLimiter } from '../../src/platforms/rate-limiter.js';
import { dropExpiredPayloads } from '../../src/usecases/privacy/drop-expired-payloads.js';
import { captureLogger } from '../support/capture-logger.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { buildTownship, type Township } from '../support/township.js';

const DAY = 86_400_000;
const CARD = { header: '李雪莲来访', body: '身份证420101199001011234，电话13912345678' };

describe.each(['postgres', 'embedded'] as const)('R24: copies of sent messages keep no personal data beyond their retention (%s, injected clock)', (kind) => {
  let t: TestDatabase;
  let town: Township;
  beforeAll(async () => {
    t = await freshDatabase(kind);
    town = await buildTownship(t.db);
  });
  afterAll(() => t.drop());

  const outbound = () => outboundRepo(t.db.prisma);
  const entry = (uuid: string, status: 'SENT' | 'FAILED'): OutboundRecord => ({
    platform: 'LARK', uuid, destination: 'open_id:ou_lixl', payload: CARD, status,
    messageId: status === 'SENT' ? `om_${uuid}` : null, attempts: status === 'SENT' ? 1 : 5, lastError: status === 'SENT' ? null : 'HTTP 500', sentAt: status === 'SENT' ? town.clock.now() : null,
  });
  const row = (uuid: string) => t.db.prisma.outboundMessage.findUniqueOrThrow({ where: { platform_uuid: { platform: 'LARK', uuid } } });
  /** The clock `ms` after the row was recorded (the database stamps createdAt). */
  const sinceRecorded = async (uuid: string, ms: number) => town.clock.set(new Date((await row(uuid)).createdAt.getTime() + ms));
  const drop = () => dropExpiredPayloads(town.deps, DEFAULT_PAYLOAD_RETENTION);

  it('R24: a delivered card keeps its content for 7 days, then loses it; platform, uuid, message id, status and times stay', async () => {
    await outbound().record(entry('sent-1', 'SENT'));
    await sinceRecorded('sent-1', 7 * DAY - 1000);
    expect(await drop()).toMatchObject({ outbound: 0 });
    expect((await row('sent-1')).payload).toEqual(CARD);
    await sinceRecorded('sent-1', 7 * DAY + 1000);
    expect(await drop()).toMatchObject({ outbound: 1 });
    const after = await row('sent-1');
    expect(after).toMatchObject({ platform: 'LARK', uuid: 'sent-1', messageId: 'om_sent-1', status: 'SENT', attempts: 1, payload: null, payloadDroppedAt: town.clock.now() });
    expect(after.sentAt).not.toBeNull();
    expect(await drop()).toMatchObject({ outbound: 0 });
  });

  it('R24: after its content is dropped, a late retry of the same uuid is still answered with the first message id, not posted again', async () => {
    await outbound().record(entry('sent-2', 'SENT'));
    await sinceRecorded('sent-2', 8 * DAY);
    await drop();
    expect((await row('sent-2')).payload).toBeNull();
    expect(await outbound().deliveredMessageId('LARK', 'sent-2')).toBe('om_sent-2');
    const { logger } = captureLogger('warn');
    const sender = new LarkSender({ limiter: new TokenBucketLimiter(() => town.clock.now().getTime(), async () => undefined), outbound: outbound(), clock: town.clock, logger });
    let posted = 0;
    const again = await sender.deliver({ uuid: 'sent-2', destination: 'open_id:ou_lixl', payload: CARD, target: { userId: 'ou_lixl' }, kind: 'send', run: async () => ((posted += 1), { code: 0, data: { message_id: 'om_twice' } }) });
    expect(again).toEqual({ messageId: 'om_sent-2' });
    expect(posted).toBe(0);
  });

  it('R24: a failed send keeps its content while it may be retried and a while after (30 days), then loses it too', async () => {
    await outbound().record(entry('failed-1', 'FAILED'));
    await sinceRecorded('failed-1', 8 * DAY);
    await drop();
    expect((await row('failed-1')).payload).toEqual(CARD);
    await sinceRecorded('failed-1', 30 * DAY + 1000);
    await drop();
    expect(await row('failed-1')).toMatchObject({ status: 'FAILED', lastError: 'HTTP 500', payload: null });
  });

  it('R24: with a retention of 0 days a delivered card is recorded without its content; a failed one keeps it', async () => {
    const none = outboundRepo(t.db.prisma, { sentDays: 0 });
    await none.record(entry('zero-1', 'SENT'));
    await none.record(entry('zero-2', 'FAILED'));
    expect(await row('zero-1')).toMatchObject({ status: 'SENT', messageId: 'om_zero-1', payload: null, payloadDroppedAt: town.clock.now() });
    expect((await row('zero-2')).payload).toEqual(CARD);
    expect(await none.deliveredMessageId('LARK', 'zero-1')).toBe('om_zero-1');
  });

  it('R24: outbox pushes — a pending one keeps its notification whatever its age, a delivered one loses it after 7 days, a given-up one after 30; the outbox key still stops a second push', async () => {
    const person = town.people.deputy.id;
    const n = (key: string) => notification({ kind: 'DEADLINE_REMINDER', key, urgency: 'NORMAL', recipientIds: [person], title: '李雪莲 13912345678', body: '身份证420101199001011234' });
    const pushes = await town.deps.uow.run((repos) =>
      repos.pushes.record(['pending', 'sent', 'failed', 'sent-now'].map((k) => ({ key: `retention-${k}|${person}`, personId: person, notification: n(`retention-${k}`), dueAt: town.clock.now() }))),
    );
    const [pending, sent, failed, sentNow] = pushes.map((p) => p.id) as [string, string, string, string];
    await town.deps.uow.run(async (repos) => {
      await repos.pushes.markSent(sent, town.clock.now(), 1);
      await repos.pushes.markAttemptFailed(failed, 'HTTP 500', 8, true);
      await repos.pushes.markSent(sentNow, town.clock.now(), 1, true);
    });
    const push = (id: string) => t.db.prisma.push.findUniqueOrThrow({ where: { id } });
    // A retention of 0 days: the notification went with the delivery.
    expect(await push(sentNow)).toMatchObject({ status: 'SENT', payload: null });

    const recordedAt = (await push(sent)).createdAt.getTime();
    town.clock.set(new Date(recordedAt + 8 * DAY));
    expect(await drop()).toMatchObject({ pushes: 1 });
    expect(await push(sent)).toMatchObject({ status: 'SENT', key: `retention-sent|${person}`, payload: null, payloadDroppedAt: town.clock.now() });
    expect((await push(failed)).payload).not.toBeNull();
    town.clock.set(new Date(recordedAt + 400 * DAY));
    expect(await drop()).toMatchObject({ pushes: 1 });
    expect(await push(failed)).toMatchObject({ status: 'FAILED', payload: null });
    expect(await push(pending)).toMatchObject({ status: 'PENDING', payload: expect.objectContaining({ title: '李雪莲 13912345678' }) });

    await town.deps.uow.read(async (repos) => {
      expect((await repos.pushes.get(pending))?.notification.title).toBe('李雪莲 13912345678');
      expect(await repos.pushes.get(sent)).toBeNull();
      expect(await repos.pushes.recorded(`retention-sent|${person}`)).toBe(true);
    });
    const again = await town.deps.uow.run((repos) => repos.pushes.record([{ key: `retention-sent|${person}`, personId: person, notification: n('retention-sent'), dueAt: town.clock.now() }]));
    expect(again).toEqual([]);
  });

  it('R24: the hourly system jobs drop what is past its retention, with the configured days, and count it', async () => {
    await outbound().record(entry('jobs-1', 'SENT'));
    await sinceRecorded('jobs-1', 2 * DAY);
    const { logger, lines } = captureLogger('info');
    const { report } = await runSystemJobs(town.deps, logger, { retention: { sentDays: 1, failedDays: 3 } });
    expect(report.payloadsDropped).toBeGreaterThanOrEqual(1);
    expect((await row('jobs-1')).payload).toBeNull();
    expect(lines.find((l) => l.msg === 'system jobs done')).toMatchObject({ payloadsDropped: report.payloadsDropped });
  });
});
