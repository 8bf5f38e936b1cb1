import type request from "supertest";
import { localDay } from "@crm/core";
import { useTestContext } from "./harness";

const ctx = useTestContext();
let seq = 0;

async function leadOf(agent: request.Agent) {
  seq += 1;
  const res = await agent.post("/api/leads").send({
    fullName: `Lead ${seq}`,
    phone: `+99894${String(1_000_000 + seq * 91 + (process.pid % 997)).slice(-7)}`,
  });
  if (res.status !== 201) throw new Error(res.text);
  return res.body as { id: number };
}

describe("comments", () => {
  it("adds, edits and deletes one's own comments; others cannot touch them", async () => {
    const { agent: seller, user } = await ctx.loginAs("SELLER");
    const { agent: mop } = await ctx.loginAs("MOP");
    const lead = await leadOf(seller);
    const created = await seller
      .post(`/api/leads/${lead.id}/comments`)
      .send({ body: "  Позвонить в 18:00  " });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ body: "Позвонить в 18:00", author: { id: user.id } });
    expect(
      (await mop.patch(`/api/comments/${created.body.id}`).send({ body: "hijack" })).status,
    ).toBe(403);
    expect((await mop.delete(`/api/comments/${created.body.id}`)).status).toBe(403);
    const edited = await seller
      .patch(`/api/comments/${created.body.id}`)
      .send({ body: "Перезвонить завтра" });
    expect(edited.body.body).toBe("Перезвонить завтра");
    expect((await seller.delete(`/api/comments/${created.body.id}`)).status).toBe(204);
    expect(await ctx.db.comment.count({ where: { id: created.body.id } })).toBe(0);
  });

  it("lets an admin delete anyone's comment, and rejects empty ones", async () => {
    const { agent: seller } = await ctx.loginAs("SELLER");
    const { agent: admin } = await ctx.loginAs("ADMIN");
    const lead = await leadOf(seller);
    expect((await seller.post(`/api/leads/${lead.id}/comments`).send({ body: "   " })).status).toBe(
      400,
    );
    const comment = await seller.post(`/api/leads/${lead.id}/comments`).send({ body: "ok" });
    expect((await admin.delete(`/api/comments/${comment.body.id}`)).status).toBe(204);
  });
});

describe("callbacks", () => {
  it("sorts a seller's calls into overdue, today, upcoming and done", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const lead = await leadOf(agent);
    const now = Date.now();
    const { end } = localDay(new Date(now), 300);
    const make = async (dueAt: Date, note: string) =>
      (
        await agent
          .post(`/api/leads/${lead.id}/callbacks`)
          .send({ dueAt: dueAt.toISOString(), note })
      ).body as { id: number };
    await make(new Date(now - 3_600_000), "late");
    await make(new Date(Math.min(now + 60_000, end.getTime() - 1000)), "soon");
    await make(new Date(end.getTime() + 86_400_000), "later");
    const finished = await make(new Date(now - 7_200_000), "finished");
    expect(
      (await agent.patch(`/api/callbacks/${finished.id}`).send({ isDone: true })).body,
    ).toMatchObject({ isDone: true, doneAt: expect.any(String) });
    const notes = async (bucket: string) =>
      ((await agent.get(`/api/callbacks?bucket=${bucket}`)).body.items as { note: string }[]).map(
        (item) => item.note,
      );
    expect(await notes("overdue")).toEqual(["late"]);
    expect(await notes("today")).toEqual(["soon"]);
    expect(await notes("upcoming")).toEqual(["later"]);
    expect(await notes("done")).toEqual(["finished"]);
    const undone = await agent.patch(`/api/callbacks/${finished.id}`).send({ isDone: false });
    expect(undone.body).toMatchObject({ isDone: false, doneAt: null });
  });

  it("shows the team's calls to a MOP but not to a seller", async () => {
    const { agent: seller, user } = await ctx.loginAs("SELLER");
    const { agent: mop } = await ctx.loginAs("MOP");
    const lead = await leadOf(seller);
    await seller
      .post(`/api/leads/${lead.id}/callbacks`)
      .send({ dueAt: new Date(Date.now() - 1000).toISOString(), note: "team" });
    expect((await seller.get("/api/callbacks?scope=team")).status).toBe(403);
    const team = await mop.get("/api/callbacks?scope=team&bucket=overdue&limit=200");
    expect(team.body.items.some((item: { user: { id: number } }) => item.user.id === user.id)).toBe(
      true,
    );
    expect((await mop.get("/api/callbacks?bucket=overdue")).body.items).toEqual([]);
  });

  it("keeps a seller's callbacks private and lets a MOP schedule for a seller", async () => {
    const { agent: seller, user } = await ctx.loginAs("SELLER");
    const { agent: other } = await ctx.loginAs("SELLER");
    const { agent: mop } = await ctx.loginAs("MOP");
    const lead = await leadOf(seller);
    const callback = await mop
      .post(`/api/leads/${lead.id}/callbacks`)
      .send({ dueAt: new Date().toISOString(), userId: user.id });
    expect(callback.status).toBe(201);
    expect(callback.body.user.id).toBe(user.id);
    expect(
      (await other.patch(`/api/callbacks/${callback.body.id}`).send({ isDone: true })).status,
    ).toBe(404);
    expect((await other.delete(`/api/callbacks/${callback.body.id}`)).status).toBe(404);
    expect(
      (
        await seller
          .post(`/api/leads/${lead.id}/callbacks`)
          .send({ dueAt: new Date().toISOString(), userId: 1 })
      ).status,
    ).toBe(403);
    expect((await seller.delete(`/api/callbacks/${callback.body.id}`)).status).toBe(204);
  });

  it("rejects a due time that is not an ISO date", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const lead = await leadOf(agent);
    const res = await agent.post(`/api/leads/${lead.id}/callbacks`).send({ dueAt: "tomorrow" });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe("dueAt");
  });
});

describe("timeline", () => {
  it("merges changes, comments and callbacks, newest first", async () => {
    const { agent } = await ctx.loginAs("SELLER");
    const lead = await leadOf(agent);
    await agent.post(`/api/leads/${lead.id}/comments`).send({ body: "first" });
    await agent.patch(`/api/leads/${lead.id}`).send({ status: "IN_PROGRESS" });
    await agent
      .post(`/api/leads/${lead.id}/callbacks`)
      .send({ dueAt: new Date().toISOString(), note: "call" });
    const res = await agent.get(`/api/leads/${lead.id}/timeline`);
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((item: { kind: string; action?: string }) => item.action ?? item.kind),
    ).toEqual(["callback", "lead.status", "comment", "lead.create"]);
  });
});

describe("day bounds", () => {
  it("computes today in Tashkent time", () => {
    const { start, end } = localDay(new Date("2026-03-10T20:30:00Z"), 300);
    expect(start.toISOString()).toBe("2026-03-10T19:00:00.000Z");
    expect(end.toISOString()).toBe("2026-03-11T19:00:00.000Z");
  });
});
