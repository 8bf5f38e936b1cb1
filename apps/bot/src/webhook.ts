import http from "node:http";
import type { Update } from "telegraf/types";
import type { Bot } from "./bot";
import type { Logger } from "./logger";

/** Telegram's updates are small; anything bigger is not from Telegram. */
const MAX_BODY_BYTES = 1_000_000;

/**
 * HTTP server for webhook mode: `POST /webhook/<secret>` with Telegram's secret-token header
 * (set to the same secret by setWebhook) feeds the bot; `GET /healthz` answers probes;
 * everything else is 404.
 */
export function createWebhookServer(
  bot: Bot,
  options: { secretPath: string; logger: Logger },
): http.Server {
  const path = `/webhook/${options.secretPath}`;
  const callback = bot.webhookCallback(path, { secretToken: options.secretPath });
  return http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      return;
    }
    if (req.method !== "POST" || req.url !== path) {
      res.writeHead(404).end();
      return;
    }
    void readBody(req)
      .then((body) => {
        if (body === null) {
          res.writeHead(413).end();
          return;
        }
        let update: Update;
        try {
          update = JSON.parse(body) as Update;
        } catch {
          res.writeHead(400).end();
          return;
        }
        // A wrong secret-token header makes telegraf call `next`: answer 403.
        return callback(Object.assign(req, { body: update }), res, () => {
          res.writeHead(403).end();
        });
      })
      .catch((error: unknown) => {
        options.logger.error({ err: error }, "webhook request failed");
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  });
}

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
