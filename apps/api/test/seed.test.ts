import { demo } from "@crm/core";
import { normalizeStoredPhones } from "@crm/db";
import { useTestContext } from "./harness";

const ctx = useTestContext();

describe("demo data", () => {
  it("creates one user per role, complexes, and leads with valid phones that search finds by name and phone", async () => {
    expect(await demo.seedDemo(ctx.db, { leads: 80 })).toBe(true);
    expect(await demo.seedDemo(ctx.db, { leads: 40 })).toBe(false); // once only
    const logins = (await ctx.db.user.findMany({ select: { login: true } })).map(
      (user) => user.login,
    );
    expect(logins).toEqual(expect.arrayContaining(demo.DEMO_USERS.map((user) => user.login)));
    expect(await ctx.db.complex.count({ where: { isPublished: true } })).toBe(2);
    expect(await ctx.db.lead.count({ where: { searchText: "" } })).toBe(0);
    // The back office too: categories, three months of budgets, expenses and dollar rates.
    expect(await ctx.db.expenseCategory.count()).toBe(4);
    expect(await ctx.db.currencyRate.count()).toBe(3);
    expect(await ctx.db.budget.count()).toBe(12);
    expect(await ctx.db.expense.count({ where: { source: { not: null } } })).toBe(12);
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

  it("obeys the product's own rules: sold flats belong to their contract's lead, schedules keep their day, receipts add up", async () => {
    const { db } = ctx;
    await demo.seedDemo(db, { leads: 80 }); // seeds unless the test above already did
    const signed = await db.contract.findMany({
      where: { status: "SIGNED" },
      include: { apartment: true, payments: { orderBy: { seq: "asc" } }, lead: true },
    });
    expect(signed.length).toBeGreaterThan(0);
    for (const contract of signed) {
      expect(contract.apartment).toMatchObject({ status: "SOLD", bookedLeadId: contract.leadId });
      expect(contract.lead.status).toBe("SOLD");
      const days = contract.payments.map((payment) => payment.dueDate.getUTCDate());
      // Monthly on the same day as the start (clamped to short months), never drifting.
      const start = days[0]!;
      for (const day of days.slice(1)) expect(day === start || day >= 28).toBe(true);
      const total = contract.payments.reduce((sum, payment) => sum + payment.amount, 0n);
      expect(total).toBe(contract.price);
    }
    for (const payment of await db.payment.findMany({ include: { receipts: true } })) {
      const received = payment.receipts
        .filter((receipt) => receipt.reversedAt === null)
        .reduce((sum, receipt) => sum + receipt.amount, 0n);
      expect(received).toBe(payment.paidAmount);
    }
    const booked = await db.lead.findMany({ where: { status: "BOOKED" }, select: { id: true } });
    for (const lead of booked) {
      expect(await db.apartment.count({ where: { bookedLeadId: lead.id, status: "BOOKED" } })).toBe(
        1,
      );
    }
    expect(await db.apartment.count({ where: { status: "SOLD", bookedLeadId: null } })).toBe(0);
  });
});
