import type { AddressInfo } from "node:net";
import { parseAuditEvent } from "@crm/contracts";
import { leads } from "@crm/core";
import { seedRoles, type Db } from "@crm/db";
import type { Bot } from "./bot";
import { MemoryConversationStore } from "./conversations";
import { parseEnv } from "./env";
import { formatMoney } from "./format";
import { BUTTONS } from "./i18n";
import { silentLogger, useBotTest, type FakeBotApi } from "./testing/harness";
import { callbackUpdate, contactUpdate, textUpdate, type From } from "./testing/updates";
import { createWebhookServer } from "./webhook";

const TOKEN = "123456:TEST-token-for-the-fake-bot-api";
const logger = silentLogger;

let db: Db;
let api: FakeBotApi;
let bot: Bot;
useBotTest("bot", TOKEN, (env) => ({ db, api, bot } = env));

let chatSeq = 5000;
const newChat = () => ++chatSeq;

async function send(chatId: number, text: string, from?: From) {
  await bot.handleUpdate(textUpdate(chatId, text, from));
  return api.messagesTo(chatId).at(-1)!;
}

let seq = 0;
async function createComplex(data: { isPublished?: boolean } = {}) {
  seq += 1;
  return db.complex.create({
    data: {
      name: `Yangi Hayot ${seq}`,
      slug: `yangi-hayot-${seq}`,
      city: "Toshkent",
      isPublished: data.isPublished ?? true,
    },
  });
}

async function createFlat(
  complexId: number,
  data: {
    number: string;
    status?: "FREE" | "BOOKED" | "SOLD" | "UNAVAILABLE";
    price?: bigint;
    rooms?: number;
  },
) {
  return db.apartment.create({
    data: {
      complexId,
      block: "A",
      floor: 5,
      rooms: data.rooms ?? 2,
      area: 54.5,
      price: data.price ?? 65_000_000_000n,
      number: data.number,
      status: data.status ?? "FREE",
    },
  });
}

describe("/start and /help", () => {
  it("greets in Russian and Uzbek with the main buttons", async () => {
    const chat = newChat();
    const reply = await send(chat, "/start");
    expect(reply.text).toMatch(/Здравствуйте/);
    expect(reply.text).toMatch(/Assalomu alaykum/);
    const keyboard = JSON.stringify(reply.reply_markup);
    expect(keyboard).toContain(BUTTONS.request);
    expect(keyboard).toContain(BUTTONS.flats);
    expect(api.calls.some((call) => call.method === "getMe")).toBe(true);
  });

  it("answers /help in the user's language", async () => {
    expect((await send(newChat(), "/help", { language_code: "uz" })).text).toMatch(
      /Men nimalar qila olaman/,
    );
    expect((await send(newChat(), "/help", { language_code: "ru" })).text).toMatch(/Что я умею/);
    expect((await send(newChat(), "/help", { language_code: "en" })).text).toMatch(/What I can do/);
  });

  it("answers unknown text politely with a pointer to /help", async () => {
    expect((await send(newChat(), "привет")).text).toMatch(/\/help/);
  });
});

describe("/flats", () => {
  it("lists only FREE flats of a published complex, with prices in their currency", async () => {
    const complex = await createComplex();
    const other = await createComplex();
    await createFlat(complex.id, { number: "11", price: 65_000_000_000n });
    await createFlat(complex.id, { number: "12", price: 70_050_000_050n, rooms: 3 });
    await createFlat(complex.id, { number: "13", status: "BOOKED" });
    await createFlat(complex.id, { number: "14", status: "SOLD" });
    await createFlat(complex.id, { number: "15", status: "UNAVAILABLE" });
    await createFlat(other.id, { number: "99" });

    const reply = await send(newChat(), `/flats ${complex.slug}`);
    expect(reply.text).toContain(complex.name);
    expect(reply.text).toContain("№ 11");
    expect(reply.text).toContain("№ 12");
    for (const hidden of ["№ 13", "№ 14", "№ 15", "№ 99"]) expect(reply.text).not.toContain(hidden);
    expect(reply.text).toContain("2-комн., 54,5\u00a0м², 5 этаж");
    expect(reply.text).toContain("650\u00a0000\u00a0000\u00a0сум");
    expect(reply.text).toContain("700\u00a0500\u00a0000,50\u00a0сум");
    // Cheapest first.
    expect(reply.text.indexOf("№ 11")).toBeLessThan(reply.text.indexOf("№ 12"));
    expect(JSON.stringify(reply.reply_markup)).toContain(`request#${complex.id}`);
  });

  it("shows at most 10 flats and says how many are free", async () => {
    const complex = await createComplex();
    for (let i = 1; i <= 12; i += 1)
      await createFlat(complex.id, { number: `${100 + i}`, price: BigInt(i) * 10_000_000_000n });
    const reply = await send(newChat(), `/flats ${complex.slug}`);
    expect(reply.text.match(/^• /gm)).toHaveLength(10);
    expect(reply.text).toContain("10 из 12");
    expect(reply.text).not.toContain("№ 111");
  });

  it("answers an unknown or unpublished slug politely and offers the published complexes", async () => {
    const published = await createComplex();
    const hidden = await createComplex({ isPublished: false });
    await createFlat(hidden.id, { number: "1" });

    const unknown = await send(newChat(), "/flats no-such-complex");
    expect(unknown.text).toMatch(/«no-such-complex» не найден/);
    expect(unknown.text).toContain(`/flats ${published.slug}`);

    const unpublished = await send(newChat(), `/flats ${hidden.slug}`);
    expect(unpublished.text).toMatch(/не найден/);
    expect(unpublished.text).not.toContain(hidden.name);
    expect(unpublished.text).not.toContain("№ 1");
  });

  it("lists published complexes as buttons when no slug is given", async () => {
    const complex = await createComplex();
    const hidden = await createComplex({ isPublished: false });
    const reply = await send(newChat(), "/flats");
    expect(reply.text).toContain(`/flats ${complex.slug}`);
    expect(reply.text).not.toContain(hidden.slug);
    expect(JSON.stringify(reply.reply_markup)).toContain(`flats#${complex.id}`);

    const chat = newChat();
    await bot.handleUpdate(callbackUpdate(chat, `flats#${complex.id}`));
    expect(api.calls.some((call) => call.method === "answerCallbackQuery")).toBe(true);
    expect(api.messagesTo(chat).at(-1)!.text).toContain(complex.name);
  });

  it("answers in Uzbek with so'm for an Uzbek user", async () => {
    const complex = await createComplex();
    await createFlat(complex.id, { number: "7" });
    const reply = await send(newChat(), `/flats ${complex.slug}`, { language_code: "uz" });
    expect(reply.text).toContain("2 xonali, 54,5\u00a0m², 5-qavat");
    expect(reply.text).toContain("650\u00a0000\u00a0000\u00a0so'm");
  });
});

describe("/request", () => {
  it("asks for the name, then the phone, and creates exactly one TELEGRAM lead with an E.164 phone", async () => {
    const chat = newChat();
    expect((await send(chat, "/request", { username: "aziz_k" })).text).toMatch(
      /Как к вам обращаться/,
    );
    const askPhone = await send(chat, "  Азиз   Каримов ");
    expect(askPhone.text).toMatch(/Азиз Каримов/);
    expect(JSON.stringify(askPhone.reply_markup)).toContain('"request_contact":true');
    const done = await send(chat, "90 123-45-67", { username: "aziz_k" });
    expect(done.text).toMatch(/Заявка принята/);

    const leads = await db.lead.findMany({ where: { phone: "+998901234567" } });
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      fullName: "Азиз Каримов",
      source: "TELEGRAM",
      status: "NEW",
      complexId: null,
      ownerId: null,
    });
    expect(leads[0]!.note).toContain("@aziz_k");
    expect(leads[0]!.searchText).toBe("азиз каримов 998901234567");
    const audits = await db.auditLog.findMany({
      where: { action: "lead.create", entityId: String(leads[0]!.id) },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entity: "Lead", actorId: null });
    expect(JSON.parse(audits[0]!.after!)).toMatchObject({
      status: "NEW",
      ownerId: null,
      source: "TELEGRAM",
    });

    // The dialogue is over: more text neither asks again nor creates another lead.
    expect((await send(chat, "+998 90 123 45 67")).text).toMatch(/\/help/);
    expect(await db.lead.count({ where: { phone: "+998901234567" } })).toBe(1);
  });

  it("takes the phone from a shared contact and ties the lead to the complex it was asked for", async () => {
    const complex = await createComplex();
    const chat = newChat();
    await bot.handleUpdate(callbackUpdate(chat, `request#${complex.id}`));
    expect(api.messagesTo(chat).at(-1)!.text).toMatch(/Как к вам обращаться/);
    await send(chat, "Dilnoza Yusupova");
    await bot.handleUpdate(contactUpdate(chat, "998935554433"));
    expect(api.messagesTo(chat).at(-1)!.text).toMatch(/Заявка принята/);
    const lead = await db.lead.findFirstOrThrow({ where: { phone: "+998935554433" } });
    expect(lead).toMatchObject({
      fullName: "Dilnoza Yusupova",
      complexId: complex.id,
      source: "TELEGRAM",
    });
  });

  it("asks again for a bad name or phone and writes nothing until both are valid", async () => {
    const chat = newChat();
    await send(chat, "/request");
    expect((await send(chat, "x")).text).toMatch(/имя текстом/);
    expect((await send(chat, "Rustam\u0000")).text).toMatch(/имя текстом/);
    await send(chat, "Rustam");
    expect((await send(chat, "call me")).text).toMatch(/Не получилось распознать номер/);
    // A leading 0 is not how Uzbek numbers are written; it used to be stored as +0977000001.
    expect((await send(chat, "0977000001")).text).toMatch(/Не получилось распознать номер/);
    expect(await db.lead.count({ where: { fullName: "Rustam" } })).toBe(0);
    await send(chat, "00998 97 700-00-01");
    expect(await db.lead.count({ where: { fullName: "Rustam", phone: "+998977000001" } })).toBe(1);
  });

  it("reads a shared contact's number as international even without a plus", async () => {
    const chat = newChat();
    await send(chat, "/request");
    await send(chat, "Ivan Petrov");
    await bot.handleUpdate(contactUpdate(chat, "79123456780"));
    expect(await db.lead.count({ where: { fullName: "Ivan Petrov", phone: "+79123456780" } })).toBe(
      1,
    );
  });

  it("adds a repeat request from the owner's own contact to its lead as a comment, not a new lead", async () => {
    const complex = await createComplex();
    const replies: string[] = [];
    for (const [chat, name] of [
      [newChat(), "Kamola"],
      [newChat(), "Kamola Azimova"],
    ] as const) {
      await send(chat, "/request");
      await send(chat, name);
      await bot.handleUpdate(contactUpdate(chat, "+998 99 111 22 33"));
      replies.push(api.messagesTo(chat).at(-1)!.text);
    }
    await bot.handleUpdate(callbackUpdate(newChat(), `request#${complex.id}`));
    const chat = chatSeq;
    await send(chat, "Kamola");
    await bot.handleUpdate(contactUpdate(chat, "998991112233"));

    const leads = await db.lead.findMany({
      where: { phone: "+998991112233" },
      include: { comments: true },
    });
    expect(leads).toHaveLength(1);
    expect(leads[0]!.fullName).toBe("Kamola");
    expect(leads[0]!.comments).toHaveLength(2);
    expect(leads[0]!.comments.map((c) => c.body).join("\n")).toContain(`ЖК «${complex.name}»`);
    // Same answer either way: the bot does not reveal that the phone was known.
    expect(replies[1]).toMatch(/Заявка принята/);
    expect(
      await db.auditLog.count({ where: { action: "lead.create", entityId: String(leads[0]!.id) } }),
    ).toBe(1);
  });

  it("never touches an existing lead for a typed number, and answers the same", async () => {
    const lead = await db.lead.create({
      data: { fullName: "Dilnoza", phone: "+998935550101", status: "LOST", lostReason: "later" },
    });
    const chat = newChat();
    await send(chat, "/request");
    await send(chat, "Someone Else");
    expect((await send(chat, "+998 93 555 01 01")).text).toMatch(/Заявка принята/);
    expect(await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
      status: "LOST",
      fullName: "Dilnoza",
    });
    expect(await db.comment.count({ where: { leadId: lead.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { entityId: String(lead.id) } })).toBe(0);
  });

  it("refuses a shared contact that is not the sender's own", async () => {
    const lead = await db.lead.create({
      data: { fullName: "Victim", phone: "+998935550202", status: "LOST", lostReason: "later" },
    });
    const chat = newChat();
    await send(chat, "/request");
    await send(chat, "Forger");
    const forged = contactUpdate(chat, "+998935550202");
    (forged as { message: { contact: { user_id: number } } }).message.contact.user_id = chat + 1;
    await bot.handleUpdate(forged);
    expect(api.messagesTo(chat).at(-1)!.text).toMatch(/свой контакт/);
    expect(await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
      status: "LOST",
    });
    expect(await db.comment.count({ where: { leadId: lead.id } })).toBe(0);
  });

  it("takes at most the set number of requests from one Telegram user a day", async () => {
    const chat = newChat();
    const phones = ["+998935550301", "+998935550302", "+998935550303"];
    await db.setting.upsert({
      where: { key: "channels.requestsPerSenderPerDay" },
      create: { key: "channels.requestsPerSenderPerDay", value: "2" },
      update: { value: "2" },
    });
    try {
      const answers: string[] = [];
      for (const phone of phones) {
        await send(chat, "/request");
        await send(chat, "Flooder");
        answers.push((await send(chat, phone)).text);
      }
      expect(answers[2]).toMatch(/уже получили/);
      expect(await db.lead.count({ where: { phone: { in: phones } } })).toBe(2);
    } finally {
      await db.setting.delete({ where: { key: "channels.requestsPerSenderPerDay" } });
    }
  });

  it("reopens a LOST lead when its buyer asks again", async () => {
    const lead = await db.lead.create({
      data: {
        fullName: "Otabek",
        phone: "+998905550000",
        status: "LOST",
        lostReason: "too expensive",
        source: "INSTAGRAM",
      },
    });
    const chat = newChat();
    await send(chat, "/request");
    await send(chat, "Otabek");
    await bot.handleUpdate(contactUpdate(chat, "+998905550000"));
    expect(await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
      status: "NEW",
      lostReason: null,
      source: "INSTAGRAM",
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "lead.status", entityId: String(lead.id) },
    });
    expect(JSON.parse(audit.before!)).toMatchObject({ status: "LOST" });
    expect(JSON.parse(audit.after!)).toMatchObject({ status: "NEW" });
  });

  it("writes the same audit shapes as a lead created and reopened by staff through the API", async () => {
    // The API's routes call these core functions and nothing else (apps/api leads.router.ts).
    await seedRoles(db);
    const role = await db.role.findUniqueOrThrow({ where: { code: "MOP" } });
    const mop = await db.user.create({
      data: { login: `mop-${Date.now()}`, passwordHash: "x", firstName: "Mop", roleId: role.id },
    });
    const actor = { id: mop.id, login: mop.login, role: "MOP" as const };
    const staffLead = await leads.createLead(db, actor, {
      fullName: "Staff Lead",
      phone: "+998907770001",
      source: "PHONE",
    });
    await leads.updateLead(db, actor, staffLead.id, { status: "LOST", lostReason: "no answer" });
    await leads.updateLead(db, actor, staffLead.id, { status: "NEW" });

    const botChat = newChat();
    await send(botChat, "/request");
    await send(botChat, "Bot Lead");
    await send(botChat, "+998907770002");
    const botLead = await db.lead.findUniqueOrThrow({ where: { phone: "+998907770002" } });
    await leads.updateLead(db, actor, botLead.id, { status: "LOST", lostReason: "no answer" });
    const again = newChat();
    await send(again, "/request");
    await send(again, "Bot Lead");
    await bot.handleUpdate(contactUpdate(again, "+998907770002"));

    const shapeOf = async (leadId: number, action: string) => {
      const rows = await db.auditLog.findMany({
        where: { entity: "Lead", entityId: String(leadId), action },
        orderBy: { id: "asc" },
      });
      return rows.map((row) => {
        const before = row.before === null ? null : (JSON.parse(row.before) as object);
        const after = row.after === null ? null : (JSON.parse(row.after) as object);
        // Both paths write events the contracts declare, with the declared shapes.
        expect(parseAuditEvent(row.action, before, after)).not.toBeNull();
        return {
          before: before && Object.keys(before).sort(),
          after: after && Object.keys(after).sort(),
        };
      });
    };
    expect(await shapeOf(botLead.id, "lead.create")).toEqual(
      await shapeOf(staffLead.id, "lead.create"),
    );
    const staffReopen = (await shapeOf(staffLead.id, "lead.status")).at(-1);
    const botReopen = (await shapeOf(botLead.id, "lead.status")).at(-1);
    expect(botReopen?.before).toEqual(staffReopen?.before);
    // The bot's reopening also says why (a repeat request); the rest is the same.
    expect(botReopen?.after).toEqual([...(staffReopen?.after ?? []), "cause"].sort());
  });

  it("can be cancelled", async () => {
    const chat = newChat();
    await send(chat, "/request");
    expect((await send(chat, BUTTONS.cancel)).text).toMatch(/Заявка отменена/);
    expect((await send(chat, "Bekzod")).text).toMatch(/\/help/);
    expect(await db.lead.count({ where: { fullName: "Bekzod" } })).toBe(0);
  });
});

describe("conversation store", () => {
  it("forgets an idle dialogue after its time-to-live and keeps at most maxEntries chats", async () => {
    let now = 0;
    const store = new MemoryConversationStore({ ttlMs: 1000, maxEntries: 2, now: () => now });
    await store.set(1, { step: "name", complexId: null });
    now = 999;
    expect(await store.get(1)).toEqual({ step: "name", complexId: null });
    now = 1000;
    expect(await store.get(1)).toBeUndefined();
    await store.set(1, { step: "name", complexId: null });
    await store.set(2, { step: "name", complexId: null });
    await store.set(3, { step: "name", complexId: null });
    expect(await store.get(1)).toBeUndefined();
    expect(await store.get(3)).toBeDefined();
  });
});

describe("webhook mode", () => {
  it("feeds POST /webhook/<secret> with the secret header to the bot and refuses the rest", async () => {
    const secret = "s3cret-path-0123456789";
    const server = createWebhookServer(bot, { secretPath: secret, logger });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const chat = newChat();
      const update = JSON.stringify(textUpdate(chat, "/help"));
      const headers = {
        "content-type": "application/json",
        "x-telegram-bot-api-secret-token": secret,
      };
      const ok = await fetch(`${base}/webhook/${secret}`, {
        method: "POST",
        headers,
        body: update,
      });
      expect(ok.status).toBe(200);
      expect(api.messagesTo(chat).at(-1)!.text).toMatch(/Что я умею/);

      const wrongPath = await fetch(`${base}/webhook/wrong`, {
        method: "POST",
        headers,
        body: update,
      });
      expect(wrongPath.status).toBe(404);
      const noHeader = await fetch(`${base}/webhook/${secret}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: update,
      });
      expect(noHeader.status).toBe(403);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(api.messagesTo(chat)).toHaveLength(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("formatMoney", () => {
  it("formats minor units with two minor digits and the currency", () => {
    expect(formatMoney(0n, "UZS", "ru")).toBe("0\u00a0сум");
    expect(formatMoney(4_500_000n, "USD", "en")).toBe("45\u00a0000\u00a0USD");
    expect(formatMoney(1_234_599n, "USD", "en")).toBe("12\u00a0345.99\u00a0USD");
  });
});

describe("env", () => {
  it("requires BOT_TOKEN, and WEBHOOK_URL and WEBHOOK_SECRET_PATH in webhook mode, listing every bad field", () => {
    expect(() => parseEnv({ BOT_MODE: "webhook", WEBHOOK_SECRET_PATH: "short" })).toThrow(
      /BOT_TOKEN[\s\S]*WEBHOOK_SECRET_PATH/,
    );
    expect(() => parseEnv({ BOT_TOKEN: TOKEN, BOT_MODE: "webhook" })).toThrow(
      /WEBHOOK_URL[\s\S]*WEBHOOK_SECRET_PATH/,
    );
    expect(parseEnv({ BOT_TOKEN: TOKEN })).toMatchObject({
      BOT_MODE: "polling",
      DATABASE_URL: "file:./data/crm.db",
      TELEGRAM_API_ROOT: "https://api.telegram.org",
    });
    // Empty values (compose's `${WEBHOOK_URL:-}`) count as unset.
    expect(
      parseEnv({ BOT_TOKEN: TOKEN, WEBHOOK_URL: "", WEBHOOK_SECRET_PATH: "" }).WEBHOOK_URL,
    ).toBeUndefined();
    expect(() => parseEnv({ BOT_TOKEN: "" })).toThrow(/BOT_TOKEN is required/);
  });
});
