import { resultCard } from '../../../cards/builders/result.js';
import { assertGlobalAllowed } from '../../domain/authorization.js';
import { DomainError } from '../../domain/errors.js';
import type { ContactDirectory } from '../../usecases/ports/identity-sync.js';
import type { PlatformName } from '../../usecases/ports/platform.js';
import { syncPlatformIdentities } from '../../usecases/platform/sync-identities.js';
import type { CommandHandler } from '../handler.js';

/** 同步用户: the office links registered people to their accounts on this platform by mobile or email. */
export function syncUsersCommand(directories: ReadonlyMap<PlatformName, ContactDirectory>): CommandHandler {
  return {
    words: ['同步用户'],
    policy: { global: 'EDIT_SETTINGS' },
    help: { what: '按手机号或邮箱，把已登记的人员关联到本平台的账号' },
    async run(ctx) {
      assertGlobalAllowed(ctx.actor.person, 'EDIT_SETTINGS');
      const directory = directories.get(ctx.event.platform);
      if (!directory) throw new DomainError('VALIDATION', '当前平台不支持通讯录同步');
      const s = await syncPlatformIdentities(ctx.deps, directory);
      const names = (list: { name: string }[]) => (list.length ? list.map((p) => p.name).join('、') : '无');
      await ctx.reply(
        resultCard({
          title: `用户同步完成：新关联 ${s.linked.length} 人`,
          fields: [
            { label: '新关联', value: names(s.linked) },
            { label: '已关联', value: String(s.alreadyLinked.length) },
            { label: '通讯录中未找到', value: names(s.notFound) },
            { label: '账号已被他人关联', value: names(s.conflicts) },
          ],
          note: '未找到的人员请核对手机号或邮箱后重试。',
        }),
      );
    },
  };
}
