import type * as lark from '@larksuiteoapi/node-sdk';
import type { ContactDirectory, ContactMatch } from '../../usecases/ports/identity-sync.js';
import type { LarkSender } from './sender.js';

type IdType = 'open_id' | 'union_id' | 'user_id';
const BATCH = 50;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** contact.user.batchGetId in batches of 50: the id of `idType` for each mobile / email Lark knows. */
export async function lookUpLarkIds(
  client: lark.Client,
  sender: LarkSender,
  contacts: { mobiles: string[]; emails: string[] },
  idType: IdType,
): Promise<{ byMobile: Map<string, string>; byEmail: Map<string, string> }> {
  const byMobile = new Map<string, string>();
  const byEmail = new Map<string, string>();
  const batches = [
    ...chunks([...new Set(contacts.mobiles)], BATCH).map((mobiles) => ({ mobiles })),
    ...chunks([...new Set(contacts.emails)], BATCH).map((emails) => ({ emails })),
  ];
  for (const data of batches) {
    const { body } = await sender.call({ app: true }, () =>
      client.contact.user.batchGetId({ params: { user_id_type: idType }, data: { ...data, include_resigned: false } }),
    );
    for (const u of body.data?.user_list ?? []) {
      if (!u.user_id) continue;
      if (u.mobile) byMobile.set(u.mobile, u.user_id);
      if (u.email) byEmail.set(u.email, u.user_id);
    }
  }
  return { byMobile, byEmail };
}

/** The township's people as Lark knows them: open_id and union_id by mobile, else by email. */
export function larkContactDirectory(client: lark.Client, sender: LarkSender): ContactDirectory {
  return {
    platform: 'LARK',
    async lookup(contacts) {
      const open = await lookUpLarkIds(client, sender, contacts, 'open_id');
      const union = await lookUpLarkIds(client, sender, contacts, 'union_id');
      const matches: ContactMatch[] = [];
      for (const mobile of new Set(contacts.mobiles)) {
        const openId = open.byMobile.get(mobile);
        if (openId) matches.push({ mobile, ids: { openId, unionId: union.byMobile.get(mobile) ?? null } });
      }
      for (const email of new Set(contacts.emails)) {
        const openId = open.byEmail.get(email);
        if (openId) matches.push({ email, ids: { openId, unionId: union.byEmail.get(email) ?? null } });
      }
      return matches;
    },
  };
}
