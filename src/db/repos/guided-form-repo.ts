import type { ActionValue, FormInput } from '../../../cards/model.js';
import type { GuidedFormStore } from '../../bot/ports/guided-forms.js';
import type { PrismaClient } from '../../generated/prisma/client.js';

export function guidedFormStore(prisma: PrismaClient): GuidedFormStore {
  return {
    async current(platform, userKey, now) {
      const row = await prisma.guidedForm.findUnique({ where: { platform_userKey: { platform, userKey } } });
      if (!row || row.expiresAt <= now) return null;
      return {
        ...row,
        inputs: row.inputs as unknown as FormInput[],
        submit: row.submit as unknown as ActionValue,
        answers: row.answers as Record<string, string | string[] | boolean>,
      };
    },
    async save(s) {
      const data = { title: s.title, inputs: s.inputs as object[], submit: s.submit, answers: s.answers, step: s.step, startedAt: s.startedAt, expiresAt: s.expiresAt };
      await prisma.guidedForm.upsert({
        where: { platform_userKey: { platform: s.platform, userKey: s.userKey } },
        create: { id: s.id, platform: s.platform, userKey: s.userKey, ...data },
        update: { id: s.id, ...data },
      });
    },
    async remove(platform, userKey) {
      await prisma.guidedForm.deleteMany({ where: { platform, userKey } });
    },
  };
}
