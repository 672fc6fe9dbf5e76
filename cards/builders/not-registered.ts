import type { Card } from '../model.js';

/** For someone the system does not know: polite, and who to ask. */
export function notRegisteredCard(): Card {
  return {
    title: '信访包案助手',
    colour: 'grey',
    elements: [
      {
        kind: 'markdown',
        text: '您好！您尚未登记为本系统用户，暂时无法使用信访包案助手。\n请联系镇信访办，提供您的姓名、手机号和所在单位，登记后即可使用。',
      },
      { kind: 'note', text: '为保护信访人个人信息，本系统仅向登记的工作人员提供服务。' },
    ],
  };
}
