import { createHmac } from 'node:crypto';

// Real-format DingTalk payloads (platforms.md 4.2 / 4.4, the shapes of captured robot messages and
// card callbacks), stream frames, and the HTTP-mode signature, written independently of src/ so
// that tests check src against them.

export const CLIENT_ID = 'dingxq3cdlkpyqwvw8bz';
export const CLIENT_SECRET = 'test-app-secret-Xb2nQ9v';
export const CORP_ID = 'ding9f50b15bccd16741';
export const BOT_DINGTALK_ID = '$:LWCP_v1:$botBotBotBotBot0000000000000==';
export const GROUP_ID = 'cidAsXSBLnAaGroup0000000==';
export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';
export const TOPIC_CARD = '/v1.0/card/instances/callback';

export interface DingTalkUser {
  staffId: string | null;
  dingtalkId: string;
  nick: string;
}

export const LI: DingTalkUser = { staffId: '166506236298', dingtalkId: '$:LWCP_v1:$li00000000000000000000jqTg==', nick: '李四' };
export const ZHANG: DingTalkUser = { staffId: '054632473136322716', dingtalkId: '$:LWCP_v1:$zhang000000000000000000Qw==', nick: '张三' };

let seq = 0;
const next = (prefix: string) => `${prefix}${Date.now().toString(36)}${(++seq).toString(36).padStart(5, '0')}==`;

export interface RobotMessageOptions {
  msgId?: string;
  /** '1' 单聊, '2' 群聊 (default group). */
  conversationType?: '1' | '2';
  conversationId?: string;
  sender?: DingTalkUser;
  /** In a group: whether the robot was @-ed (DingTalk delivers group messages only then). */
  atBot?: boolean;
  /** Other people @-ed besides the robot. */
  atOthers?: DingTalkUser[];
  createAt?: Date;
}

function base(o: RobotMessageOptions) {
  const at = o.createAt ?? new Date();
  const sender = o.sender ?? LI;
  const group = (o.conversationType ?? '2') === '2';
  const atUsers = group ? [...(o.atBot === false ? [] : [{ dingtalkId: BOT_DINGTALK_ID }]), ...(o.atOthers ?? []).map((u) => ({ dingtalkId: u.dingtalkId, staffId: u.staffId }))] : [];
  return {
    conversationId: o.conversationId ?? (group ? GROUP_ID : `cid1to1${sender.dingtalkId.slice(-10)}`),
    ...(atUsers.length > 0 && { atUsers }),
    chatbotCorpId: CORP_ID,
    chatbotUserId: BOT_DINGTALK_ID,
    msgId: o.msgId ?? next('msg'),
    senderNick: sender.nick,
    isAdmin: false,
    ...(sender.staffId !== null && { senderStaffId: sender.staffId }),
    sessionWebhookExpiredTime: at.getTime() + 5_400_188,
    createAt: at.getTime(),
    senderCorpId: CORP_ID,
    conversationType: o.conversationType ?? '2',
    senderId: sender.dingtalkId,
    ...(group && { conversationTitle: '某某镇信访工作群', isInAtList: o.atBot !== false }),
    sessionWebhook: `https://oapi.dingtalk.com/robot/sendBySession?session=${next('s').replace(/=/g, '')}`,
    robotCode: CLIENT_ID,
  };
}

/** A text message. DingTalk removes "@robot" from group texts and leaves the space after it: `content` is given as it arrives. */
export function robotText(content: string, o: RobotMessageOptions = {}) {
  return { ...base(o), text: { content }, msgtype: 'text' as const };
}

export function robotPicture(o: RobotMessageOptions = {}) {
  return { ...base(o), content: { pictureDownloadCode: 'mIofN681YE3f/+m+NntqpWJVQ==', downloadCode: 'mIofN681YE3f/+m+NntqpUjJ7rP==' }, msgtype: 'picture' as const };
}

export function robotRichText(parts: ({ text: string } | 'picture')[], o: RobotMessageOptions = {}) {
  const richText = parts.map((p) => (p === 'picture' ? { type: 'picture', pictureDownloadCode: 'pdc==', downloadCode: 'dc==' } : p));
  return { ...base(o), content: { richText }, msgtype: 'richText' as const };
}

export function robotAudio(recognition: string, o: RobotMessageOptions = {}) {
  return { ...base(o), content: { duration: 2400, downloadCode: 'audio==', recognition }, msgtype: 'audio' as const };
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

/** The text a click on an ActionCard button sends (dtmd sendMessage link): "#操作 " + base64url(JSON {v: value, c?: card ref}). */
export function actionClick(value: unknown, o: RobotMessageOptions & { cardRef?: string } = {}) {
  return robotText(`#操作 ${b64url({ v: value, ...(o.cardRef && { c: o.cardRef }) })}`, o);
}

/** The text a click on a button that asks first sends: "#确认 " + base64url(JSON {value, title, text, c?: card ref}). */
export function confirmClick(value: unknown, title: string, text: string, o: RobotMessageOptions & { cardRef?: string } = {}) {
  return robotText(`#确认 ${b64url({ value, title, text, ...(o.cardRef && { c: o.cardRef }) })}`, o);
}

export interface CardCallbackOptions {
  outTrackId?: string;
  userId?: string;
  /** params.action, as the template passes it: our action value JSON, as a string. */
  action?: unknown;
  /** Form inputs, passed as further params. */
  form?: Record<string, unknown>;
  actionIds?: string[];
  spaceType?: 'IM_GROUP' | 'IM_ROBOT';
  spaceId?: string;
  /** DingTalk sends `content` as a JSON string; some gateways hand it over parsed. */
  contentAsObject?: boolean;
}

/** A card callback (TOPIC_CARD data, or the body POSTed in HTTP mode). */
export function cardCallback(o: CardCallbackOptions = {}) {
  const params = { ...(o.action !== undefined && { action: typeof o.action === 'string' ? o.action : JSON.stringify(o.action) }), ...o.form };
  const content = { cardPrivateData: { actionIds: o.actionIds ?? ['submit'], params } };
  return {
    outTrackId: o.outTrackId ?? next('track-'),
    corpId: CORP_ID,
    userId: o.userId ?? LI.staffId!,
    userIdType: 1,
    type: 'actionCallback',
    content: o.contentAsObject ? content : JSON.stringify(content),
    extension: JSON.stringify({}),
    spaceType: o.spaceType ?? 'IM_GROUP',
    spaceId: o.spaceId ?? GROUP_ID,
  };
}

/** A stream frame as the gateway pushes it (DWClientDownStream), for `dw.onDownStream(JSON.stringify(frame))`. */
export function streamFrame(topic: string, data: unknown, messageId: string, o: { type?: 'CALLBACK' | 'SYSTEM' | 'EVENT'; at?: Date } = {}) {
  return {
    specVersion: '1.0',
    type: o.type ?? 'CALLBACK',
    headers: {
      appId: '1305d5f5-6b3a-4f0e-9d33-0c1f0d6d4b21',
      connectionId: 'conn-7f2a',
      contentType: 'application/json',
      messageId,
      time: String((o.at ?? new Date()).getTime()),
      topic,
    },
    data: typeof data === 'string' ? data : JSON.stringify(data),
  };
}

/** HTTP-mode headers as DingTalk signs them: sign = base64(HMAC-SHA256(secret, timestamp + "\n" + secret)). */
export function signedHeaders(secret: string, at: Date): { timestamp: string; sign: string; 'content-type': string } {
  const timestamp = String(at.getTime());
  const sign = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
  return { timestamp, sign, 'content-type': 'application/json; charset=utf-8' };
}

const usedStamps = new Set<number>();

/**
 * Signed headers with a timestamp no earlier request of this process had (`at`, or the first
 * free millisecond after it): the receiver accepts each signature with one body only, and a
 * test clock stands still.
 */
export function freshSignedHeaders(secret: string, at: Date): ReturnType<typeof signedHeaders> {
  let stamp = at.getTime();
  while (usedStamps.has(stamp)) stamp += 1;
  usedStamps.add(stamp);
  return signedHeaders(secret, new Date(stamp));
}
