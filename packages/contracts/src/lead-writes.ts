import { z } from "zod";
import { optionalText, text, ZCurrency, ZId, ZIdParams, ZLeadSource, ZMoney } from "./common";
import { exampleLead, ZLead, ZManualLeadStatus } from "./leads";
import { ZPhone } from "./phone";
import { ROLES } from "./roles";
import { defineRoute } from "./routes";

/*
 * The requests that write a lead's fields, apart from the rest of the leads' contracts: they
 * check phone numbers, and libphonenumber's metadata (~48 KB gzipped) then loads with them. The
 * lead list, the board's counts and every page that only reads leads stay without it.
 */

const leadFields = {
  fullName: text(200),
  phone: ZPhone,
  region: optionalText(100).nullable(),
  source: ZLeadSource,
  complexId: ZId.nullable(),
  apartmentId: ZId.nullable(),
  budget: ZMoney.nullable(),
  budgetCurrency: ZCurrency.nullable(),
  note: optionalText(2000, { multiline: true }).nullable(),
};

export const ZCreateLeadRequest = z.strictObject({
  ...leadFields,
  region: leadFields.region.optional(),
  source: ZLeadSource.default("OTHER"),
  complexId: leadFields.complexId.optional(),
  apartmentId: leadFields.apartmentId.optional(),
  budget: leadFields.budget.optional(),
  budgetCurrency: leadFields.budgetCurrency.optional(),
  note: leadFields.note.optional(),
  /** MOP/ADMIN may create for a seller; a seller's leads are always their own. */
  ownerId: ZId.nullable().optional(),
});
export type TCreateLeadRequest = z.input<typeof ZCreateLeadRequest>;

export const ZUpdateLeadRequest = z
  .strictObject({
    ...leadFields,
    status: ZManualLeadStatus,
    lostReason: optionalText(500, { multiline: true }).nullable(),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to update" })
  .refine((value) => value.status !== "LOST" || !!value.lostReason, {
    message: "A lost lead needs a reason",
    path: ["lostReason"],
  });
export type TUpdateLeadRequest = z.input<typeof ZUpdateLeadRequest>;

export const leadWriteRoutes = {
  create: defineRoute({
    method: "post",
    path: "/api/leads",
    summary: "Create a lead (phone normalised to E.164; duplicates by phone are refused)",
    tag: "leads",
    access: ROLES.sales,
    body: ZCreateLeadRequest,
    status: 201,
    response: ZLead,
    problems: [409],
    examples: {
      body: {
        fullName: "Aziza Karimova",
        phone: "90 123 45 67",
        region: "Tashkent",
        source: "INSTAGRAM",
        complexId: 1,
        budget: 95_000_000_000,
        budgetCurrency: "UZS",
        note: "Wants a corner flat on a middle floor",
      },
      response: { ...exampleLead, status: "NEW", statusChangedAt: exampleLead.createdAt },
    },
  }),
  update: defineRoute({
    method: "patch",
    path: "/api/leads/:id",
    summary: "Change a lead's fields or status",
    tag: "leads",
    access: ROLES.sales,
    params: ZIdParams,
    body: ZUpdateLeadRequest,
    status: 200,
    response: ZLead,
    problems: [404, 409],
  }),
};
