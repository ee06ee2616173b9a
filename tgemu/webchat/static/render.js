// Telegram text + MessageEntity list -> DOM nodes, the way the Telegram apps draw them.
// Message text only ever becomes text nodes (never innerHTML), so no text can become markup.
// Offsets are UTF-16 code units, as in JavaScript strings.

const SAFE_SCHEMES = new Set(["http:", "https:", "tg:", "mailto:"]);

/** A link target the page may open, or null (javascript:, data: ... are refused). */
export function safeUrl(raw) {
  if (typeof raw !== "string" || !raw.trim()) return null;
  const text = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `http://${raw}`;
  try {
    const url = new URL(text);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** An element with a class and optional text. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function link(href, cls) {
  const a = el("a", cls);
  a.href = href;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  return a;
}

const SIMPLE = {
  bold: "b", italic: "i", underline: "u", strikethrough: "s", code: "code",
};

// The outer element for an entity and the element its content goes into.
function element(entity, text, hooks) {
  const body = text.slice(entity.offset, entity.end);
  const tag = SIMPLE[entity.type];
  if (tag) {
    const node = el(tag);
    return [node, node];
  }
  switch (entity.type) {
    case "pre": {
      const pre = el("pre");
      const code = el("code");
      if (entity.language) code.dataset.language = String(entity.language);
      pre.append(code);
      return [pre, code];
    }
    case "spoiler": {
      const span = el("span", "spoiler");
      span.title = "点击显示 / click to reveal";
      span.addEventListener("click", () => span.classList.add("revealed"));
      return [span, span];
    }
    case "blockquote":
    case "expandable_blockquote": {
      const quote = el("blockquote");
      if (entity.type === "expandable_blockquote") {
        quote.classList.add("expandable", "collapsed");
        quote.addEventListener("click", () => quote.classList.toggle("collapsed"));
      }
      return [quote, quote];
    }
    case "text_link":
    case "url":
    case "email": {
      const raw = entity.type === "text_link" ? entity.url
        : entity.type === "email" ? `mailto:${body}` : body;
      const href = safeUrl(raw);
      const node = href ? link(href, "link") : el("span", "link-refused");
      return [node, node];
    }
    case "bot_command": {
      const a = el("a", "command");
      a.href = "#";
      a.addEventListener("click", (event) => {
        event.preventDefault();
        if (hooks.command) hooks.command(body);
      });
      return [a, a];
    }
    default: {
      const span = el("span", `entity-${String(entity.type).replace(/[^a-z_]/g, "")}`);
      return [span, span];
    }
  }
}

function fill(parent, text, entities, start, end, hooks) {
  let pos = start;
  let i = 0;
  while (i < entities.length) {
    const entity = entities[i];
    if (entity.offset < pos) {  // overlaps the previous sibling: its text is shown unstyled
      i += 1;
      continue;
    }
    const inner = [];
    let j = i + 1;
    while (j < entities.length && entities[j].offset < entity.end) {
      if (entities[j].end <= entity.end) inner.push(entities[j]);
      j += 1;
    }
    parent.append(text.slice(pos, entity.offset));
    const [outer, content] = element(entity, text, hooks);
    fill(content, text, inner, entity.offset, entity.end, hooks);
    parent.append(outer);
    pos = entity.end;
    i = j;
  }
  parent.append(text.slice(pos, end));
}

/** A fragment showing text with its entities; hooks.command(text) runs when /command is clicked. */
export function renderText(text, entities, hooks = {}) {
  const source = typeof text === "string" ? text : "";
  const list = (Array.isArray(entities) ? entities : [])
    .filter((e) => e && Number.isInteger(e.offset) && Number.isInteger(e.length)
      && e.length > 0 && e.offset >= 0 && e.offset < source.length)
    .map((e) => ({ ...e, end: Math.min(e.offset + e.length, source.length) }))
    .sort((a, b) => a.offset - b.offset || b.end - a.end);
  const fragment = document.createDocumentFragment();
  fill(fragment, source, list, 0, source.length, hooks);
  return fragment;
}
