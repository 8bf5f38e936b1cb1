import { leadSearchText, normalizeStoredPhones } from "@crm/db";
import { useTestContext } from "./harness";

const ctx = useTestContext();

/** Phones as the former hand-written rules stored them. */
async function storedLead(fullName: string, phone: string) {
  return ctx.db.lead.create({
    data: { fullName, phone, searchText: leadSearchText(fullName, phone) },
  });
}

describe("pnpm db:normalize-phones", () => {
  it("brings stored phones to E.164 and reports invalid numbers and would-be duplicates", async () => {
    const international = await storedLead("Old International", "+00998901112233");
    const leadingZero = await storedLead("Leading Zero", "+0901112233");
    const spaced = await storedLead("Typed Spaces", "90 222 33 44");
    const fine = await storedLead("Already Fine", "+998903334455");
    const twin = await storedLead("Twin A", "+998904445566");
    const twinSpelledOld = await storedLead("Twin B", "+00998904445566");
    const user = await ctx.createUser({ role: "SELLER" });
    await ctx.db.user.update({ where: { id: user.id }, data: { phone: "+00998905556677" } });

    const expected = {
      fixed: [
        { table: "Lead", id: international.id, from: "+00998901112233", to: "+998901112233" },
        { table: "Lead", id: spaced.id, from: "90 222 33 44", to: "+998902223344" },
        { table: "User", id: user.id, from: "+00998905556677", to: "+998905556677" },
      ],
      invalid: [{ table: "Lead", id: leadingZero.id, phone: "+0901112233" }],
      duplicates: [
        {
          table: "Lead",
          id: twinSpelledOld.id,
          phone: "+00998904445566",
          normalized: "+998904445566",
          existingLeadId: twin.id,
        },
      ],
    };

    // A dry run reports the same and writes nothing.
    expect(await normalizeStoredPhones(ctx.db, { dryRun: true })).toEqual(expected);
    expect((await ctx.db.lead.findUniqueOrThrow({ where: { id: spaced.id } })).phone).toBe(
      "90 222 33 44",
    );

    expect(await normalizeStoredPhones(ctx.db)).toEqual(expected);
    const phones = new Map(
      (await ctx.db.lead.findMany({ select: { id: true, phone: true, searchText: true } })).map(
        (lead) => [lead.id, lead],
      ),
    );
    expect(phones.get(international.id)).toEqual({
      id: international.id,
      phone: "+998901112233",
      searchText: "old international 998901112233",
    });
    expect(phones.get(spaced.id)!.phone).toBe("+998902223344");
    expect(phones.get(fine.id)!.phone).toBe("+998903334455");
    expect(phones.get(leadingZero.id)!.phone).toBe("+0901112233");
    expect(phones.get(twinSpelledOld.id)!.phone).toBe("+00998904445566");
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: user.id } })).phone).toBe(
      "+998905556677",
    );

    // Run again: nothing left to fix, the same problems still reported.
    expect(await normalizeStoredPhones(ctx.db)).toEqual({ ...expected, fixed: [] });
  });
});
