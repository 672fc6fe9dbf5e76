import type { PrismaClient } from '../../generated/prisma/client.js';
import type { RecordedTask } from '../../domain/worklist/platform-tasks.js';
import { fromDbDate, toDbDate } from '../../lib/local-date.js';
import type { PlatformTaskStore } from '../../usecases/ports/platform-tasks.js';

/** PlatformTask rows: the tasks the sync made in people's to-do lists (issue 16). */
export function platformTaskStore(prisma: PrismaClient): PlatformTaskStore {
  return {
    async forPerson(platform, personId) {
      const rows = await prisma.platformTask.findMany({ where: { platform, personId }, orderBy: { createdAt: 'asc' } });
      return rows.map((r) => ({ dutyKey: r.dutyKey, taskId: r.taskId, summary: r.summary, dueOn: fromDbDate(r.dueOn), done: r.done }));
    },
    async save(platform, personId, t: RecordedTask) {
      const data = { taskId: t.taskId, summary: t.summary, dueOn: toDbDate(t.dueOn), done: t.done };
      await prisma.platformTask.upsert({
        where: { platform_personId_dutyKey: { platform, personId, dutyKey: t.dutyKey } },
        create: { platform, personId, dutyKey: t.dutyKey, ...data },
        update: data,
      });
    },
  };
}
