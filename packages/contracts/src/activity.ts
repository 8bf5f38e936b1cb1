import { z } from "zod";
import { text, optionalText, ZId, ZIdParams, ZIsoDateTime, ZUserRef } from "./common";
import { ROLES } from "./roles";
import { defineRoute } from "./routes";

export const ZComment = z.object({
  id: z.number().int(),
  leadId: z.number().int(),
  author: ZUserRef.nullable(),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TComment = z.infer<typeof ZComment>;
export const ZCommentRequest = z.strictObject({ body: text(4000, { multiline: true }) });

export const ZLeadRef = z.object({ id: z.number().int(), fullName: z.string(), phone: z.string() });

export const ZCallback = z.object({
  id: z.number().int(),
  leadId: z.number().int(),
  lead: ZLeadRef,
  user: ZUserRef,
  dueAt: z.string(),
  note: z.string(),
  isDone: z.boolean(),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TCallback = z.infer<typeof ZCallback>;

export const ZCreateCallbackRequest = z.strictObject({
  dueAt: ZIsoDateTime,
  note: optionalText(1000, { multiline: true }).default(""),
  /** MOP/ADMIN may schedule a call for someone else; sellers schedule their own. */
  userId: ZId.optional(),
});
export const ZUpdateCallbackRequest = z
  .strictObject({
    dueAt: ZIsoDateTime,
    note: optionalText(1000, { multiline: true }),
    isDone: z.boolean(),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: "Nothing to update" });

export const CALLBACK_BUCKETS = ["overdue", "today", "upcoming", "done"] as const;
export const ZListCallbacksQuery = z.strictObject({
  bucket: z.enum(CALLBACK_BUCKETS).default("today"),
  /** "team" (MOP/ADMIN): everyone's; "mine": the caller's. */
  scope: z.enum(["mine", "team"]).default("mine"),
  /** With the team's scope: one person's calls only. */
  userId: ZId.optional(),
  /** Minutes east of UTC that define "today" (Tashkent, UTC+5, by default). */
  tzOffset: z.coerce.number().int().min(-720).max(840).default(300),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZTimelineItem = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("comment"),
    id: z.number().int(),
    at: z.string(),
    actor: ZUserRef.nullable(),
    body: z.string(),
  }),
  z.object({
    kind: z.literal("callback"),
    id: z.number().int(),
    at: z.string(),
    actor: ZUserRef.nullable(),
    dueAt: z.string(),
    note: z.string(),
    isDone: z.boolean(),
  }),
  z.object({
    kind: z.literal("event"),
    id: z.number().int(),
    at: z.string(),
    actor: ZUserRef.nullable(),
    action: z.string(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
  }),
]);
export type TTimelineItem = z.infer<typeof ZTimelineItem>;

const ZLeadIdParams = z.strictObject({ id: ZId });

export const activityRoutes = {
  timeline: defineRoute({
    method: "get",
    path: "/api/leads/:id/timeline",
    summary: "A lead's history: changes, comments and callbacks, newest first",
    tag: "leads",
    access: ROLES.staff,
    params: ZLeadIdParams,
    status: 200,
    response: z.object({ items: z.array(ZTimelineItem) }),
    problems: [404],
  }),
  addComment: defineRoute({
    method: "post",
    path: "/api/leads/:id/comments",
    summary: "Comment on a lead",
    tag: "leads",
    access: ROLES.sales,
    params: ZLeadIdParams,
    body: ZCommentRequest,
    status: 201,
    response: ZComment,
    problems: [404],
  }),
  editComment: defineRoute({
    method: "patch",
    path: "/api/comments/:id",
    summary: "Edit your own comment",
    tag: "leads",
    access: ROLES.sales,
    params: ZIdParams,
    body: ZCommentRequest,
    status: 200,
    response: ZComment,
    problems: [404],
  }),
  deleteComment: defineRoute({
    method: "delete",
    path: "/api/comments/:id",
    summary: "Delete your own comment (admins: any)",
    tag: "leads",
    access: ROLES.sales,
    params: ZIdParams,
    status: 204,
    response: null,
    problems: [404],
  }),
  addCallback: defineRoute({
    method: "post",
    path: "/api/leads/:id/callbacks",
    summary: "Schedule a call back",
    tag: "leads",
    access: ROLES.sales,
    params: ZLeadIdParams,
    body: ZCreateCallbackRequest,
    status: 201,
    response: ZCallback,
    problems: [404, 409],
  }),
  updateCallback: defineRoute({
    method: "patch",
    path: "/api/callbacks/:id",
    summary: "Move, edit, complete or reopen a call back",
    tag: "leads",
    access: ROLES.sales,
    params: ZIdParams,
    body: ZUpdateCallbackRequest,
    status: 200,
    response: ZCallback,
    problems: [404],
  }),
  deleteCallback: defineRoute({
    method: "delete",
    path: "/api/callbacks/:id",
    summary: "Delete a call back",
    tag: "leads",
    access: ROLES.sales,
    params: ZIdParams,
    status: 204,
    response: null,
    problems: [404],
  }),
  listCallbacks: defineRoute({
    method: "get",
    path: "/api/callbacks",
    summary: "Call backs that are overdue, due today, upcoming or done",
    tag: "leads",
    access: ROLES.sales,
    query: ZListCallbacksQuery,
    status: 200,
    response: z.object({ items: z.array(ZCallback) }),
    problems: [403],
  }),
};
