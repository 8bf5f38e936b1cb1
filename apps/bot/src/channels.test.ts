import type { AddressInfo } from "node:net";
import type { Update } from "telegraf/types";
import { buyers, draws, telegramLink } from "@crm/core";
import type { Db } from "@crm/db";
import { createBot, type Bot } from "./bot";
import { LANGUAGE_QUESTION } from "./i18n";
import { startFakeBotApi } from "./testing/fake-bot-api";
import { silentLogger, useBotTest, type FakeBotApi } from "./testing/harness";
import { callbackUpdate, contactUpdate, textUpdate } from "./testing/updates";
import { createWebhookServer } from "./webhook";

const TOKEN = "654321:TEST-token-for-the-channels-tests";
const logger = silentLogger;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let db: Db;
let api: FakeBotApi;
let bot: Bot;
useBotTest("bot-channels", TOKEN, (env) => ({ db, api, bot } = env));

let chatSeq = 90_000;
const newChat = () => ++chatSeq;
const last = (chat: number) => api.messagesTo(chat).at(-1)!;
async function send(chat: number, text: string) {
  await bot.handleUpdate(textUpdate(chat, text));
  return last(chat);
}

/** A contact card of someone else than the sender: what a forged or forwarded card looks like. */
function forgedContact(chat: number, phone: string): Update {
  const update = contactUpdate(chat, phone);
  (update as { message: { contact: { user_id: number } } }).message.contact.user_id = chat + 1;
  return update;
}

let userSeq = 0;
async function staff(role: "SELLER" | "MOP", data: { isActive?: boolean } = {}) {
  userSeq += 1;
  const roleRow = await db.role.findUniqueOrThrow({ where: { code: role } });
  return db.user.create({
    data: {
      login: `${role.toLowerCase()}-${userSeq}`,
      passwordHash: "x",
      firstName: `${role} ${userSeq}`,
      roleId: roleRow.id,
      isActive: data.isActive ?? true,
    },
  });
}

let complexSeq = 0;
async function complexWithFlats(prices: bigint[]) {
  complexSeq += 1;
  const complex = await db.complex.create({
    data: {
      name: `Channels ${complexSeq}`,
      slug: `channels-${complexSeq}`,
      city: "Toshkent",
      isPublished: true,
    },
  });
  const flats = [];
  for (const [index, price] of prices.entries()) {
    flats.push(
      await db.apartment.create({
        data: {
          complexId: complex.id,
          block: "A",
          floor: 3,
          rooms: (index % 3) + 1,
          area: 50,
          price,
          number: `${complexSeq}${index + 1}`,
        },
      }),
    );
  }
  return { complex, flats };
}

const waitFor = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

// Runs first: the only test that creates sellers, so the round-robin sees only these.
describe("lead assignment", () => {
  it("deals bot leads round-robin to active sellers, skipping inactive and absent ones", async () => {
    const first = await staff("SELLER");
    const inactive = await staff("SELLER", { isActive: false });
    const third = await staff("SELLER");
    const away = await staff("SELLER");
    await db.staffAbsence.create({
      data: {
        userId: away.id,
        startsAt: new Date(Date.now() - DAY),
        endsAt: new Date(Date.now() + DAY),
        reason: "отпуск",
      },
    });
    const owners: (number | null)[] = [];
    for (let i = 0; i < 4; i++) {
      const chat = newChat();
      await send(chat, "/request");
      await send(chat, `Round Robin ${i}`);
      await send(chat, `+99893777000${i}`);
      const lead = await db.lead.findUniqueOrThrow({ where: { phone: `+99893777000${i}` } });
      owners.push(lead.ownerId);
    }
    expect(owners).toEqual([first.id, third.id, first.id, third.id]);
    expect(owners).not.toContain(inactive.id);
    expect(owners).not.toContain(away.id);
    // The seller is told.
    expect(
      await db.notification.count({ where: { userId: first.id, kind: "lead.assigned" } }),
    ).toBe(2);
  });

  it("books a viewing of a flat: the lead keeps the flat and its seller gets a call-back", async () => {
    const { flats } = await complexWithFlats([50_000_000_000n]);
    const flat = flats[0]!;
    const chat = newChat();
    await bot.handleUpdate(callbackUpdate(chat, `view#${flat.id}`));
    expect(api.messagesTo(chat).at(-2)!.text).toContain(`№ ${flat.number}`);
    await send(chat, "Viewing Person");
    await bot.handleUpdate(contactUpdate(chat, "998937771111"));
    const lead = await db.lead.findUniqueOrThrow({ where: { phone: "+998937771111" } });
    expect(lead).toMatchObject({ apartmentId: flat.id, complexId: flat.complexId });
    expect(lead.ownerId).not.toBeNull();
    const callbacks = await db.callback.findMany({ where: { leadId: lead.id } });
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ userId: lead.ownerId, isDone: false });
    expect(callbacks[0]!.note).toContain(flat.number);
  });
});

describe("language and flats", () => {
  it("asks a new user's language once, remembers the choice and answers in it", async () => {
    const chat = newChat();
    await bot.handleUpdate(textUpdate(chat, "/start"));
    const [question, greeting] = api.messagesTo(chat);
    expect(question!.text).toBe(LANGUAGE_QUESTION);
    expect(JSON.stringify(question!.reply_markup)).toContain("lang#uz");
    expect(greeting!.text).toMatch(/Assalomu alaykum/);
    await bot.handleUpdate(callbackUpdate(chat, "lang#uz"));
    expect(last(chat).text).toMatch(/o'zbek tilida/);
    const profile = await db.telegramProfile.findUniqueOrThrow({
      where: { telegramUserId: String(chat) },
    });
    expect(profile.language).toBe("uz");
    // A Russian Telegram app, but the choice wins; /start does not ask again.
    expect((await send(chat, "/help")).text).toMatch(/Men nimalar qila olaman/);
    const before = api.messagesTo(chat).length;
    await bot.handleUpdate(textUpdate(chat, "/start"));
    expect(api.messagesTo(chat)).toHaveLength(before + 1);
  });

  it("filters free flats by rooms and price with inline buttons", async () => {
    const { complex } = await complexWithFlats([
      10_000_000_000n,
      20_000_000_000n,
      30_000_000_000n,
      40_000_000_000n,
      50_000_000_000n,
      60_000_000_000n,
    ]);
    const chat = newChat();
    const all = await send(chat, `/flats ${complex.slug}`);
    expect(all.text.match(/^• /gm)).toHaveLength(6);
    const markup = JSON.stringify(all.reply_markup);
    expect(markup).toContain(`f#${complex.id}#2#x`);
    // Two-room flats: the 2nd and the 5th.
    await bot.handleUpdate(callbackUpdate(chat, `f#${complex.id}#2#x`));
    const twoRooms = last(chat).text;
    expect(twoRooms.match(/^• /gm)).toHaveLength(2);
    expect(twoRooms).not.toMatch(/^• 1-комн/m);
    // Price ceiling: 300 000 000 сум in minor units.
    await bot.handleUpdate(callbackUpdate(chat, `f#${complex.id}#x#30000000000`));
    expect(last(chat).text.match(/^• /gm)).toHaveLength(3);
  });
});

describe("buyers", () => {
  async function signedContract(phone: string) {
    const { flats } = await complexWithFlats([90_000_000_000n]);
    const flat = flats[0]!;
    const lead = await db.lead.create({ data: { fullName: "Buyer", phone } });
    const contract = await db.contract.create({
      data: {
        number: `D-${phone.slice(-6)}`,
        leadId: lead.id,
        apartmentId: flat.id,
        price: 90_000_000_000n,
        currency: "UZS",
        status: "SIGNED",
        signedAt: new Date(),
      },
    });
    const payment = (
      seq: number,
      amount: bigint,
      paid: bigint,
      dueDate: Date,
      status: "PAID" | "OVERDUE" | "SCHEDULED",
    ) =>
      db.payment.create({
        data: {
          leadId: lead.id,
          contractId: contract.id,
          seq,
          amount,
          paidAmount: paid,
          currency: "UZS",
          dueDate,
          status,
        },
      });
    const overdue = await payment(
      1,
      30_000_000_000n,
      10_000_000_000n,
      new Date(Date.now() - 10 * DAY),
      "OVERDUE",
    );
    await payment(0, 30_000_000_000n, 30_000_000_000n, new Date(Date.now() - 40 * DAY), "PAID");
    const next = await payment(2, 30_000_000_000n, 0n, new Date(Date.now() + 3 * DAY), "SCHEDULED");
    return { contract, overdue, next };
  }

  it("shows a buyer their contract after they share their own contact: paid, left, next, overdue", async () => {
    const phone = "+998935551234";
    const { contract } = await signedContract(phone);
    const chat = newChat();
    const ask = await send(chat, "/contract");
    expect(JSON.stringify(ask.reply_markup)).toContain('"request_contact":true');
    // A typed number is not proof; someone else's card is refused.
    expect((await send(chat, "+998 93 555 12 34")).text).toMatch(/кнопку ниже/);
    await bot.handleUpdate(forgedContact(chat, phone));
    expect(last(chat).text).toMatch(/свой контакт/);
    expect(
      (await db.telegramProfile.findUniqueOrThrow({ where: { telegramUserId: String(chat) } }))
        .verifiedPhone,
    ).toBeNull();

    await bot.handleUpdate(contactUpdate(chat, phone.slice(1)));
    const text = last(chat).text;
    expect(text).toContain(`Договор ${contract.number}`);
    expect(text).toContain("Стоимость: 900\u00a0000\u00a0000\u00a0сум");
    expect(text).toContain("Оплачено: 400\u00a0000\u00a0000\u00a0сум");
    expect(text).toContain("Осталось: 500\u00a0000\u00a0000\u00a0сум");
    expect(text).toMatch(/Следующий платёж: .* — 300\u00a0000\u00a0000\u00a0сум/);
    expect(text).toContain("Просрочено платежей: 1 на 200\u00a0000\u00a0000\u00a0сум");
    // Next time the proven phone is remembered.
    expect((await send(chat, "/contract")).text).toContain(contract.number);
  });

  it("answers a stranger the same way whatever the number, and shows nothing", async () => {
    const chat = newChat();
    await send(chat, "/contract");
    await bot.handleUpdate(contactUpdate(chat, "998935550000"));
    expect(last(chat).text).toMatch(/не найдено/);
  });

  it("reminds a buyer 3 days before, on the day and when overdue, each once", async () => {
    const phone = "+998935554321";
    const { overdue, next } = await signedContract(phone);
    const chat = newChat();
    await send(chat, "/contract");
    await bot.handleUpdate(contactUpdate(chat, phone));
    const now = new Date();
    await buyers.scanBuyerReminders(db, now);
    await buyers.scanBuyerReminders(db, now);
    const rows = await db.botOutbox.findMany({ where: { chatId: String(chat) } });
    expect(
      rows.map((row) => row.dedupeKey.split(":")[0] + ":" + row.dedupeKey.split(":")[1]).sort(),
    ).toEqual([`instalment:${next.id}`, `instalment:${overdue.id}`].sort());
    expect(rows.find((row) => row.dedupeKey.includes(`:${next.id}:`))!.text).toMatch(/через 3 дня/);
    expect(rows.find((row) => row.dedupeKey.includes(`:${overdue.id}:`))!.text).toMatch(
      /просрочен/,
    );
    // On the due day itself, a second reminder for that instalment.
    await buyers.scanBuyerReminders(db, new Date(next.dueDate.getTime()));
    expect(await db.botOutbox.count({ where: { chatId: String(chat) } })).toBe(3);
  });
});

describe("prize draws in the bot", () => {
  async function openDraw(eligibility: "ANYONE" | "BUYERS" = "ANYONE") {
    const admin = await staff("MOP");
    const actor = { id: admin.id, login: admin.login, role: "ADMIN" as const };
    const draw = await draws.createDraw(db, actor, {
      title: `Bot draw ${eligibility}`,
      prizes: ["Приз"],
      winnersCount: 1,
      entryOpensAt: new Date(Date.now() - HOUR).toISOString(),
      entryClosesAt: new Date(Date.now() + HOUR).toISOString(),
      eligibility,
    });
    await draws.openDraw(db, actor, draw.id);
    return { draw, actor };
  }

  it("enters once per user, refuses a second entry politely, and shows how to verify", async () => {
    const { draw, actor } = await openDraw();
    const chat = newChat();
    const list = await send(chat, "/draw");
    expect(list.text).toContain(draw.title);
    expect(JSON.stringify(list.reply_markup)).toContain(`draw#${draw.id}`);
    await bot.handleUpdate(callbackUpdate(chat, `draw#${draw.id}`));
    const ticket = Number(/№ (\d+)/.exec(last(chat).text)![1]);
    await bot.handleUpdate(callbackUpdate(chat, `draw#${draw.id}`));
    expect(last(chat).text).toMatch(new RegExp(`уже участвуете.*№ ${ticket}`));
    expect(await db.prizeDrawEntry.count({ where: { drawId: draw.id } })).toBe(1);

    await draws.closeDraw(db, actor, draw.id);
    const drawn = await draws.drawWinners(db, actor, draw.id);
    const details = (await send(chat, `/draw ${draw.id}`)).text;
    expect(details).toContain(`commitment: ${draw.commitment}`);
    expect(details).toContain(`seed: ${drawn.seed}`);
    expect(details).toContain(`entries hash: ${drawn.entriesHash}`);
    expect(details).toContain(`1. билет № ${ticket}`);
    expect(details).toMatch(/Как проверить/);
    // The winner is told (through the outbox the delivery job sends).
    const outbox = await db.botOutbox.findMany({ where: { chatId: String(chat) } });
    expect(outbox.map((row) => row.text).join("\n")).toMatch(/Поздравляем/);
  });

  it("asks for the user's own contact for a buyers' draw and refuses a forged one", async () => {
    const { draw } = await openDraw("BUYERS");
    const chat = newChat();
    await bot.handleUpdate(callbackUpdate(chat, `draw#${draw.id}`));
    expect(last(chat).text).toMatch(/для наших клиентов/);
    await bot.handleUpdate(forgedContact(chat, "+998935551234"));
    expect(last(chat).text).toMatch(/свой контакт/);
    expect(await db.prizeDrawEntry.count({ where: { drawId: draw.id } })).toBe(0);
    await bot.handleUpdate(contactUpdate(chat, "998935559999"));
    expect(last(chat).text).toMatch(/только для наших клиентов/);
    expect(await db.prizeDrawEntry.count({ where: { drawId: draw.id } })).toBe(0);
  });
});

describe("staff linking", () => {
  it("links with a one-time code once, refuses it again or expired, and unlinks", async () => {
    const mop = await staff("MOP");
    const actor = { id: mop.id, login: mop.login, role: "MOP" as const };
    const { code } = await telegramLink.createLinkCode(db, actor);
    const chat = newChat();
    expect((await send(chat, `/link ${code.toLowerCase()}`)).text).toMatch(/Готово/);
    expect((await db.user.findUniqueOrThrow({ where: { id: mop.id } })).telegramChatId).toBe(
      String(chat),
    );
    const other = newChat();
    expect((await send(other, `/link ${code}`)).text).toMatch(/не подошёл/);

    const expired = await telegramLink.createLinkCode(db, actor, new Date(Date.now() - HOUR));
    expect((await send(other, `/link ${expired.code}`)).text).toMatch(/не подошёл/);
    expect((await db.user.findUniqueOrThrow({ where: { id: mop.id } })).telegramChatId).toBe(
      String(chat),
    );

    expect((await send(chat, "/unlink")).text).toMatch(/больше не приходят/);
    expect((await db.user.findUniqueOrThrow({ where: { id: mop.id } })).telegramChatId).toBeNull();
    expect((await send(chat, "/unlink")).text).toMatch(/не привязан/);
    const actions = await db.auditLog.findMany({
      where: { entity: "User", entityId: String(mop.id) },
      select: { action: true },
    });
    expect(actions.map((row) => row.action)).toEqual([
      "user.telegram_link",
      "user.telegram_unlink",
    ]);
  });
});

describe("transport", () => {
  it("polls getUpdates from the Bot API (long polling) and answers", async () => {
    const polling = await startFakeBotApi(TOKEN);
    const pollingBot = createBot({ token: TOKEN, apiRoot: polling.apiRoot }, { db, logger });
    void pollingBot.launch({ dropPendingUpdates: false });
    try {
      const chat = newChat();
      polling.pushUpdate(textUpdate(chat, "/help"));
      await waitFor(() => polling.messagesTo(chat).length > 0);
      expect(polling.messagesTo(chat)[0]!.text).toMatch(/Что я умею/);
      expect(polling.calls.some((call) => call.method === "deleteWebhook")).toBe(true);
    } finally {
      pollingBot.stop();
      await polling.close();
    }
  });

  it("continues one conversation across two webhook processes taking turns", async () => {
    const secret = "two-instances-secret-0123";
    const servers = [
      createBot({ token: TOKEN, apiRoot: api.apiRoot }, { db, logger }),
      createBot({ token: TOKEN, apiRoot: api.apiRoot }, { db, logger }),
    ].map((instance) => createWebhookServer(instance, { secretPath: secret, logger }));
    const bases: string[] = [];
    for (const server of servers) {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
    const post = (base: string, update: Update | string) =>
      fetch(`${base}/webhook/${secret}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-telegram-bot-api-secret-token": secret,
        },
        body: typeof update === "string" ? update : JSON.stringify(update),
      });
    try {
      const chat = newChat();
      expect((await post(bases[0]!, textUpdate(chat, "/request"))).status).toBe(200);
      expect((await post(bases[1]!, textUpdate(chat, "Two Processes"))).status).toBe(200);
      expect(last(chat).text).toMatch(/Two Processes/);
      expect((await post(bases[0]!, contactUpdate(chat, "998937772222"))).status).toBe(200);
      expect(last(chat).text).toMatch(/Заявка принята/);
      expect(
        await db.lead.count({ where: { phone: "+998937772222", fullName: "Two Processes" } }),
      ).toBe(1);

      // A body bigger than any update is refused before it is read whole.
      const huge = JSON.stringify({ update_id: 1, padding: "x".repeat(2_000_000) });
      expect((await post(bases[1]!, huge)).status).toBe(413);
    } finally {
      for (const server of servers)
        await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
