import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "telegraf/types";

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
}

/**
 * A Bot API stand-in for tests: records every call and answers like Telegram does. Long
 * polling is served from `pushUpdate`: getUpdates returns the updates after its offset, or
 * waits (up to its timeout, capped at a second) for one to arrive.
 */
export async function startFakeBotApi(token: string) {
  const calls: ApiCall[] = [];
  const updates: Update[] = [];
  const waiting = new Set<() => void>();
  let messageId = 1000;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
      if (!match || match[1] !== token) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
        return;
      }
      const method = match[2]!;
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const answer = (result: unknown) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, result }));
      };
      if (method === "getUpdates") {
        const offset = Number(body.offset ?? 0);
        const pending = () => updates.filter((update) => update.update_id >= offset);
        if (pending().length) return answer(pending());
        const done = () => {
          waiting.delete(done);
          clearTimeout(timer);
          answer(pending());
        };
        const timer = setTimeout(done, Math.min(Number(body.timeout ?? 0), 1) * 1000);
        waiting.add(done);
        return;
      }
      calls.push({ method, body });
      if (method === "getMe") {
        return answer({ id: 123456, is_bot: true, first_name: "CRM", username: "crm_test_bot" });
      }
      if (method === "sendMessage") {
        if (String(body.chat_id).startsWith("-403")) {
          res.writeHead(403, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              ok: false,
              error_code: 403,
              description: "Forbidden: bot was blocked by the user",
            }),
          );
          return;
        }
        messageId += 1;
        return answer({
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: body.chat_id, type: "private" },
          text: body.text,
        });
      }
      answer(true);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    /** Queues an update for the next getUpdates (long polling). */
    pushUpdate(update: Update) {
      updates.push(update);
      for (const wake of [...waiting]) wake();
    },
    /** sendMessage calls to one chat, in order. */
    messagesTo(chatId: number | string) {
      return calls
        .filter(
          (call) => call.method === "sendMessage" && String(call.body.chat_id) === String(chatId),
        )
        .map((call) => call.body as { text: string; reply_markup?: Record<string, unknown> });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const wake of [...waiting]) wake();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
