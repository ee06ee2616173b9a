// The web chat's JSON API (same origin). Every call returns the result or throws Error(description).

async function call(method, path, body) {
  const init = { method, headers: {} };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  let data = null;
  try {
    data = await response.json();
  } catch {
    throw new Error(`${response.status} ${response.statusText}`);
  }
  if (!data.ok) throw new Error(data.description || `${response.status}`);
  return data.result;
}

export const api = {
  session: () => call("GET", "/api/session"),
  messages: (chatId) => call("GET", `/api/chats/${encodeURIComponent(chatId)}/messages`),
  send: (chatId, body) => call("POST", `/api/chats/${encodeURIComponent(chatId)}/messages`, body),
  press: (chatId, body) => call("POST", `/api/chats/${encodeURIComponent(chatId)}/press`, body),
  vote: (pollId, body) => call("POST", `/api/polls/${encodeURIComponent(pollId)}/votes`, body),
  addUser: (body) => call("POST", "/api/users", body),
  commands: (language) => call("GET", `/api/commands?language_code=${encodeURIComponent(language || "")}`),
};
