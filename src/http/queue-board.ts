import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { KoaAdapter } from '@bull-board/koa';
import type { Middleware } from 'koa';
import type { SchedulerQueues } from '../scheduler/queues.js';
import { bullBoardViewsWithoutGoogleFonts } from './bull-board-views.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** Bull Board over the scheduler's queues: its own Koa sub-app, mounted at `basePath`. Authentication is the caller's. */
export function queueBoard(queues: SchedulerQueues, basePath = QUEUE_BOARD_PATH): Middleware {
  const serverAdapter = new KoaAdapter().setBasePath(basePath);
  createBullBoard({
    queues: [
      new BullMQAdapter(queues.duties, { description: '定时事项：期限提醒、审批提醒、预警升级' }),
      new BullMQAdapter(queues.deliveries, { description: '推送投递（发件箱 Push 表中的每条推送）' }),
    ],
    serverAdapter,
    options: { uiConfig: { boardTitle: '信访包案助手 · 队列', locale: { lng: 'zh-CN' }, hideDocsLink: true } },
  });
  serverAdapter.setViewsPath(bullBoardViewsWithoutGoogleFonts());
  return serverAdapter.registerPlugin() as Middleware;
}

/** Without Redis there are no queues to show: the board's path says so instead of a bare 404. */
export function queueBoardOrOff(queues: SchedulerQueues | undefined, basePath = QUEUE_BOARD_PATH): Middleware {
  if (queues) return queueBoard(queues, basePath);
  return async (ctx, next) => {
    if (ctx.path !== basePath && !ctx.path.startsWith(`${basePath}/`)) return next();
    ctx.status = 503;
    ctx.body = { error: 'UNAVAILABLE', message: '未配置 REDIS_URL：定时推送未启用，没有可查看的队列' };
  };
}
