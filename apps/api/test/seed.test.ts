import { DEMO_USERS, normalizeStoredPhones, seedDemo } from "@crm/db";
import { useTestContext } from "./harness";

const ctx = useTestContext();

describe("demo data", () => {
  it("creates one user per role, complexes, and leads with valid phones that search finds by name and phone", async () => {
    expect(await seedDemo(ctx.db, { leads: 40 })).toBe(true);
    expect(await seedDemo(ctx.db, { leads: 40 })).toBe(false); // once only
    const logins = (await ctx.db.user.findMany({ select: { login: true } })).map(
      (user) => user.login,
    );
    expect(logins).toEqual(expect.arrayContaining(DEMO_USERS.map((user) => user.login)));
    expect(await ctx.db.complex.count({ where: { isPublished: true } })).toBe(2);
    expect(await ctx.db.lead.count({ where: { searchText: "" } })).toBe(0);
    const lead = await ctx.db.lead.findFirstOrThrow({ orderBy: { id: "desc" } });
    const { agent } = await ctx.loginAs("MOP");
    const byName = await agent.get(
      `/api/leads?q=${encodeURIComponent(lead.fullName.toUpperCase())}&limit=200`,
    );
    expect(byName.body.items.map((item: { id: number }) => item.id)).toContain(lead.id);
    const byPhone = await agent.get(`/api/leads?q=${encodeURIComponent(lead.phone)}`);
    expect(byPhone.body.items.map((item: { id: number }) => item.id)).toEqual([lead.id]);
    // Every phone is a valid number already in E.164, as the API would store it.
    expect(await normalizeStoredPhones(ctx.db, { dryRun: true })).toEqual({
      fixed: [],
      invalid: [],
      duplicates: [],
    });
  });
});
