import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { telegramLink, telegramOutbox } from "@crm/core";
import { createTelegramSender, jobRegistry, runAttempt } from "@crm/jobs";
import { useTestContext } from "./harness";

const ctx = useTestContext();
const TOKEN = "777:fake-token-for-delivery-tests";
const logger = pino({ level: "silent" });

/** The Bot API's sendMessage, as Telegram answers it; chats starting with -403 blocked the bot. */
async function fakeBotApi() {
  const sent: { chat_id: string; text: string }[] = [];
  let failNext = 0;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const body = JSON.parse(raw || "{}") as { chat_id: string; text: string };
      const reply = (status: number, payload: object) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
      if (req.url !== `/bot${TOKEN}/sendMessage`) return reply(404, { ok: false, error_code: 404 });
      if (String(body.chat_id).startsWith("-403"))
        return reply(403, {
          ok: false,
          error_code: 403,
          description: "Forbidden: bot was blocked",
        });
      if (failNext > 0) {
        failNext -= 1;
        return reply(502, { ok: false, error_code: 502, description: "Bad Gateway" });
      }
      sent.push({ chat_id: String(body.chat_id), text: body.text });
      reply(200, { ok: true, result: { message_id: sent.length, date: 0, chat: { id: 1 } } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    apiRoot: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sent,
    failOnce: () => (failNext = 1),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const runDelivery = (telegram: telegramOutbox.TelegramSender) =>
  runAttempt(
    jobRegistry["deliver-telegram"],
    {},
    {
      db: ctx.db,
      logger,
      mailer: { send: async () => ({ delivered: false }), close() {} },
      telegram,
      now: () => new Date(),
    },
    { jobId: "test", attempt: 1, attempts: 1, signal: new AbortController().signal },
  );

describe("Telegram link from the profile", () => {
  it("gives a one-time code that links once and expires, and unlinks from the app", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const first = await agent.post("/api/profile/telegram-code");
    expect(first.status).toBe(201);
    expect(first.body.code).toMatch(/^[A-Z2-9]{8}$/);
    const minutes = (Date.parse(first.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);
    // A new code replaces the unused one.
    const second = (await agent.post("/api/profile/telegram-code")).body.code as string;
    const redeem = (code: string, chatId: string, now?: Date) =>
      telegramLink.redeemLinkCode(ctx.db, { code, chatId, requestId: "t" }, now);
    expect((await redeem(first.body.code, "5551")).outcome).toBe("invalid");
    // Past its ten minutes the code is refused.
    expect((await redeem(second, "5551", new Date(Date.now() + 11 * 60_000))).outcome).toBe(
      "invalid",
    );
    expect((await redeem(second, "5551")).outcome).toBe("linked");
    expect((await redeem(second, "5552")).outcome).toBe("invalid");
    expect((await agent.get("/api/profile")).body.telegramLinked).toBe(true);

    expect((await agent.delete("/api/profile/telegram")).status).toBe(204);
    expect((await agent.get("/api/profile")).body.telegramLinked).toBe(false);
    const actions = await ctx.db.auditLog.findMany({
      where: { entity: "User", entityId: String(user.id) },
      select: { action: true, after: true },
    });
    expect(actions.map((row) => row.action)).toEqual([
      "user.telegram_link",
      "user.telegram_unlink",
    ]);
  });
});

describe("Telegram delivery job", () => {
  it("sends pending notifications to linked users once, skips the rest, and retries a failure", async () => {
    const api = await fakeBotApi();
    const telegram = createTelegramSender({ token: TOKEN, apiRoot: api.apiRoot, logger })!;
    try {
      const { agent: mop } = await ctx.loginAs("MOP");
      const linked = await ctx.createUser({ role: "SELLER" });
      const unlinked = await ctx.createUser({ role: "SELLER" });
      const blocked = await ctx.createUser({ role: "SELLER" });
      await ctx.db.user.update({ where: { id: linked.id }, data: { telegramChatId: "9001" } });
      await ctx.db.user.update({ where: { id: blocked.id }, data: { telegramChatId: "-4039" } });
      for (const [index, owner] of [linked, unlinked, blocked].entries()) {
        const res = await mop.post("/api/leads").send({
          fullName: `Для Telegram ${index}`,
          phone: `+99894555000${index}`,
          ownerId: owner.id,
        });
        expect(res.status).toBe(201);
      }
      await telegramOutbox.queueBotMessage(ctx.db, {
        chatId: "9100",
        text: "Напоминание",
        dedupeKey: "t:1",
      });

      api.failOnce();
      await expect(runDelivery(telegram)).rejects.toThrow();
      await runDelivery(telegram);
      await runDelivery(telegram);

      expect(api.sent.filter((m) => m.chat_id === "9001")).toHaveLength(1);
      expect(api.sent.find((m) => m.chat_id === "9001")!.text).toMatch(
        /Вам назначен лид: Для Telegram 0/,
      );
      expect(api.sent.filter((m) => m.chat_id === "9100")).toHaveLength(1);
      const status = async (userId: number) =>
        (await ctx.db.notification.findFirstOrThrow({ where: { userId, kind: "lead.assigned" } }))
          .telegramStatus;
      expect(await status(linked.id)).toBe("SENT");
      expect(await status(unlinked.id)).toBe("SKIPPED");
      expect(await status(blocked.id)).toBe("FAILED");
      expect(
        await ctx.db.botOutbox.findUniqueOrThrow({ where: { dedupeKey: "t:1" } }),
      ).toMatchObject({
        status: "SENT",
      });
    } finally {
      await api.close();
    }
  });
});

describe("absences", () => {
  it("records and removes an absence (audited); an unknown user is 404 and writes nothing", async () => {
    const { agent } = await ctx.loginAs("ROP");
    const seller = await ctx.createUser({ role: "SELLER" });
    const body = {
      userId: seller.id,
      startsAt: new Date(Date.now() - 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      reason: "Отпуск",
    };
    const created = await agent.post("/api/absences").send(body);
    expect(created.status).toBe(201);
    expect(
      (await agent.get("/api/absences")).body.items.map((a: { id: number }) => a.id),
    ).toContain(created.body.id);
    const before = await ctx.db.staffAbsence.count();
    expect((await agent.post("/api/absences").send({ ...body, userId: 999_999 })).status).toBe(404);
    expect(await ctx.db.staffAbsence.count()).toBe(before);
    expect((await agent.delete(`/api/absences/${created.body.id}`)).status).toBe(204);
    expect((await agent.delete(`/api/absences/${created.body.id}`)).status).toBe(404);
    const actions = await ctx.db.auditLog.findMany({
      where: { entity: "User", entityId: String(seller.id) },
      select: { action: true },
    });
    expect(actions.map((row) => row.action)).toEqual(["user.absence", "user.absence_remove"]);
  });
});
