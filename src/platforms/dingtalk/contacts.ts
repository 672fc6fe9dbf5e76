import type { ContactDirectory, ContactMatch } from '../../usecases/ports/identity-sync.js';
import type { DingTalkSender } from './sender.js';
import { DingTalkSendError } from './send-error.js';

// Legacy errcode of getbymobile / getbyunionid when no one in the organisation matches.
const NOT_FOUND = '60121';

/** The userid (staffId) of the person with this mobile: legacy POST /topapi/v2/user/getbymobile; null when unknown. */
export async function dingtalkUserIdByMobile(sender: DingTalkSender, mobile: string): Promise<string | null> {
  try {
    const { body } = await sender.call<{ result?: { userid?: unknown } }>(
      { app: true },
      { host: 'oapi', method: 'POST', path: '/topapi/v2/user/getbymobile', body: { mobile } },
    );
    const userid = body.result?.userid;
    return typeof userid === 'string' && userid ? userid : null;
  } catch (err) {
    if (err instanceof DingTalkSendError && err.dingtalkCode === NOT_FOUND) return null;
    throw err;
  }
}

/** The userid (staffId) of the organisation member with this unionId: legacy POST /topapi/user/getbyunionid; null when not a member. */
export async function dingtalkUserIdByUnionId(sender: DingTalkSender, unionId: string): Promise<string | null> {
  try {
    const { body } = await sender.call<{ result?: { userid?: unknown } }>({ app: true }, { host: 'oapi', method: 'POST', path: '/topapi/user/getbyunionid', body: { unionid: unionId } });
    const userid = body.result?.userid;
    return typeof userid === 'string' && userid ? userid : null;
  } catch (err) {
    if (err instanceof DingTalkSendError && err.dingtalkCode === NOT_FOUND) return null;
    throw err;
  }
}

/** The township's people as DingTalk knows them: userid by mobile (DingTalk has no look-up by email). */
export function dingtalkContactDirectory(sender: DingTalkSender): ContactDirectory {
  return {
    platform: 'DINGTALK',
    keyId: 'userId',
    async lookup(contacts) {
      const matches: ContactMatch[] = [];
      for (const mobile of new Set(contacts.mobiles)) {
        const userId = await dingtalkUserIdByMobile(sender, mobile);
        if (userId) matches.push({ mobile, ids: { userId } });
      }
      return matches;
    },
  };
}
