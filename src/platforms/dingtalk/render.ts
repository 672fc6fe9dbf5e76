import { oneLine, truncate } from '../../../cards/markdown.js';
import type { Card, CardButton, CardElement, FormInput } from '../../../cards/model.js';
import { actionText, confirmText, MAX_ACTION_TEXT, sendMessageLink } from './action-text.js';
import { dingtalkMarkdown, dingtalkPlain, hardBreaks, markdownLink, plainFromMarkdown } from './markdown.js';

// Without a card template (made by the township in DingTalk's card builder) a robot can send
// markdown and ActionCards, whose buttons can only open links. Our buttons are
// `dtmd://dingtalkclient/sendMessage` links: a click sends the button's action as a text
// (action-text.ts) that the receiver turns back into a click. ActionCards take at most 5 buttons.

/** What a robot message send takes (msgKey + msgParam, the latter sent as a JSON string). */
export type DingTalkRobotMessage =
  | { msgKey: 'sampleMarkdown'; msgParam: { title: string; text: string } }
  | { msgKey: 'sampleActionCard'; msgParam: { title: string; text: string; singleTitle: string; singleURL: string } }
  | { msgKey: `sampleActionCard${2 | 3 | 4 | 5}`; msgParam: Record<string, string> & { title: string; text: string } };

/**
 * The variables of the township's interactive card template (DINGTALK_CARD_TEMPLATE_ID), all strings:
 *
 * - `title`    the card's title (plain text): bind it to the template's title.
 * - `markdown` the card's body as DingTalk markdown: bind it to a markdown component.
 * - `buttons`  a JSON array `[{"text", "style", "action", "confirm"}]`, one element per button, in order:
 *              bind a button list (loop) to it, each a 回调 (callback) button labelled `text`, whose
 *              callback parameter `action` is the element's `action` (the action value as JSON; the
 *              card callback then carries it in `cardPrivateData.params.action`). `style` is
 *              primary | default | danger. `confirm` is null or `{"title", "text"}`: such a button must
 *              ask for confirmation with these texts before it calls back.
 */
export interface DingTalkTemplateCard {
  cardParamMap: { title: string; markdown: string; buttons: string };
}

/**
 * The variables of the township's form template (DINGTALK_FORM_TEMPLATE_ID): `title`, `markdown`
 * and `buttons` as in DingTalkTemplateCard, and
 *
 * - `fields`       a JSON array, one element per input, in order: `{"name", "label", "kind", "required",
 *                  "placeholder", "initial", "options": [{"value", "label"}], "maxLength"}`, kind one of
 *                  text | textarea | select | multiselect | date | datetime | checkbox. Bind a loop to it
 *                  with one input component per kind (shown by `kind`); each input's name is the
 *                  element's `name`, so that DingTalk passes its value under that name in
 *                  `cardPrivateData.params`: text as typed, a select's option `value`, a multiselect's
 *                  values as an array, dates as "YYYY-MM-DD", date and time as "YYYY-MM-DD HH:mm"
 *                  (Beijing time), a checkbox as true / false. "[]" when the card has no form: show no inputs.
 * - `submitText`   the submit button's label ("" when there is no form: hide the button);
 * - `submitAction` the submit button's callback parameter `action` (the action value as JSON), sent
 *                  together with the inputs' values.
 */
export interface DingTalkFormTemplateCard {
  cardParamMap: DingTalkTemplateCard['cardParamMap'] & { fields: string; submitText: string; submitAction: string };
}

export interface DingTalkTemplateField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'multiselect' | 'date' | 'datetime' | 'checkbox';
  required: boolean;
  placeholder: string;
  initial: string | boolean | null;
  options: { value: string; label: string }[];
  maxLength: number | null;
}

export interface DingTalkTemplateButton {
  text: string;
  style: CardButton['style'];
  action: string;
  confirm: { title: string; text: string } | null;
}

export interface DingTalkRenderOptions {
  /**
   * A group robot message carries no buttons: a click would post its `#操作` text as the person's
   * own message, which the robot does not receive unless @-mentioned and which every member sees.
   * The message says where to act instead.
   */
  inGroup?: boolean | undefined;
  /**
   * Names the message in its buttons' texts (action-text.ts card ref, ≤ 64 characters), so that
   * a click says which card it came from (message-ref.ts messageIdOfCardRef).
   */
  cardRef?: string | undefined;
}

const MAX_ACTION_CARD_BUTTONS = 5;
const GROUP_ACTIONS_HINT = '如需办理，请在与机器人的单聊中发送「待办」或「案件 编号」。';
const FORM_HINT = '钉钉卡片内不能填写：机器人会在单聊中逐项询问，按提示回复即可。';
const FORM_OPEN_HINT = '点击「开始填写」，机器人会在单聊中逐项询问，按提示回复即可。';

interface Button {
  label: string;
  button: CardButton;
}

/** The text a click on the button sends to the robot (action-text.ts). */
function clickText(b: CardButton, cardRef: string | undefined): string {
  return b.confirm ? confirmText(b.action, b.confirm.title, b.confirm.text, cardRef) : actionText(b.action, cardRef);
}

/** A button as a link, or null when its text is too long for DingTalk's message box (then it is not offered). */
function link(b: Button, cardRef: string | undefined): { label: string; url: string } | null {
  const text = clickText(b.button, cardRef);
  return text.length <= MAX_ACTION_TEXT ? { label: b.label, url: sendMessageLink(text) } : null;
}

/** Where a list item's button goes: a link on its row, among the card's buttons, or nowhere (a group robot message). */
type ItemButtons = 'inline' | 'buttons' | 'none';

interface Layout {
  /** Markdown blocks, separated by a blank line. */
  blocks: string[];
  /** Buttons of the card's action rows (and, in a template, of its list items), in order. */
  buttons: Button[];
}

/**
 * The card's body and buttons. A list item's button stays on its row as a link where links work
 * (robot markdown); a template's markdown component does not follow dtmd links, so there it joins
 * the buttons, named after its row.
 */
function layout(card: Card, itemButtons: ItemButtons, cardRef?: string, formsAsInputs = false): Layout {
  const blocks: string[] = [];
  const buttons: Button[] = [];
  for (const e of card.elements) {
    // A form template shows the form as its own inputs (renderDingTalkFormTemplateCard), not as text.
    if (e.kind === 'form' && formsAsInputs) continue;
    const block = element(e, itemButtons, buttons, cardRef);
    if (block) blocks.push(block);
  }
  return { blocks, buttons };
}

function element(e: CardElement, itemButtons: ItemButtons, buttons: Button[], cardRef: string | undefined): string | null {
  switch (e.kind) {
    case 'markdown':
      return hardBreaks(dingtalkMarkdown(e.text));
    case 'fields':
      return e.fields.length === 0 ? null : e.fields.map((f) => `**${dingtalkPlain(f.label)}**：${hardBreaks(dingtalkPlain(f.value))}`).join('  \n');
    case 'divider':
      return '---';
    case 'note':
      return quote(dingtalkPlain(e.text));
    case 'image':
      return quote(`图：${dingtalkPlain(e.alt)}`);
    case 'actions':
      for (const b of e.buttons) buttons.push({ label: b.label, button: b });
      return null;
    case 'item': {
      const [first = '', ...rest] = dingtalkMarkdown(e.text).split('\n');
      let head = `- ${first}`;
      if (e.badge) head += ` 【${dingtalkPlain(e.badge.text)}】`;
      if (e.button && itemButtons !== 'none') {
        if (itemButtons === 'inline') {
          const l = link({ label: e.button.label, button: e.button }, cardRef);
          if (l) head += ` ${markdownLink(l.label, l.url)}`;
        } else {
          buttons.push({ label: `${e.button.label}：${truncate(oneLine(plainFromMarkdown(e.text)), 16)}`, button: e.button });
        }
      }
      // Continuation lines are indented to stay inside the list item.
      return [head, ...rest.map((l) => `  ${l}`)].join('  \n');
    }
    case 'form':
      if (e.open) buttons.push({ label: '开始填写', button: { label: '开始填写', style: 'primary', action: e.open } });
      return [`**${dingtalkPlain(e.submit.label)}需填写：**`, e.inputs.map(formLine).join('\n'), quote(e.open ? FORM_OPEN_HINT : FORM_HINT)].join('\n\n');
  }
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('  \n');
}

function formLine(i: FormInput): string {
  const required = 'required' in i && i.required ? '（必填）' : '';
  const label = `- ${dingtalkPlain(i.label)}${required}`;
  switch (i.kind) {
    case 'text':
      return i.initial ? `${label}：当前为「${dingtalkPlain(oneLine(i.initial))}」` : label;
    case 'select':
    case 'multiselect': {
      const options = i.options.map((o) => dingtalkPlain(o.label)).join(' / ');
      return `${label}：${i.kind === 'multiselect' ? '可多选 ' : ''}${options}`;
    }
    case 'date':
      return `${label}：日期（年-月-日）`;
    case 'datetime':
      return `${label}：日期和时间（年-月-日 时:分）`;
    case 'checkbox':
      return `${label}：是 / 否`;
  }
}

/** Title (bold), tags in brackets and subtitle: the head of every DingTalk rendering. */
function head(card: Card): string {
  const tags = (card.tags ?? []).map((t) => ` 【${dingtalkPlain(t.text)}】`).join('');
  const title = `**${dingtalkPlain(card.title)}**${tags}`;
  return card.subtitle ? `${title}  \n${dingtalkPlain(card.subtitle)}` : title;
}

/** The card as a robot message: markdown, or an ActionCard with its buttons (at most 5; the rest as links). */
export function renderDingTalkMessage(card: Card, opts: DingTalkRenderOptions = {}): DingTalkRobotMessage {
  const { blocks, buttons } = layout(card, opts.inGroup ? 'none' : 'inline', opts.cardRef);
  if (opts.inGroup && buttons.length > 0) blocks.push(quote(GROUP_ACTIONS_HINT));
  const links = opts.inGroup ? [] : buttons.flatMap((b) => link(b, opts.cardRef) ?? []);
  const shown = links.slice(0, MAX_ACTION_CARD_BUTTONS);
  const more = links.slice(MAX_ACTION_CARD_BUTTONS);
  if (more.length > 0) blocks.push(`更多操作：${more.map((l) => markdownLink(l.label, l.url)).join(' · ')}`);
  const text = [head(card), ...blocks].join('\n\n');
  // The title is what the chat list and the notification show.
  const title = card.title;
  if (shown.length === 0) return { msgKey: 'sampleMarkdown', msgParam: { title, text } };
  if (shown.length === 1) return { msgKey: 'sampleActionCard', msgParam: { title, text, singleTitle: shown[0]!.label, singleURL: shown[0]!.url } };
  const msgParam: Record<string, string> & { title: string; text: string } = { title, text };
  shown.forEach((l, i) => {
    msgParam[`actionTitle${i + 1}`] = l.label;
    msgParam[`actionURL${i + 1}`] = l.url;
  });
  return { msgKey: `sampleActionCard${shown.length as 2 | 3 | 4 | 5}`, msgParam };
}

/** The card as the variables of the township's interactive card template (see DingTalkTemplateCard). */
export function renderDingTalkTemplateCard(card: Card): DingTalkTemplateCard {
  return templateCard(card, false);
}

/**
 * The card as the variables of the township's form template (DINGTALK_FORM_TEMPLATE_ID): those of
 * the card template, and its form as inputs (DingTalkFormTemplateCard). Also right for a card
 * without a form (`fields` "[]"): an answer replacing a submitted form clears its inputs.
 */
export function renderDingTalkFormTemplateCard(card: Card): DingTalkFormTemplateCard {
  const base = templateCard(card, true);
  const form = card.elements.find((e) => e.kind === 'form');
  const fields: DingTalkTemplateField[] = form?.kind === 'form' ? form.inputs.map(templateField) : [];
  return {
    cardParamMap: {
      ...base.cardParamMap,
      fields: JSON.stringify(fields),
      submitText: form?.kind === 'form' ? form.submit.label : '',
      submitAction: form?.kind === 'form' ? JSON.stringify(form.submit.action) : '',
    },
  };
}

function templateField(i: FormInput): DingTalkTemplateField {
  const initial = i.kind === 'multiselect' ? null : (i.initial ?? null);
  return {
    name: i.name,
    label: i.label,
    kind: i.kind === 'text' && i.multiline ? 'textarea' : i.kind,
    required: i.kind === 'checkbox' ? false : i.required,
    placeholder: i.kind === 'text' ? (i.placeholder ?? '') : '',
    initial,
    options: i.kind === 'select' || i.kind === 'multiselect' ? i.options.map((o) => ({ value: o.value, label: o.label })) : [],
    maxLength: i.kind === 'text' ? (i.maxLength ?? null) : null,
  };
}

function templateCard(card: Card, formsAsInputs: boolean): DingTalkTemplateCard {
  const { top, blocks, buttons } = interactiveCardParts(card, formsAsInputs);
  const list: DingTalkTemplateButton[] = buttons.map(({ label, button }) => ({
    text: label,
    style: button.style,
    action: JSON.stringify(button.action),
    confirm: button.confirm ? { title: button.confirm.title, text: button.confirm.text } : null,
  }));
  return {
    cardParamMap: {
      title: card.title,
      markdown: [top, ...blocks].filter(Boolean).join('\n\n'),
      buttons: JSON.stringify(list),
    },
  };
}

/** A card's parts for an interactive card: tags and subtitle, markdown blocks, and every button (list items' too, named after their row). */
export function interactiveCardParts(card: Card, formsAsInputs = false): { top: string; blocks: string[]; buttons: Button[] } {
  const { blocks, buttons } = layout(card, 'buttons', undefined, formsAsInputs);
  const tags = (card.tags ?? []).map((t) => `【${dingtalkPlain(t.text)}】`).join(' ');
  const top = [tags, card.subtitle ? dingtalkPlain(card.subtitle) : ''].filter(Boolean).join('  \n');
  return { top, blocks, buttons };
}
