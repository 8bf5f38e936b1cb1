import { useTestContext, type TestUser } from "./harness";

const ctx = useTestContext();

let alice: TestUser;
let bob: TestUser;

async function row(
  actorId: number | null,
  action: string,
  entity: string,
  entityId: string,
  createdAt: string,
  sides: { before?: unknown; after?: unknown } = {},
) {
  await ctx.db.auditLog.create({
    data: {
      actorId,
      action,
      entity,
      entityId,
      createdAt: new Date(createdAt),
      before: sides.before ? JSON.stringify(sides.before) : null,
      after: sides.after ? JSON.stringify(sides.after) : null,
    },
  });
}

beforeAll(async () => {
  alice = await ctx.createUser({ role: "MOP" });
  bob = await ctx.createUser({ role: "SELLER" });
  await row(alice.id, "lead.status", "Lead", "10", "2026-03-01T10:00:00Z", {
    before: { status: "NEW" },
    after: { status: "IN_PROGRESS" },
  });
  await row(alice.id, "lead.owner", "Lead", "10", "2026-03-02T10:00:00Z", {
    before: { ownerId: null, ownerName: null },
    after: { ownerId: bob.id, ownerName: "Bob" },
  });
  await row(bob.id, "lead.status", "Lead", "11", "2026-03-05T10:00:00Z", {
    before: { status: "NEW" },
    after: { status: "LOST", lostReason: '=HYPERLINK("x")' },
  });
  await row(null, "payment.overdue", "Payment", "7", "2026-03-06T10:00:00Z", {
    before: { status: "SCHEDULED" },
    after: { status: "OVERDUE" },
  });
});

const ids = (body: { items: { entityId: string; action: string }[] }) =>
  body.items.map((item) => `${item.action}#${item.entityId}`);

describe("audit log browser", () => {
  it("filters by user, action, record type and id, and period", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const byUser = await agent.get(`/api/audit?actorId=${alice.id}`);
    expect(byUser.status).toBe(200);
    expect(ids(byUser.body)).toEqual(["lead.owner#10", "lead.status#10"]);
    expect(byUser.body.items[0].actor).toMatchObject({ id: alice.id, login: alice.login });
    expect(byUser.body.items[0].after).toEqual({ ownerId: bob.id, ownerName: "Bob" });

    const system = await agent.get("/api/audit?actorId=system&entity=Payment");
    expect(ids(system.body)).toEqual(["payment.overdue#7"]);
    expect(system.body.items[0].actor).toBeNull();

    const byAction = await agent.get("/api/audit?action=lead.status&entity=Lead");
    expect(ids(byAction.body)).toEqual(["lead.status#11", "lead.status#10"]);

    const byRecord = await agent.get("/api/audit?entity=Lead&entityId=10");
    expect(ids(byRecord.body)).toEqual(["lead.owner#10", "lead.status#10"]);

    const period = await agent.get(
      "/api/audit?from=2026-03-02T00:00:00Z&to=2026-03-06T00:00:00Z&entity=Lead",
    );
    expect(ids(period.body)).toEqual(["lead.status#11", "lead.owner#10"]);
  });

  it("pages with a cursor, newest first, without gaps or repeats", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await agent.get(
        `/api/audit?limit=1&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.status).toBe(200);
      seen.push(...ids(res.body));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([
      "payment.overdue#7",
      "lead.status#11",
      "lead.owner#10",
      "lead.status#10",
    ]);
  });

  it("refuses bad filters with 400", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    for (const query of [
      "action=lead.nothing",
      "entity=Planet",
      "actorId=abc",
      "from=yesterday",
      "cursor=%%%",
    ]) {
      const res = await agent.get(`/api/audit?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
    }
  });

  it("exports the filtered rows as CSV, formulas defused", async () => {
    const { agent } = await ctx.loginAs("ADMIN");
    const res = await agent.get(
      "/api/audit/export?entity=Lead&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z",
    );
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="audit-/);
    const lines = res.text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("id;time;user;action;record;record id;before;after;request");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`;${bob.login};lead.status;Lead;11;`);
    // JSON with quotes is quoted; a cell never starts with "=".
    expect(lines[1]).not.toMatch(/;=/);
    expect(lines[3]).toContain(`;${alice.login};lead.status;Lead;10;`);
  });

  it("records real changes through the one writer (settings, here)", async () => {
    const { agent, user } = await ctx.loginAs("ADMIN");
    await agent.patch("/api/settings").send({ "company.mfo": "00440" });
    const res = await agent.get(`/api/audit?actorId=${user.id}&action=setting.update`);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      entity: "Setting",
      entityId: "company.mfo",
      before: { value: "" },
      after: { value: "00440" },
    });
  });
});
