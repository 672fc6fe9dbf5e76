// Sandbox chat: pick a demo person, talk to the bot, click the same cards as on Lark.
// Card HTML comes escaped from the server (src/platforms/sandbox/lark-card-html.ts); every other
// text is put in with textContent.

const BASE = new URL('../', import.meta.url); // …/sandbox/
const PERSON_KEY = 'sandbox.person';
const TOAST_MS = 4000;

const $ = (id) => document.getElementById(id);
// Sent with every write: the server refuses writes that do not come from the page it served.
const PAGE_TOKEN = document.querySelector('meta[name="sandbox-token"]')?.getAttribute('content') ?? '';
const state = { person: null, conversations: [], open: null, unread: new Map(), stream: null };

function apiUrl(path, query = {}) {
  const url = new URL(`api/${path}`, BASE);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  return url;
}

async function request(method, path, { query, body } = {}) {
  let res;
  try {
    res = await fetch(apiUrl(path, query), {
      method,
      headers: body ? { 'content-type': 'application/json', 'x-sandbox-token': PAGE_TOKEN } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new Error('无法连接服务器，请检查服务是否在运行');
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.message || `请求失败（${res.status}）`);
  return data;
}

function toast(type, text) {
  const el = document.createElement('div');
  el.className = `toast toast-${type}`;
  el.textContent = text;
  $('toasts').append(el);
  setTimeout(() => el.remove(), TOAST_MS);
}

const showError = (err) => toast('error', err instanceof Error ? err.message : String(err));

// People and conversations

async function loadPeople() {
  const people = await request('GET', 'people');
  const select = $('person');
  select.replaceChildren(...people.map((p) => {
    const label = [p.name, p.roleLabel, p.unit].filter(Boolean).join(' · ');
    return new Option(label, p.id);
  }));
  const remembered = localStorage.getItem(PERSON_KEY);
  const first = people.find((p) => p.id === remembered) ?? people[0];
  if (!first) return toast('warning', '没有演示人员，请先导入演示数据');
  select.value = first.id;
  await selectPerson(first.id);
}

async function selectPerson(id) {
  state.person = id;
  state.open = null;
  state.unread.clear();
  localStorage.setItem(PERSON_KEY, id);
  openStream();
  await loadConversations();
  const first = state.conversations[0];
  if (first) await openConversation(first.id);
  else renderMessages([]);
}

async function loadConversations() {
  state.conversations = await request('GET', 'conversations', { query: { as: state.person } });
  renderConversations();
}

function renderConversations() {
  $('conversations').replaceChildren(...state.conversations.map((c) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `conversation${c.id === state.open ? ' active' : ''}`;
    const kind = document.createElement('span');
    kind.className = 'conversation-kind';
    kind.textContent = c.type === 'group' ? '群聊' : '单聊';
    const title = document.createElement('span');
    title.className = 'conversation-title';
    title.textContent = c.title;
    button.append(kind, title);
    const unread = state.unread.get(c.id);
    if (unread) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = unread > 99 ? '99+' : String(unread);
      button.append(badge);
    }
    button.addEventListener('click', () => openConversation(c.id).catch(showError));
    return button;
  }));
}

async function openConversation(id) {
  state.open = id;
  state.unread.delete(id);
  renderConversations();
  const conversation = state.conversations.find((c) => c.id === id);
  $('chat-title').textContent = conversation ? conversation.title : '';
  const messages = await request('GET', 'messages', { query: { as: state.person, chat: id } });
  if (state.open === id) renderMessages(messages);
}

// Messages

const timeFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});

function messageElement(m) {
  const mine = m.from.kind === 'person' && m.from.personId === state.person;
  const el = document.createElement('article');
  el.className = `msg ${m.from.kind === 'bot' ? 'msg-bot' : mine ? 'msg-mine' : 'msg-other'}`;
  el.dataset.id = m.id;
  const meta = document.createElement('div');
  meta.className = 'msg-meta';
  meta.textContent = `${m.from.kind === 'bot' ? '信访包案助手' : m.from.name} · ${timeFormat.format(new Date(m.at))}`;
  el.append(meta);
  if (m.text) {
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    bubble.textContent = m.text;
    el.append(bubble);
  }
  if (m.cardHtml) setCard(el, m.cardHtml);
  return el;
}

function renderMessages(messages) {
  const list = $('messages');
  list.replaceChildren(...messages.map(messageElement));
  if (messages.length === 0) {
    const empty = document.createElement('p');
    empty.className = 'empty';
    empty.textContent = '还没有消息，发送「帮助」试试';
    list.append(empty);
  }
  list.scrollTop = list.scrollHeight;
}

function appendMessage(m) {
  const list = $('messages');
  if (list.querySelector(`[data-id="${CSS.escape(m.id)}"]`)) return;
  list.querySelector('.empty')?.remove();
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 80;
  list.append(messageElement(m));
  if (atBottom || m.from.personId === state.person) list.scrollTop = list.scrollHeight;
}

function setCard(message, cardHtml) {
  let slot = message.querySelector('.card-slot');
  if (!slot) {
    slot = document.createElement('div');
    slot.className = 'card-slot';
    message.classList.add('msg-card');
    message.append(slot);
  }
  slot.innerHTML = cardHtml;
}

function replaceCard(messageId, cardHtml) {
  const message = $('messages').querySelector(`[data-id="${CSS.escape(messageId)}"]`);
  if (message) setCard(message, cardHtml);
}

async function send(text) {
  const trimmed = text.trim();
  if (!trimmed || !state.open) return;
  await request('POST', 'messages', { body: { as: state.person, chat: state.open, text: trimmed } });
}

// Live stream

function openStream() {
  state.stream?.close();
  const stream = new EventSource(apiUrl('stream', { as: state.person }));
  let lost = false;
  stream.addEventListener('message', (e) => {
    const m = JSON.parse(e.data);
    if (m.chat === state.open) return appendMessage(m);
    state.unread.set(m.chat, (state.unread.get(m.chat) ?? 0) + 1);
    if (state.conversations.some((c) => c.id === m.chat)) renderConversations();
    else loadConversations().catch(showError);
  });
  stream.addEventListener('update', (e) => {
    const u = JSON.parse(e.data);
    if (u.chat === state.open) replaceCard(u.id, u.cardHtml);
  });
  stream.addEventListener('error', () => {
    if (!lost) toast('warning', '实时连接中断，正在重连…');
    lost = true;
  });
  // After a reconnect, reload what may have been missed.
  stream.addEventListener('open', () => {
    if (!lost) return;
    lost = false;
    if (state.open) openConversation(state.open).catch(showError);
  });
  state.stream = stream;
}

// Card buttons and forms

function confirmDialog(title, text) {
  const dialog = $('confirm');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text ?? '';
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true }));
}

/** Form values as the server reads them: multi-select → array, checkbox → boolean, the rest → string. */
function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name || el.tagName === 'BUTTON') continue;
    if (el.type === 'checkbox') values[el.name] = el.checked;
    else if (el.multiple) values[el.name] = [...el.selectedOptions].map((o) => o.value);
    else values[el.name] = el.value;
  }
  return values;
}

async function act(control, payload) {
  const messageId = control.closest('.msg')?.dataset.id;
  if (!messageId || control.disabled) return;
  control.disabled = true;
  try {
    const result = await request('POST', 'actions', { body: { as: state.person, chat: state.open, messageId, ...payload } });
    if (result.toast) toast(result.toast.type, result.toast.text);
    if (result.cardHtml) replaceCard(messageId, result.cardHtml);
  } catch (err) {
    showError(err);
  } finally {
    control.disabled = false;
  }
}

$('messages').addEventListener('click', async (e) => {
  const button = e.target.closest('button[data-action]');
  if (!button) return;
  const { confirmTitle, confirmText } = button.dataset;
  if (confirmTitle && !(await confirmDialog(confirmTitle, confirmText))) return;
  let value;
  try {
    value = JSON.parse(button.dataset.action);
  } catch {
    return toast('error', '卡片按钮数据无效');
  }
  await act(button, { value });
});

$('messages').addEventListener('submit', async (e) => {
  const form = e.target.closest('form.lk-form');
  if (!form) return;
  e.preventDefault();
  const submitter = e.submitter?.dataset.submitName ? e.submitter : form.querySelector('[data-submit-name]');
  if (!submitter) return;
  await act(submitter, { submitName: submitter.dataset.submitName, form: formValues(form) });
});

// Composer

$('composer').addEventListener('submit', (e) => {
  e.preventDefault();
  const box = $('text');
  send(box.value).then(() => { box.value = ''; }, showError);
});

$('text').addEventListener('keydown', (e) => {
  // Enter while an input method is composing Chinese only confirms the characters.
  if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.keyCode === 229) return;
  e.preventDefault();
  $('composer').requestSubmit();
});

$('quick').addEventListener('click', (e) => {
  const button = e.target.closest('button');
  if (button) send(button.textContent).catch(showError);
});

$('person').addEventListener('change', (e) => selectPerson(e.target.value).catch(showError));

loadPeople().catch(showError);
