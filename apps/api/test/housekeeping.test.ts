import pino from "pino";
import { startHousekeeping } from "../src/jobs/housekeeping";
import { useTestContext } from "./harness";

const ctx = useTestContext();

describe("housekeeping without Redis", () => {
  it("periodically releases expired holds and marks past-due payments overdue", async () => {
    const { user } = await ctx.loginAs("SELLER");
    const complex = await ctx.db.complex.create({
      data: { name: "ЖК H", slug: `hk-${Date.now()}`, city: "Ташкент" },
    });
    const lead = await ctx.db.lead.create({
      data: {
        fullName: "Housekeeping",
        phone: "+998935550101",
        ownerId: user.id,
        status: "BOOKED",
      },
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
        status: "BOOKED",
        bookedLeadId: lead.id,
        bookedUntil: new Date(Date.now() - 60_000),
      },
    });
    const payment = await ctx.db.payment.create({
      data: {
        leadId: lead.id,
        amount: 100n,
        currency: "UZS",
        dueDate: new Date(Date.now() - 3 * 86_400_000),
      },
    });
    const stop = startHousekeeping(ctx.db, pino({ level: "silent" }), 20);
    try {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const [f, p] = await Promise.all([
          ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } }),
          ctx.db.payment.findUniqueOrThrow({ where: { id: payment.id } }),
        ]);
        if (f.status === "FREE" && p.status === "OVERDUE") break;
        if (Date.now() > deadline)
          throw new Error(`not done: flat ${f.status}, payment ${p.status}`);
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      stop();
    }
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe(
      "IN_PROGRESS",
    );
  });
});
