// The web chat page: a view onto the Bot API emulator. It keeps no bot logic: it shows the
// emulator's messages, turns clicks into simulated user actions and follows the event stream.

import { api } from "./api.js";
import { messageRow } from "./bubbles.js";
import { el } from "./render.js";

const $ = (id) => document.getElementById(id);
const state = {
  bot: null,
  users: [],
  groups: [],
  me: null,
  chat: null,
  messages: new Map(),  // message_id -> view, current chat only
  unread: new Map(),    // chat_id -> count
  replyTo: null,
  typingTimer: null,
  firstUnseen: null,    // the oldest message that arrived while the reader was scrolled up
};

const user = (id) => state.users.find((u) => u.id === id);
const isGroup = (chatId) => state.groups.some((g) => g.id === chatId);
const visibleChats = () => [state.me, ...state.groups.map((g) => g.id)];

function toast(text, kind = "") {
  const box = $("toast");
  box.textContent = text;
  box.className = kind;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 2500);
}

function alertDialog(text) {
  $("alert-text").textContent = text;
  if (!$("alert").open) $("alert").showModal();
}

const ctx = {
  get me() { return state.me; },
  get isGroup() { return isGroup(state.chat); },
  find: (id) => state.messages.get(id),
  toast,
  command: (text) => send(text),
  reply(m) {
    state.replyTo = m;
    $("reply-name").textContent = m.from_name;
    $("reply-text").textContent = (m.text || "📊").slice(0, 80);
    $("reply-bar").hidden = false;
    $("input").focus();
  },
  async press(m, button, node) {
    node.classList.add("pressed");
    setTimeout(() => node.classList.remove("pressed"), 600);
    try {
      await api.press(state.chat, { user_id: state.me, message_id: m.message_id,
        data: button.callback_data });
    } catch (err) { toast(err.message, "error"); }
  },
  async vote(m, optionIds) {
    try {
      await api.vote(m.poll.id, { user_id: state.me, option_ids: optionIds });
    } catch (err) { toast(err.message, "error"); }
  },
};

function nearBottom() {
  const box = $("messages");
  return box.scrollHeight - box.scrollTop - box.clientHeight < 120;
}

function scrollDown() {
  const box = $("messages");
  box.scrollTop = box.scrollHeight;
  hidePill();
}

function hidePill() {
  state.firstUnseen = null;
  $("new-messages").hidden = true;
}

// A new message below the fold gets a "new messages" pill; a new message taller than the
// screen is shown from its top, so a long card does not arrive with only its end in view.
function follow(row, wasNearBottom, mine) {
  const box = $("messages");
  if (mine) { scrollDown(); return; }
  if (!wasNearBottom) {
    state.firstUnseen ??= row.dataset.mid;
    $("new-messages").hidden = false;
    return;
  }
  if (row.offsetHeight > box.clientHeight * 0.8) row.scrollIntoView({ block: "start" });
  else scrollDown();
}

function showUnseen() {
  const row = state.firstUnseen
    && $("messages").querySelector(`[data-mid="${state.firstUnseen}"]`);
  const box = $("messages");
  if (row && row.offsetHeight > box.clientHeight * 0.8) row.scrollIntoView({ block: "start" });
  else if (row) row.scrollIntoView({ block: "end" });
  else box.scrollTop = box.scrollHeight;
  hidePill();
}

let loading = false;  // a whole chat is being drawn: no pill, one scroll at the end

function upsert(m) {
  const old = state.messages.get(m.message_id);
  if (old && (old.edit_count || 0) > (m.edit_count || 0)) return;  // a late, older event
  state.messages.set(m.message_id, m);
  const wasNearBottom = nearBottom();
  const row = messageRow(m, ctx);
  const existing = $("messages").querySelector(`[data-mid="${m.message_id}"]`);
  if (existing) {
    existing.replaceWith(row);
    if (old && m.edit_count > (old.edit_count || 0)) row.classList.add("flash");
    if (wasNearBottom) scrollDown();
  } else {
    $("messages").append(row);
    if (!loading) follow(row, wasNearBottom, !m.from_bot && m.from_id === state.me);
  }
  $("start-bar").hidden = true;
}

function renderChatList() {
  const list = $("chat-list");
  list.replaceChildren();
  for (const chatId of visibleChats()) {
    const group = state.groups.find((g) => g.id === chatId);
    const item = el("button", `chat-item${chatId === state.chat ? " active" : ""}`);
    item.type = "button";
    item.dataset.chat = String(chatId);
    const avatar = el("div", "avatar", group ? "👥" : "🤖");
    const text = el("div", "chat-text");
    text.append(el("div", "chat-name", group ? group.title : state.bot.first_name),
      el("div", "chat-sub", group ? "群聊 group" : `@${state.bot.username}`));
    item.append(avatar, text);
    const count = state.unread.get(chatId);
    if (count) item.append(el("span", "unread", String(count)));
    item.addEventListener("click", () => { drawer(false); openChat(chatId); });
    list.append(item);
  }
}

function renderHeader() {
  const group = state.groups.find((g) => g.id === state.chat);
  $("chat-avatar").textContent = group ? "👥" : "🤖";
  $("chat-title").textContent = group ? group.title : state.bot.first_name;
  $("chat-status").textContent = group
    ? "机器人只看到命令、@提及和回复 · the bot sees commands, @mentions and replies"
    : `机器人 bot · @${state.bot.username}`;
}

function drawer(open) {
  document.body.classList.toggle("drawer-open", open);
  $("drawer-btn").setAttribute("aria-expanded", String(open));
  if (open) $("user-select").focus();
}

async function openChat(chatId) {
  state.chat = chatId;
  state.unread.delete(chatId);
  state.replyTo = null;
  $("reply-bar").hidden = true;
  renderChatList();
  renderHeader();
  await reload();
}

async function reload() {
  const chatId = state.chat;
  const list = await api.messages(chatId);
  if (chatId !== state.chat) return;
  state.messages = new Map();
  $("messages").replaceChildren();
  loading = true;
  try { for (const m of list) upsert(m); } finally { loading = false; }
  $("start-bar").hidden = list.length > 0 || isGroup(chatId);
  scrollDown();
}

function renderUsers() {
  const select = $("user-select");
  select.replaceChildren(...state.users.map((u) => {
    const option = new Option(`${u.first_name} · ${u.language_code}`, String(u.id));
    option.selected = u.id === state.me;
    return option;
  }));
}

async function switchUser(id) {
  state.me = id;
  localStorage.setItem("webchat.me", String(id));
  renderUsers();
  await openChat(isGroup(state.chat) ? state.chat : id);
}

async function send(text) {
  const body = { user_id: state.me, text };
  if (state.replyTo) body.reply_to = state.replyTo.message_id;
  if ($("forward").checked && !isGroup(state.chat)) {
    body.forward = true;
    body.from_name = "陌生人 Stranger";
  }
  state.replyTo = null;
  $("reply-bar").hidden = true;
  try {
    await api.send(state.chat, body);
  } catch (err) { toast(err.message, "error"); }
}

function onEvent(ev) {
  const chatId = ev.chat_id;
  if (ev.type === "callback_answer") {
    const answer = ev.answer || {};
    if (ev.user_id === state.me && answer.text) {
      if (answer.show_alert) alertDialog(answer.text); else toast(answer.text);
    }
    return;
  }
  if (ev.type === "violation") {
    toast(`Bot API 拒绝 rejected ${ev.method}: ${ev.description}`, "error");
    return;
  }
  if (chatId !== state.chat) {
    if (ev.type === "message" && visibleChats().includes(chatId)) {
      state.unread.set(chatId, (state.unread.get(chatId) || 0) + 1);
      renderChatList();
    }
    return;
  }
  if (ev.type === "chat_action") {
    $("chat-status").textContent = "正在输入… typing…";
    clearTimeout(state.typingTimer);
    state.typingTimer = setTimeout(renderHeader, 3000);
  } else if (ev.type === "delete") {
    state.messages.delete(ev.message_id);
    $("messages").querySelector(`[data-mid="${ev.message_id}"]`)?.remove();
  } else if (ev.message) {
    if (ev.type === "message" && ev.message.from_bot) renderHeader();
    upsert(ev.message);
  }
}

function listen() {
  const source = new EventSource("/api/events");
  source.addEventListener("hello", () => {
    $("connection").className = "live";
    reload().catch((err) => toast(err.message, "error"));
  });
  source.onmessage = (message) => onEvent(JSON.parse(message.data));
  source.onerror = () => { $("connection").className = "down"; };
}

async function toggleMenu() {
  const menu = $("command-menu");
  if (!menu.hidden) { menu.hidden = true; return; }
  const commands = await api.commands(user(state.me)?.language_code || "");
  menu.replaceChildren(...commands.map((c) => {
    const item = el("button", "command-item");
    item.type = "button";
    item.append(el("span", "command-name", `/${c.command}`),
      el("span", "command-desc", c.description));
    item.addEventListener("click", () => { menu.hidden = true; send(`/${c.command}`); });
    return item;
  }));
  menu.hidden = commands.length === 0;
}

function submit() {
  const input = $("input");
  const text = input.value;
  if (!text.trim()) return;
  input.value = "";
  input.style.height = "";
  send(text);
}

async function addUser() {
  const name = $("new-name").value;
  try {
    const created = await api.addUser({ first_name: name, language_code: $("new-language").value });
    state.users.push(created);
    $("user-dialog").close();
    await switchUser(created.id);
  } catch (err) { $("new-error").textContent = err.message; }
}

function wire() {
  $("user-select").addEventListener("change", (e) => switchUser(Number(e.target.value)));
  $("send").addEventListener("click", submit);
  $("start-btn").addEventListener("click", () => send("/start"));
  $("menu-btn").addEventListener("click", () => toggleMenu().catch((e) => toast(e.message)));
  $("reply-cancel").addEventListener("click", () => {
    state.replyTo = null;
    $("reply-bar").hidden = true;
  });
  $("alert-ok").addEventListener("click", () => $("alert").close());
  $("drawer-btn").addEventListener("click", () => drawer(true));
  $("drawer-close").addEventListener("click", () => drawer(false));
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") drawer(false); });
  $("new-messages").addEventListener("click", showUnseen);
  $("messages").addEventListener("scroll", () => { if (nearBottom()) hidePill(); });
  $("add-user").addEventListener("click", () => {
    $("new-name").value = "";
    $("new-error").textContent = "";
    $("user-dialog").showModal();
  });
  $("new-cancel").addEventListener("click", () => $("user-dialog").close());
  $("new-ok").addEventListener("click", addUser);
  const input = $("input");
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  input.addEventListener("input", () => {
    input.style.height = "";
    input.style.height = `${Math.min(input.scrollHeight, 180)}px`;
  });
}

async function main() {
  wire();
  const session = await api.session();
  Object.assign(state, { bot: session.bot, users: session.users, groups: session.groups });
  if (!session.loopback) $("side-foot").classList.add("exposed");
  const saved = Number(localStorage.getItem("webchat.me"));
  state.me = user(saved) ? saved : session.users[0]?.id;
  state.chat = state.me;
  renderUsers();
  renderChatList();
  renderHeader();
  listen();  // its hello loads the messages, so nothing falls between load and stream
}

main().catch((err) => toast(err.message, "error"));
