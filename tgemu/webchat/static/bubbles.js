// One chat message as a Telegram-like bubble: text, document or photo, poll, inline keyboard.
// ctx = { me, isGroup, find(messageId), press(message, button), vote(message, optionIds),
//         reply(message), command(text), toast(text) }

import { el, renderText, safeUrl } from "./render.js";

const INLINE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

function clock(unix) {
  const d = new Date(unix * 1000);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

function fileUrl(fileId) {
  return `/api/files/${encodeURIComponent(fileId)}`;
}

function photo(sizes) {
  const largest = sizes.reduce((a, b) => ((b.width || 0) > (a.width || 0) ? b : a));
  const img = el("img", "photo");
  img.src = fileUrl(largest.file_id);
  img.alt = "photo";
  return img;
}

function documentCard(doc) {
  if (INLINE_IMAGES.has(doc.mime_type)) {
    const img = el("img", "photo");
    img.src = fileUrl(doc.file_id);
    img.alt = doc.file_name || "image";
    return img;
  }
  const a = el("a", "document");
  a.href = fileUrl(doc.file_id);
  a.download = doc.file_name || "file";
  a.append(el("span", "doc-icon", "📄"), el("span", "doc-name", doc.file_name || "file"),
    el("span", "doc-size", `${Math.ceil((doc.file_size || 0) / 1024)} KB`));
  return a;
}

function header(m, ctx) {
  const parts = [];
  if (ctx.isGroup && !m.from_bot && m.from_id !== ctx.me) {
    parts.push(el("div", "sender", m.from_name));
  }
  const origin = m.forward_origin;
  if (origin) {
    const who = origin.sender_user_name || origin.sender_user?.first_name
      || origin.chat?.title || "?";
    parts.push(el("div", "forwarded", `↪ 转发自 Forwarded from ${who}`));
  }
  if (m.reply_to_message_id) {
    const target = ctx.find(m.reply_to_message_id);
    const quote = el("div", "reply-quote");
    quote.append(el("div", "reply-name", target ? target.from_name : ""),
      el("div", "reply-text", target ? (target.text || "📊 poll").slice(0, 80) : "…"));
    parts.push(quote);
  }
  return parts;
}

function pollResults(m, poll, mine, ctx) {
  const box = el("div", "poll-options");
  const total = poll.total_voter_count || 0;
  const correct = new Set(poll.correct_option_ids || []);
  poll.options.forEach((option, index) => {
    const row = el("div", "poll-result");
    const share = total ? Math.round((option.voter_count * 100) / total) : 0;
    let mark = "";
    if (correct.has(index)) mark = "✅";
    else if (mine.includes(index)) mark = poll.type === "quiz" ? "❌" : "✔️";
    row.append(el("span", "poll-pct", `${share}%`), el("span", "poll-mark", mark),
      el("span", "poll-text", option.text));
    const track = el("div", "poll-track");
    const bar = el("div", "poll-bar");
    bar.style.width = `${share}%`;
    track.append(bar);
    row.append(track);
    box.append(row);
  });
  if (poll.explanation && mine.length) {
    const why = el("div", "poll-explanation");
    why.append("💡 ", renderText(poll.explanation, poll.explanation_entities, ctx));
    box.append(why);
  }
  return box;
}

function pollChoices(m, poll, ctx) {
  const box = el("div", "poll-options");
  const chosen = new Set();
  poll.options.forEach((option, index) => {
    const b = el("button", "poll-option", option.text);
    b.type = "button";
    b.addEventListener("click", () => {
      if (!poll.allows_multiple_answers) return ctx.vote(m, [index]);
      if (chosen.has(index)) chosen.delete(index); else chosen.add(index);
      b.classList.toggle("chosen");
    });
    box.append(b);
  });
  if (poll.allows_multiple_answers) {
    const go = el("button", "poll-vote", "投票 Vote");
    go.type = "button";
    go.addEventListener("click", () => chosen.size && ctx.vote(m, [...chosen].sort()));
    box.append(go);
  }
  return box;
}

function pollView(m, ctx) {
  const poll = m.poll;
  const mine = (m.poll_votes || {})[String(ctx.me)] || [];
  const box = el("div", "poll");
  const kind = `${poll.is_anonymous ? "匿名" : "公开"}${poll.type === "quiz" ? "测验 Quiz" : "投票 Poll"}`;
  box.append(el("div", "poll-question", poll.question), el("div", "poll-kind", kind));
  const open = !poll.is_closed && !mine.length;
  box.append(open ? pollChoices(m, poll, ctx) : pollResults(m, poll, mine, ctx));
  const votes = `${poll.total_voter_count || 0} 票 votes${poll.is_closed ? " · 已结束 closed" : ""}`;
  box.append(el("div", "poll-footer", votes));
  return box;
}

function keyButton(m, button, ctx) {
  if (button.url) {
    const href = safeUrl(button.url);
    const a = el(href ? "a" : "span", "key key-url", button.text);
    if (href) {
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    }
    return a;
  }
  const b = el("button", "key", button.text);
  b.type = "button";
  if (button.callback_data !== undefined) {
    b.addEventListener("click", () => ctx.press(m, button, b));
  } else if (button.copy_text) {
    b.addEventListener("click", () => navigator.clipboard?.writeText(button.copy_text.text)
      .then(() => ctx.toast("已复制 Copied")));
  } else {
    b.disabled = true;
    b.title = "沙盒不支持此按钮 / not supported in the sandbox";
  }
  return b;
}

function keyboard(m, ctx) {
  const rows = m.reply_markup?.inline_keyboard;
  if (!Array.isArray(rows) || !rows.length) return null;
  const box = el("div", "keyboard");
  for (const row of rows) {
    const line = el("div", "key-row");
    for (const button of row) line.append(keyButton(m, button, ctx));
    box.append(line);
  }
  return box;
}

/** The DOM row for one message. */
export function messageRow(m, ctx) {
  const mine = !m.from_bot && m.from_id === ctx.me;
  const row = el("div", `row ${mine ? "out" : "in"}${m.from_bot ? " bot" : ""}`);
  row.dataset.mid = String(m.message_id);
  const bubble = el("div", "bubble");
  bubble.append(...header(m, ctx));
  if (Array.isArray(m.photo) && m.photo.length) bubble.append(photo(m.photo));
  if (m.document) bubble.append(documentCard(m.document));
  if (m.poll) bubble.append(pollView(m, ctx));
  if (m.text) {
    const text = el("div", "text");
    text.append(renderText(m.text, m.entities, ctx));
    bubble.append(text);
  }
  const meta = el("span", "meta", `${m.edit_count ? "已编辑 edited " : ""}${clock(m.date)}`);
  bubble.append(meta);
  const reply = el("button", "reply-btn", "↩");
  reply.type = "button";
  reply.title = "回复 Reply";
  reply.addEventListener("click", () => ctx.reply(m));
  const column = el("div", "column");
  column.append(bubble);
  const keys = keyboard(m, ctx);
  if (keys) column.append(keys);
  row.append(column, reply);
  return row;
}
