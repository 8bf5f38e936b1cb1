import type request from "supertest";
import type { TLead } from "@crm/contracts";
import { findLeadPage } from "@crm/core";
import { useTestContext } from "./harness";

const ctx = useTestContext();
let phoneSeq = 0;
const nextPhone = () =>
  `+99893${String(1_000_000 + (phoneSeq += 1) * 37 + (process.pid % 1000)).slice(-7)}`;

async function makeLead(agent: request.Agent, body: Record<string, unknown> = {}): Promise<TLead> {
  const res = await agent
    .post("/api/leads")
    .send({ fullName: "Test Lead", phone: nextPhone(), ...body });
  if (res.status !== 201) throw new Error(`${res.status} ${res.text}`);
  return res.body as TLead;
}

describe("creating leads", () => {
  it("normalises the phone to E.164 and makes the seller the owner", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const res = await agent.post("/api/leads").send({
      fullName: "Анвар Ташкентов",
      phone: "(90) 555-12-34",
      source: "INSTAGRAM",
      ownerId: 999,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      phone: "+998905551234",
      status: "NEW",
      source: "INSTAGRAM",
      owner: { id: user.id },
    });
    const row = await ctx.db.auditLog.findFirst({
      where: { entity: "Lead", entityId: String(res.body.id), action: "lead.create" },
    });
    expect(row?.actorId).toBe(user.id);
  });

  it("refuses a duplicate phone with 409 naming the owner's role, not the lead", async () => {
    const { agent: first } = await ctx.loginAs("SELLER");
    const { agent: second } = await ctx.loginAs("SELLER");
    const lead = await makeLead(first, { fullName: "Secret Name" });
    const before = await ctx.db.lead.count();
    const res = await second
      .post("/api/leads")
      .send({ fullName: "Other", phone: lead.phone.replace("+", "") });
    expect(res.status).toBe(409);
    expect(res.body.duplicate).toEqual({ ownerRole: "SELLER", isOwn: false, leadId: null });
    expect(res.body.detail).toMatch(/owner: SELLER/);
    expect(JSON.stringify(res.body)).not.toContain("Secret Name");
    expect(await ctx.db.lead.count()).toBe(before);
    const own = await first.post("/api/leads").send({ fullName: "Again", phone: lead.phone });
    expect(own.body.duplicate).toEqual({ ownerRole: "SELLER", isOwn: true, leadId: lead.id });
  });

  it("lets only one of two racing creates with the same phone win", async () => {
    const { agent } = await ctx.loginAs("MOP");
    const phone = nextPhone();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        agent.post("/api/leads").send({ fullName: `Racer ${i}`, phone }),
      ),
    );
    expect(results.map((res) => res.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await ctx.db.lead.count({ where: { phone } })).toBe(1);
  });

  it("lets a MOP create a lead for a seller but not for a financier", async () => {
    const { agent } = await ctx.loginAs("MOP");
    const seller = await ctx.createUser({ role: "SELLER" });
    const financier = await ctx.createUser({ role: "FINANCIER" });
    expect((await makeLead(agent, { ownerId: seller.id })).owner?.id).toBe(seller.id);
    const bad = await agent
      .post("/api/leads")
      .send({ fullName: "X", phone: nextPhone(), ownerId: financier.id });
    expect(bad.status).toBe(409);
    expect(bad.body.errors[0].path).toBe("ownerId");
  });
});

describe("ownership", () => {
  it("answers 404 for another seller's lead on every lead route, and changes nothing", async () => {
    const { agent: owner } = await ctx.loginAs("SELLER");
    const { agent: other } = await ctx.loginAs("SELLER");
    const lead = await makeLead(owner);
    expect((await other.get(`/api/leads/${lead.id}`)).status).toBe(404);
    expect(
      (await other.patch(`/api/leads/${lead.id}`).send({ status: "IN_PROGRESS" })).status,
    ).toBe(404);
    expect((await other.delete(`/api/leads/${lead.id}`)).status).toBe(404);
    expect((await other.get(`/api/leads/${lead.id}/timeline`)).status).toBe(404);
    expect((await other.post(`/api/leads/${lead.id}/comments`).send({ body: "hi" })).status).toBe(
      404,
    );
    expect(
      (
        await other
          .post(`/api/leads/${lead.id}/callbacks`)
          .send({ dueAt: new Date().toISOString() })
      ).status,
    ).toBe(404);
    const missing = await other.get("/api/leads/987654321");
    expect((await other.get(`/api/leads/${lead.id}`)).body).toMatchObject({
      status: 404,
      code: missing.body.code,
      detail: missing.body.detail,
    });
    expect((await owner.get(`/api/leads/${lead.id}`)).body.status).toBe("NEW");
  });

  it("lists only the seller's own leads, whatever the owner filter says", async () => {
    const { agent: owner, user } = await ctx.loginAs("SELLER");
    const { agent: other, user: otherUser } = await ctx.loginAs("SELLER");
    await makeLead(owner);
    await makeLead(other);
    const mine = await owner.get(`/api/leads?ownerId=${otherUser.id}&limit=200`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((lead: TLead) => lead.owner?.id === user.id)).toBe(true);
    const count = await owner.get("/api/leads/count");
    expect(count.body.total).toBe(await ctx.db.lead.count({ where: { ownerId: user.id } }));
  });

  it("lets MOP, ROP and FINANCIER read any lead, but only MOP change it", async () => {
    const { agent: seller } = await ctx.loginAs("SELLER");
    const lead = await makeLead(seller);
    for (const role of ["MOP", "ROP", "FINANCIER"] as const) {
      const { agent } = await ctx.loginAs(role);
      expect((await agent.get(`/api/leads/${lead.id}`)).status).toBe(200);
    }
    const { agent: rop } = await ctx.loginAs("ROP");
    expect((await rop.patch(`/api/leads/${lead.id}`).send({ status: "MEETING" })).status).toBe(403);
    const { agent: mop } = await ctx.loginAs("MOP");
    expect((await mop.patch(`/api/leads/${lead.id}`).send({ status: "MEETING" })).status).toBe(200);
  });

  it("lets only the owner or an admin archive; a MOP cannot; archived leads are kept, hidden and restorable", async () => {
    const { agent: seller } = await ctx.loginAs("SELLER");
    const { agent: mop } = await ctx.loginAs("MOP");
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const one = await makeLead(seller);
    const two = await makeLead(seller);
    expect((await mop.delete(`/api/leads/${one.id}`)).status).toBe(403);
    expect((await seller.delete(`/api/leads/${one.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/leads/${two.id}`)).status).toBe(204);
    // Never deleted: both rows stay, marked archived.
    const rows = await ctx.db.lead.findMany({ where: { id: { in: [one.id, two.id] } } });
    expect(rows.map((row) => row.archivedAt !== null)).toEqual([true, true]);
    expect(
      await ctx.db.auditLog.count({
        where: { action: "lead.archive", entityId: { in: [String(one.id), String(two.id)] } },
      }),
    ).toBe(2);
    // Hidden from lists and reads, for everyone but an admin who asks.
    expect((await seller.get(`/api/leads/${one.id}`)).status).toBe(404);
    const listed = await mop.get(`/api/leads?q=${encodeURIComponent(one.fullName)}`);
    expect(listed.body.items.map((lead: { id: number }) => lead.id)).not.toContain(one.id);
    expect((await mop.get("/api/leads?archived=only")).status).toBe(403);
    const archived = await admin.get("/api/leads?archived=only");
    expect(archived.body.items.map((lead: { id: number }) => lead.id)).toEqual(
      expect.arrayContaining([one.id, two.id]),
    );
    expect((await admin.get(`/api/leads/${one.id}`)).body.archivedAt).not.toBeNull();
    // Nothing is added to an archived lead.
    expect(
      (await admin.post(`/api/leads/${one.id}/comments`).send({ body: "still here?" })).status,
    ).toBe(404);
    // Restoring is an admin's.
    expect((await mop.post(`/api/leads/${one.id}/restore`)).status).toBe(403);
    const restored = await admin.post(`/api/leads/${one.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.archivedAt).toBeNull();
    expect((await seller.get(`/api/leads/${one.id}`)).status).toBe(200);
  });

  it("reassigns (MOP) to an active seller and records it; the old owner loses access", async () => {
    const { agent: seller } = await ctx.loginAs("SELLER");
    const { agent: mop, user: mopUser } = await ctx.loginAs("MOP");
    const target = await ctx.createUser({ role: "SELLER" });
    const inactive = await ctx.createUser({ role: "SELLER", isActive: false });
    const lead = await makeLead(seller);
    expect(
      (await mop.post(`/api/leads/${lead.id}/reassign`).send({ ownerId: inactive.id })).status,
    ).toBe(409);
    const res = await mop.post(`/api/leads/${lead.id}/reassign`).send({ ownerId: target.id });
    expect(res.status).toBe(200);
    expect(res.body.owner.id).toBe(target.id);
    expect((await seller.get(`/api/leads/${lead.id}`)).status).toBe(404);
    const row = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: "lead.owner", entityId: String(lead.id) },
    });
    expect(row.actorId).toBe(mopUser.id);
    expect(JSON.parse(row.after!)).toEqual({
      ownerId: target.id,
      ownerName: expect.stringMatching(/^First/),
    });
  });
});

describe("status pipeline", () => {
  it("records each status change in the audit log and the timeline", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const lead = await makeLead(agent);
    for (const status of ["IN_PROGRESS", "MEETING"]) {
      const res = await agent.patch(`/api/leads/${lead.id}`).send({ status });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(status);
    }
    const timeline = await agent.get(`/api/leads/${lead.id}/timeline`);
    const events = timeline.body.items.filter(
      (item: { kind: string; action?: string }) => item.action === "lead.status",
    );
    expect(events.map((event: { after: { status: string } }) => event.after.status)).toEqual([
      "MEETING",
      "IN_PROGRESS",
    ]);
    expect(events[0].before).toEqual({ status: "IN_PROGRESS", lostReason: null });
  });

  it("requires a reason for LOST and clears it on reopening", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const lead = await makeLead(agent);
    expect((await agent.patch(`/api/leads/${lead.id}`).send({ status: "LOST" })).status).toBe(400);
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("NEW");
    const lost = await agent
      .patch(`/api/leads/${lead.id}`)
      .send({ status: "LOST", lostReason: "Дорого" });
    expect(lost.body).toMatchObject({ status: "LOST", lostReason: "Дорого" });
    const reopened = await agent.patch(`/api/leads/${lead.id}`).send({ status: "IN_PROGRESS" });
    expect(reopened.body).toMatchObject({ status: "IN_PROGRESS", lostReason: null });
  });

  it("never lets anyone set BOOKED or SOLD by hand, nor move a lead that holds a flat", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const lead = await makeLead(agent);
    for (const status of ["BOOKED", "SOLD"]) {
      for (const who of [agent, admin]) {
        const res = await who.patch(`/api/leads/${lead.id}`).send({ status });
        expect(res.status).toBe(400);
        expect(res.body.errors[0].path).toBe("status");
      }
    }
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("NEW");

    const complex = await ctx.db.complex.create({
      data: { name: "Hold rule", slug: `hold-rule-${user.id}`, city: "Ташкент", address: "-" },
    });
    const flat = await ctx.db.apartment.create({
      data: {
        complexId: complex.id,
        block: "A",
        floor: 1,
        number: "1",
        rooms: 1,
        area: 40,
        price: 1n,
      },
    });
    expect((await agent.post(`/api/flats/${flat.id}/book`).send({ leadId: lead.id })).status).toBe(
      200,
    );
    for (const who of [agent, admin]) {
      const res = await who.patch(`/api/leads/${lead.id}`).send({ status: "MEETING" });
      expect(res.status).toBe(409);
      expect(res.body.detail).toMatch(/release the hold/);
    }
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe("BOOKED");
    // Other fields of a booked lead can still be edited.
    expect((await agent.patch(`/api/leads/${lead.id}`).send({ note: "ok" })).status).toBe(200);
  });

  it("audits field changes with before and after", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const lead = await makeLead(agent, { region: "Бухара" });
    await agent
      .patch(`/api/leads/${lead.id}`)
      .send({ region: "Самарканд", budget: 50_000_000_00, budgetCurrency: "UZS" });
    const row = await ctx.db.auditLog.findFirstOrThrow({
      where: { action: "lead.update", entityId: String(lead.id) },
    });
    expect(JSON.parse(row.before!)).toEqual({
      region: "Бухара",
      budget: null,
      budgetCurrency: null,
    });
    expect(JSON.parse(row.after!)).toEqual({
      region: "Самарканд",
      budget: 50_000_000_00,
      budgetCurrency: "UZS",
    });
  });
});

describe("listing", () => {
  it("filters by status, source, region and period, and searches name and phone", async () => {
    const { agent: mop } = await ctx.loginAs("MOP");
    const tag = `Zq${Date.now()}`;
    const a = await makeLead(mop, {
      fullName: `${tag} Алия`,
      source: "TELEGRAM",
      region: "Фергана",
    });
    const b = await makeLead(mop, {
      fullName: `${tag} Бобур`,
      source: "INSTAGRAM",
      region: "Фергана",
    });
    await mop.patch(`/api/leads/${b.id}`).send({ status: "MEETING" });
    const ids = async (query: string) =>
      ((await mop.get(`/api/leads?${query}&limit=200`)).body.items as TLead[]).map(
        (lead) => lead.id,
      );
    expect(await ids(`q=${encodeURIComponent(tag.toLowerCase())}`)).toEqual([b.id, a.id]);
    expect(await ids(`q=${encodeURIComponent("алия")}`)).toContain(a.id);
    expect(await ids(`q=${a.phone.slice(-7)}`)).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent(tag)}&status=MEETING`)).toEqual([b.id]);
    expect(await ids(`q=${encodeURIComponent(tag)}&status=NEW,MEETING`)).toEqual([b.id, a.id]);
    expect(await ids(`q=${encodeURIComponent(tag)}&source=TELEGRAM`)).toEqual([a.id]);
    expect(
      await ids(`region=${encodeURIComponent("Фергана")}&q=${encodeURIComponent(tag)}`),
    ).toHaveLength(2);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(
      await ids(`q=${encodeURIComponent(tag)}&createdFrom=${encodeURIComponent(future)}`),
    ).toEqual([]);
    expect((await mop.get(`/api/leads/count?q=${encodeURIComponent(tag)}`)).body.total).toBe(2);
  });

  it.each([
    ["createdAt", "desc"],
    ["createdAt", "asc"],
    ["fullName", "asc"],
    ["fullName", "desc"],
    ["updatedAt", "desc"],
  ] as const)("pages by %s %s with a cursor: every lead once, in order", async (sort, order) => {
    const { agent } = await ctx.loginAs("SELLER");
    const names = ["Бек", "Али", "Бек", "Вали", "Али", "Гуля", "Дина"];
    for (const name of names) await makeLead(agent, { fullName: name });
    const seen: TLead[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await agent.get(
        `/api/leads?sort=${sort}&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(names.length);
    expect(new Set(seen.map((lead) => lead.id)).size).toBe(names.length);
    const key = (lead: TLead) => `${lead[sort]}\u0000${String(lead.id).padStart(10, "0")}`;
    const sorted = [...seen].sort((x, y) => (key(x) < key(y) ? -1 : 1));
    if (order === "desc") sorted.reverse();
    expect(seen.map((lead) => lead.id)).toEqual(sorted.map((lead) => lead.id));
  });
});

describe("text search index", () => {
  it("finds a lead by its new name after a rename, not by the old one, and forgets deleted leads", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const tag = `qx${Date.now().toString(36)}`;
    const lead = await makeLead(agent, { fullName: `${tag}старое` });
    const ids = async (q: string) =>
      ((await agent.get(`/api/leads?q=${encodeURIComponent(q)}`)).body.items as TLead[]).map(
        (l) => l.id,
      );
    expect(await ids(`${tag}старое`)).toEqual([lead.id]);
    await agent.patch(`/api/leads/${lead.id}`).send({ fullName: `${tag}Новое` });
    expect(await ids(`${tag}старое`)).toEqual([]);
    expect(await ids(`${tag}НОВОЕ`)).toEqual([lead.id]);
    expect((await agent.get(`/api/leads/count?q=${tag}`)).body.total).toBe(1);
    await agent.delete(`/api/leads/${lead.id}`);
    expect(await ids(tag)).toEqual([]);
  });

  it("treats LIKE wildcards in the search text literally", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const lead = await makeLead(agent, { fullName: "Процент 100%_ровно" });
    const other = await makeLead(agent, { fullName: "Процент 1000 ровно" });
    const found = (
      (await agent.get(`/api/leads?q=${encodeURIComponent("100%_")}`)).body.items as TLead[]
    ).map((l) => l.id);
    expect(found).toContain(lead.id);
    expect(found).not.toContain(other.id);
  });
});

describe("search on a common term", () => {
  it("pages newest first and counts every match when more than a thousand leads match", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const tag = `common${Date.now().toString(36)}`;
    const base = Date.UTC(2025, 0, 1);
    await ctx.db.lead.createMany({
      data: Array.from({ length: 1001 }, (_, i) => ({
        fullName: `${tag} ${i}`,
        phone: `+99897${String(1_000_000 + i).slice(-7)}`,
        searchText: `${tag} ${i}`,
        ownerId: user.id,
        createdAt: new Date(base + i * 60_000),
      })),
    });
    const res = await agent.get(`/api/leads?q=${tag}&limit=3`);
    expect(res.body.items.map((lead: TLead) => lead.fullName)).toEqual([
      `${tag} 1000`,
      `${tag} 999`,
      `${tag} 998`,
    ]);
    expect((await agent.get(`/api/leads/count?q=${tag}`)).body.total).toBe(1001);
  });
});

describe("timestamps in the list", () => {
  it("are ISO-8601 UTC whatever form a row was stored in (Prisma's own, or plain SQL's)", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const tag = `ts${Date.now().toString(36)}`;
    const viaApi = await makeLead(agent, { fullName: `${tag} api` });
    await ctx.db.$executeRawUnsafe(
      `INSERT INTO "Lead" ("fullName", "phone", "searchText", "ownerId", "createdAt", "statusChangedAt", "updatedAt")
       VALUES ('${tag} sql', '${nextPhone()}', '${tag} sql', ${user.id}, '2026-01-02 03:04:05', '2026-01-02 03:04:05', '2026-01-02 03:04:05')`,
    );
    const res = await agent.get(`/api/leads?q=${tag}`);
    const byName = new Map((res.body.items as TLead[]).map((lead) => [lead.fullName, lead]));
    expect(byName.get(`${tag} api`)!.createdAt).toBe(viaApi.createdAt);
    expect(byName.get(`${tag} api`)!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(byName.get(`${tag} sql`)).toMatchObject({
      createdAt: "2026-01-02T03:04:05.000Z",
      statusChangedAt: "2026-01-02T03:04:05.000Z",
      lastActivityAt: null,
    });
  });
});

describe("text search looks at the newest leads first", () => {
  // A text search on the default order first reads a window of the newest leads (no index
  // probe); only a page it cannot fill there goes to the general path. Both must give the same
  // page, cursor pages included. Small windows make both paths run on a small database: the
  // newest 6 rows below hold exactly a page of matches, so a window in the wrong order fails.
  const page = (q: string, ownerId: number, newestWindow: number, limit = 3, after?: TLead) =>
    findLeadPage(ctx.deps.reader, {
      scopeOwnerId: ownerId,
      filters: { q, archived: "exclude" },
      sort: "createdAt",
      order: "desc",
      limit,
      newestWindow,
      ...(after ? { after: { value: new Date(after.createdAt), id: after.id } } : {}),
    }).then((rows) => rows.map((row) => row.fullName));

  it("gives the general path's page from the window, first page and after a cursor", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const tag = `win${Date.now().toString(36)}`;
    const made: TLead[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(await makeLead(agent, { fullName: `${tag} ${i}` }));
      await makeLead(agent, { fullName: `Другой ${tag.slice(0, 3)} ${i}` });
    }
    const newest = [6, 5, 4].map((i) => `${tag} ${i}`);
    expect(await page(tag, user.id, 6)).toEqual(newest);
    expect(await page(tag, user.id, 0)).toEqual(newest);
    // 4 rows hold 2 of the 3: the scan goes on past the window's last row for the third.
    expect(await page(tag, user.id, 4)).toEqual(newest);
    // 2 rows hold 1 of the 3: too sparse to scan on, the index answers.
    expect(await page(tag, user.id, 2)).toEqual(newest);
    const third = made[4]!;
    expect(await page(tag, user.id, 6, 3, third)).toEqual([3, 2, 1].map((i) => `${tag} ${i}`));
    expect(await page(tag, user.id, 0, 3, third)).toEqual([3, 2, 1].map((i) => `${tag} ${i}`));
    expect(await page(tag, user.id, 4, 3, third)).toEqual([3, 2, 1].map((i) => `${tag} ${i}`));
    // Past the last match the window holds every row left: a short last page.
    expect(await page(tag, user.id, 1000, 3, made[1])).toEqual([`${tag} 0`]);
    // Through the API (the default window) the same.
    const res = await agent.get(`/api/leads?q=${tag}&limit=3`);
    expect((res.body.items as TLead[]).map((lead) => lead.fullName)).toEqual(newest);
  });

  it("finds a lead older than the window, and one that other filters keep out of it", async () => {
    const { agent, user } = await ctx.loginAs("SELLER");
    const tag = `old${Date.now().toString(36)}`;
    await makeLead(agent, { fullName: `${tag} давний` });
    for (let i = 0; i < 4; i++) await makeLead(agent, { fullName: `Новый ${i}` });
    const other = await ctx.loginAs("SELLER");
    await makeLead(other.agent, { fullName: `${tag} чужой` });
    // The 2 newest leads hold a match, but another seller's: the window fills no page for this
    // seller, and the general path finds their own older lead.
    expect(await page(tag, other.user.id, 2)).toEqual([`${tag} чужой`]);
    expect(await page(tag, user.id, 2)).toEqual([`${tag} давний`]);
    expect(await page(tag, user.id, 0)).toEqual([`${tag} давний`]);
  });
});

describe("the lead's flats", () => {
  it("names the flat of interest and the held flats by number and complex, for who may see the lead", async () => {
    const complex = await ctx.db.complex.create({
      data: { name: "ЖК Бахор", slug: "bahor-lead-flats", city: "Tashkent" },
    });
    const flat = (number: string) =>
      ctx.db.apartment.create({
        data: {
          complexId: complex.id,
          block: "A",
          floor: 3,
          number,
          rooms: 2,
          area: 55,
          price: 1n,
        },
      });
    const wanted = await flat("33");
    const held = await flat("34");
    const { agent } = await ctx.loginAs("SELLER");
    const lead = await makeLead(agent, { complexId: complex.id, apartmentId: wanted.id });
    const until = new Date(Date.now() + 86_400_000);
    await ctx.db.apartment.update({
      where: { id: held.id },
      data: { status: "BOOKED", bookedLeadId: lead.id, bookedUntil: until },
    });

    const res = await agent.get(`/api/leads/${lead.id}/flats`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      interest: {
        id: wanted.id,
        number: "33",
        complexId: complex.id,
        complexName: "ЖК Бахор",
        status: "FREE",
        bookedUntil: null,
      },
      holds: [
        {
          id: held.id,
          number: "34",
          complexId: complex.id,
          complexName: "ЖК Бахор",
          status: "BOOKED",
          bookedUntil: until.toISOString(),
        },
      ],
    });

    const bare = await makeLead(agent);
    expect((await agent.get(`/api/leads/${bare.id}/flats`)).body).toEqual({
      interest: null,
      holds: [],
    });
    // Another seller's lead is not found, as the lead itself is not.
    const { agent: other } = await ctx.loginAs("SELLER");
    expect((await other.get(`/api/leads/${lead.id}/flats`)).status).toBe(404);
    expect((await agent.get("/api/leads/99999999/flats")).status).toBe(404);
    expect((await agent.get("/api/leads/abc/flats")).status).toBe(400);
  });
});
