import { createHash, createHmac } from "node:crypto";
import request from "supertest";
import { draws, telegramProfiles } from "@crm/core";
import { useTestContext } from "./harness";

const ctx = useTestContext();

const HOUR = 3_600_000;
const window = () => ({
  entryOpensAt: new Date(Date.now() - HOUR).toISOString(),
  entryClosesAt: new Date(Date.now() + HOUR).toISOString(),
});

/** Written from the published description alone (DRAW_ALGORITHM), not from the core's code. */
function recompute(seed: string, entries: number[], winnersCount: number) {
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  const entriesHash = sha(entries.map((ticket) => `${ticket}\n`).join(""));
  const a = [...entries];
  for (let i = 0; i < Math.min(winnersCount, a.length); i++) {
    const h = createHmac("sha256", seed).update(`${entriesHash}:${i}`).digest();
    const r = h.readBigUInt64BE(0);
    const j = i + Number(r % BigInt(a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return { commitment: sha(seed), entriesHash, winners: a.slice(0, winnersCount) };
}

async function createOpenDraw(
  admin: request.Agent,
  extra: Record<string, unknown> = {},
): Promise<{ id: number; commitment: string }> {
  const created = await admin.post("/api/draws").send({
    title: "Новогодний розыгрыш",
    prizes: ["Телевизор", "Кофемашина"],
    winnersCount: 3,
    ...window(),
    ...extra,
  });
  expect(created.status).toBe(201);
  const opened = await admin.post(`/api/draws/${created.body.id}/open`);
  expect(opened.status).toBe(200);
  return created.body;
}

const join = (drawId: number, user: number | string) =>
  draws.joinDraw(ctx.db, {
    drawId,
    telegramUserId: String(user),
    chatId: String(user),
    requestId: `test:${user}`,
  });

describe("prize draws", () => {
  it("publishes a commitment at creation, keeps the seed secret until the draw, and anyone recomputes the winners", async () => {
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const created = await admin.post("/api/draws").send({
      title: "Розыгрыш",
      prizes: ["Телевизор", "Кофемашина"],
      winnersCount: 3,
      ...window(),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "DRAFT", seed: null, entriesHash: null });
    expect(created.body.commitment).toMatch(/^[0-9a-f]{64}$/);
    const id = created.body.id as number;
    // A draft is not public; nor can anyone enter it.
    expect((await request(ctx.app).get(`/api/public/draws/${id}`)).status).toBe(404);
    expect((await join(id, 1)).outcome).toBe("not-found");

    expect((await admin.post(`/api/draws/${id}/close`)).status).toBe(409);
    expect((await admin.post(`/api/draws/${id}/open`)).body.status).toBe("OPEN");
    for (let user = 100; user < 110; user++) expect((await join(id, user)).outcome).toBe("joined");
    // Joining twice is refused politely: the same ticket comes back.
    const again = await join(id, 100);
    expect(again.outcome).toBe("already");

    const publicOpen = await request(ctx.app).get(`/api/public/draws/${id}`);
    expect(publicOpen.status).toBe(200);
    expect(publicOpen.body).toMatchObject({ seed: null, entriesCount: 10, winners: [] });
    expect(JSON.stringify(publicOpen.body)).not.toContain("telegram");

    expect((await admin.post(`/api/draws/${id}/draw`)).status).toBe(409);
    const closed = await admin.post(`/api/draws/${id}/close`);
    expect(closed.body).toMatchObject({ status: "CLOSED", entriesCount: 10, seed: null });
    expect((await join(id, 200)).outcome).toBe("closed");

    const drawn = await admin.post(`/api/draws/${id}/draw`);
    expect(drawn.status).toBe(200);
    expect(drawn.body.status).toBe("DRAWN");

    const published = (await request(ctx.app).get(`/api/public/draws/${id}`)).body;
    expect(published.entries).toHaveLength(10);
    const check = recompute(published.seed, published.entries, published.winnersCount);
    expect(check.commitment).toBe(created.body.commitment);
    expect(check.entriesHash).toBe(published.entriesHash);
    expect(published.winners.map((w: { ticket: number }) => w.ticket)).toEqual(check.winners);
    expect(published.winners.map((w: { prize: string }) => w.prize)).toEqual([
      "Телевизор",
      "Кофемашина",
      "Кофемашина",
    ]);
    // The winners are told in the bot, once each.
    const winnerEntries = await ctx.db.prizeDrawEntry.findMany({
      where: { drawId: id, place: { not: null } },
    });
    expect(winnerEntries).toHaveLength(3);
    const messages = await ctx.db.botOutbox.findMany({
      where: { dedupeKey: { startsWith: `draw:${id}:winner:` } },
    });
    expect(messages.map((m) => m.chatId).sort()).toEqual(
      winnerEntries.map((entry) => entry.chatId).sort(),
    );
    expect((await admin.post(`/api/draws/${id}/draw`)).status).toBe(409);

    const actions = await ctx.db.auditLog.findMany({
      where: { entity: "PrizeDraw", entityId: String(id) },
      select: { action: true },
    });
    const count = (action: string) => actions.filter((row) => row.action === action).length;
    expect([
      count("draw.create"),
      count("draw.open"),
      count("draw.close"),
      count("draw.draw"),
    ]).toEqual([1, 1, 1, 1]);
    expect(count("draw.enter")).toBe(10);
  });

  it("takes 1,000 concurrent entries as 1,000 entries with no duplicates, even with repeated taps", async () => {
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const { id } = await createOpenDraw(admin);
    const users = Array.from({ length: 1000 }, (_, i) => 50_000 + i);
    const outcomes = await Promise.all([
      ...users.map((user) => join(id, user)),
      ...users.slice(0, 50).map((user) => join(id, user)),
    ]);
    expect(outcomes.filter((o) => o.outcome === "joined")).toHaveLength(1000);
    expect(outcomes.filter((o) => o.outcome === "already")).toHaveLength(50);
    expect(await ctx.db.prizeDrawEntry.count({ where: { drawId: id } })).toBe(1000);
    const closed = await admin.post(`/api/draws/${id}/close`);
    expect(closed.body.entriesCount).toBe(1000);
    const seqs = await ctx.db.prizeDrawEntry.findMany({
      where: { drawId: id },
      select: { seq: true },
    });
    expect(new Set(seqs.map((row) => row.seq)).size).toBe(1000);
  }, 120_000);

  it("lets only leads or buyers enter when the draw says so, by the phone they proved is theirs", async () => {
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const { id } = await createOpenDraw(admin, { eligibility: "LEADS" });
    expect((await join(id, 7001)).outcome).toBe("needs-phone");
    await telegramProfiles.updateProfile(ctx.db, {
      telegramUserId: "7001",
      chatId: "7001",
      verifiedPhone: "+998935557001",
    });
    expect((await join(id, 7001)).outcome).toBe("not-eligible");
    await ctx.db.lead.create({ data: { fullName: "Lead 7001", phone: "+998935557001" } });
    expect((await join(id, 7001)).outcome).toBe("joined");

    const buyers = await createOpenDraw(admin, { eligibility: "BUYERS" });
    expect((await join(buyers.id, 7001)).outcome).toBe("not-eligible");
  });

  it("refuses a draw whose entries close before they open, and writes nothing", async () => {
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const before = await ctx.db.prizeDraw.count();
    const res = await admin.post("/api/draws").send({
      title: "Bad",
      prizes: ["x"],
      winnersCount: 1,
      entryOpensAt: new Date(Date.now() + HOUR).toISOString(),
      entryClosesAt: new Date(Date.now() - HOUR).toISOString(),
    });
    expect(res.status).toBe(400);
    expect(await ctx.db.prizeDraw.count()).toBe(before);
  });
});
