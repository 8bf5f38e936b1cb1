import { z } from "zod";
import {
  ZContractApproval,
  optionalText,
  text,
  ZContractStatus,
  ZCurrency,
  ZId,
  ZIdParams,
  ZIsoDateTime,
  ZMoney,
  ZMonth,
  ZPaymentKind,
  ZPaymentMethod,
  ZPaymentStatus,
} from "./common";
import { ROLES, DEAL_READERS } from "./roles";
import { defineRoute } from "./routes";

/** Sale contracts are called "deals" in code so they never collide with this package's name. */
const MONEY = ["ADMIN", "FINANCIER"] as const;
const READ_MONEY = ["ADMIN", "FINANCIER", "MOP", "ROP"] as const;

export const ZPayment = z.object({
  id: z.number().int(),
  dealId: z.number().int().nullable(),
  leadId: z.number().int(),
  seq: z.number().int(),
  kind: ZPaymentKind,
  amount: z.number().int(),
  paidAmount: z.number().int(),
  currency: ZCurrency,
  dueDate: z.string(),
  paidAt: z.string().nullable(),
  method: ZPaymentMethod.nullable(),
  status: ZPaymentStatus,
});
export type TPayment = z.infer<typeof ZPayment>;

/** Money received against one instalment; reversed receipts stay on record. */
export const ZReceipt = z.object({
  id: z.number().int(),
  number: z.string(),
  paymentId: z.number().int(),
  amount: z.number().int(),
  currency: ZCurrency,
  method: ZPaymentMethod,
  paidAt: z.string(),
  note: z.string().nullable(),
  recordedBy: z.string().nullable(),
  reversedAt: z.string().nullable(),
  reversalReason: z.string().nullable(),
});
export type TReceipt = z.infer<typeof ZReceipt>;

/** The buyer as printed on the contract: fixed at signing, live from the lead before that. */
export const ZDealParty = z.object({ fullName: z.string(), phone: z.string() });

export const ZDeal = z.object({
  id: z.number().int(),
  number: z.string(),
  leadId: z.number().int(),
  lead: z.object({
    id: z.number().int(),
    fullName: z.string(),
    phone: z.string(),
    ownerId: z.number().int().nullable(),
  }),
  apartment: z.object({
    id: z.number().int(),
    complexId: z.number().int(),
    block: z.string(),
    number: z.string(),
    area: z.number(),
    status: z.string(),
  }),
  price: z.number().int(),
  currency: ZCurrency,
  downPayment: z.number().int(),
  installmentMonths: z.number().int(),
  fixedUzsRate: z.number().int().nullable(),
  /** The flat's list price when drafted; `discountPct` is measured from it. */
  listPrice: z.number().int(),
  discountPct: z.number(),
  approval: ZContractApproval,
  approvalNote: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  buyer: ZDealParty,
  status: ZContractStatus,
  signedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
  schedule: z.array(ZPayment),
  receipts: z.array(ZReceipt),
  /** Sums over the schedule, minor units. */
  paid: z.number().int(),
  outstanding: z.number().int(),
});
export type TDeal = z.infer<typeof ZDeal>;

export const ZCreateDealRequest = z.strictObject({
  leadId: ZId,
  /** Defaults to the flat's list price. */
  price: ZMoney.min(1).optional(),
  downPayment: ZMoney,
  installmentMonths: z.number().int().min(0).max(360),
  /** The planned signing date; the schedule counts from it. Defaults to now. */
  startDate: ZIsoDateTime.optional(),
  /** For USD contracts: UZS tiyin per 1 USD fixed in the contract. */
  fixedUzsRate: ZMoney.min(1).optional(),
});

export const ZRecordPaymentRequest = z.strictObject({
  amount: ZMoney.min(1),
  method: ZPaymentMethod,
  paidAt: ZIsoDateTime.optional(),
  note: optionalText(500, { multiline: true }).optional(),
});

/** A sum received for a contract as a whole: it pays the oldest open instalments first. */
export const ZRecordReceiptRequest = ZRecordPaymentRequest;

export const ZReverseReceiptRequest = z.strictObject({
  reason: text(500, { min: 3, multiline: true }),
});

export const ZApproveDealRequest = z.strictObject({
  note: optionalText(500, { multiline: true }).optional(),
});
export const ZRejectDealRequest = z.strictObject({
  note: text(500, { min: 3, multiline: true }),
});

export const ZOverdueItem = ZPayment.extend({
  daysLate: z.number().int(),
  outstanding: z.number().int(),
  lead: z.object({ id: z.number().int(), fullName: z.string(), phone: z.string() }),
  dealNumber: z.string().nullable(),
});

export const ZDealSummary = ZDeal.omit({ schedule: true, receipts: true });

export const ZListDealsQuery = z.strictObject({
  leadId: ZId.optional(),
  status: ZContractStatus.optional(),
  approval: ZContractApproval.optional(),
  /** Contracts signed in this local calendar month (Tashkent). */
  signedMonth: ZMonth.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const dealRoutes = {
  list: defineRoute({
    method: "get",
    path: "/api/deals",
    summary: "Contracts, newest first (a seller: of their own leads)",
    tag: "deals",
    access: DEAL_READERS,
    query: ZListDealsQuery,
    status: 200,
    response: z.object({ items: z.array(ZDealSummary) }),
  }),
  create: defineRoute({
    method: "post",
    path: "/api/deals",
    summary: "Draft a contract for the flat a lead holds, with its installment schedule",
    tag: "deals",
    access: ROLES.sales,
    body: ZCreateDealRequest,
    status: 201,
    response: ZDeal,
    problems: [404, 409],
  }),
  get: defineRoute({
    method: "get",
    path: "/api/deals/:id",
    summary: "A contract with its schedule and balance",
    tag: "deals",
    access: DEAL_READERS,
    params: ZIdParams,
    status: 200,
    response: ZDeal,
    problems: [404],
  }),
  sign: defineRoute({
    method: "post",
    path: "/api/deals/:id/sign",
    summary: "Sign: the flat and the lead become SOLD",
    tag: "deals",
    access: ROLES.sales,
    params: ZIdParams,
    status: 200,
    response: ZDeal,
    problems: [404, 409],
  }),
  cancel: defineRoute({
    method: "post",
    path: "/api/deals/:id/cancel",
    summary: "Cancel: the flat is free again; unpaid instalments are dropped",
    tag: "deals",
    access: ROLES.salesManagers,
    params: ZIdParams,
    status: 200,
    response: ZDeal,
    problems: [404, 409],
  }),
  approve: defineRoute({
    method: "post",
    path: "/api/deals/:id/approve",
    summary: "Approve a contract priced below its author's discount limit",
    tag: "deals",
    access: ["ADMIN", "ROP"],
    params: ZIdParams,
    body: ZApproveDealRequest,
    status: 200,
    response: ZDeal,
    problems: [404, 409],
  }),
  reject: defineRoute({
    method: "post",
    path: "/api/deals/:id/reject",
    summary: "Reject a contract waiting for approval, saying why",
    tag: "deals",
    access: ["ADMIN", "ROP"],
    params: ZIdParams,
    body: ZRejectDealRequest,
    status: 200,
    response: ZDeal,
    problems: [404, 409],
  }),
  pdf: defineRoute({
    method: "get",
    path: "/api/deals/:id/pdf",
    summary: "The printable contract with its schedule (PDF)",
    tag: "deals",
    access: DEAL_READERS,
    params: ZIdParams,
    status: 200,
    response: null,
    produces: "application/pdf",
    problems: [404],
  }),
  recordPayment: defineRoute({
    method: "post",
    path: "/api/payments/:id/record",
    summary:
      "Record money received against a scheduled payment (partial allowed, overpayment refused)",
    tag: "payments",
    access: MONEY,
    params: ZIdParams,
    body: ZRecordPaymentRequest,
    status: 200,
    response: ZPayment,
    problems: [404, 409],
  }),
  recordReceipt: defineRoute({
    method: "post",
    path: "/api/deals/:id/receipts",
    summary: "Record a sum received for a contract; it pays the oldest open instalments first",
    tag: "payments",
    access: MONEY,
    params: ZIdParams,
    body: ZRecordReceiptRequest,
    status: 200,
    response: ZDeal,
    problems: [404, 409],
  }),
  reverseReceipt: defineRoute({
    method: "post",
    path: "/api/receipts/:id/reverse",
    summary: "Reverse a wrong receipt (with a reason); the instalment's balance is recomputed",
    tag: "payments",
    access: MONEY,
    params: ZIdParams,
    body: ZReverseReceiptRequest,
    status: 200,
    response: ZDeal,
    problems: [404, 409],
  }),
  overdue: defineRoute({
    method: "get",
    path: "/api/payments/overdue",
    summary: "Payments past due and not fully paid, most late first",
    tag: "payments",
    access: READ_MONEY,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    status: 200,
    response: z.object({ items: z.array(ZOverdueItem) }),
  }),
};
