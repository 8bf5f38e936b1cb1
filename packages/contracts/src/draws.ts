import { z } from "zod";
import { text, ZId, ZIdParams, ZIsoDateTime } from "./common";
import { ROLES } from "./roles";
import { defineRoute } from "./routes";

/** Who may enter: anyone in Telegram, people who are our leads, or buyers with a signed contract. */
export const ZDrawEligibility = z.enum(["ANYONE", "LEADS", "BUYERS"]);
export type TDrawEligibility = z.infer<typeof ZDrawEligibility>;

/** DRAFT → OPEN (entries taken) → CLOSED (entries frozen) → DRAWN (seed revealed, winners). */
export const ZPrizeDrawStatus = z.enum(["DRAFT", "OPEN", "CLOSED", "DRAWN"]);
export type TPrizeDrawStatus = z.infer<typeof ZPrizeDrawStatus>;

export const MAX_DRAW_WINNERS = 100;

export const ZCreateDrawRequest = z
  .strictObject({
    title: text(200),
    /** Prize names, first place first; the last one also goes to any further winners. */
    prizes: z.array(text(200)).min(1).max(MAX_DRAW_WINNERS),
    winnersCount: z.number().int().min(1).max(MAX_DRAW_WINNERS),
    entryOpensAt: ZIsoDateTime,
    entryClosesAt: ZIsoDateTime,
    eligibility: ZDrawEligibility.default("ANYONE"),
  })
  .refine((draw) => Date.parse(draw.entryClosesAt) > Date.parse(draw.entryOpensAt), {
    path: ["entryClosesAt"],
    message: "Entries must close after they open",
  });
export type TCreateDrawRequest = z.input<typeof ZCreateDrawRequest>;

export const ZDrawWinner = z.strictObject({
  place: z.number().int().min(1),
  /** The entry's ticket number, told to its owner in the bot when they joined. */
  ticket: z.number().int(),
  prize: z.string(),
});
export type TDrawWinner = z.infer<typeof ZDrawWinner>;

/**
 * The recomputation, in words; served with every draw so anyone can check the winners without
 * our code (docs/decisions/009-verifiable-prize-draw.md has the reasoning).
 */
export const DRAW_ALGORITHM =
  "commitment = SHA-256(seed), seed as its 64-character hex text. " +
  "entriesHash = SHA-256 of the ticket numbers in list order, each followed by a line feed (\\n). " +
  "Shuffle: a = entries; for i = 0 … winnersCount−1 (at most the number of entries): " +
  "h = HMAC-SHA256(key = seed text, message = entriesHash + ':' + i); " +
  "r = the first 8 bytes of h as an unsigned big-endian integer; j = i + (r mod (len(a) − i)); " +
  "swap a[i] and a[j]. Winners: a[0] is first place, a[1] second, and so on. " +
  "Script: node scripts/verify-draw.mjs <draw.json | URL of /api/public/draws/ID>.";

export const ZDraw = z.strictObject({
  id: z.number().int(),
  title: z.string(),
  prizes: z.array(z.string()),
  winnersCount: z.number().int(),
  entryOpensAt: ZIsoDateTime,
  entryClosesAt: ZIsoDateTime,
  eligibility: ZDrawEligibility,
  status: ZPrizeDrawStatus,
  /** SHA-256 of the secret seed, public from creation. */
  commitment: z.string(),
  /** Revealed at the draw; null before. */
  seed: z.string().nullable(),
  /** SHA-256 of the frozen entry list; null until entries close. */
  entriesHash: z.string().nullable(),
  entriesCount: z.number().int(),
  winners: z.array(ZDrawWinner),
  createdAt: ZIsoDateTime,
  openedAt: ZIsoDateTime.nullable(),
  closedAt: ZIsoDateTime.nullable(),
  drawnAt: ZIsoDateTime.nullable(),
  algorithm: z.string(),
});
export type TDraw = z.infer<typeof ZDraw>;

/** What anyone may see of a draw (no login): ticket numbers only, never who holds them. */
export const ZPublicDraw = ZDraw.omit({ createdAt: true }).extend({
  /** Ticket numbers in list order (frozen once entries close). */
  entries: z.array(z.number().int()),
});
export type TPublicDraw = z.infer<typeof ZPublicDraw>;

export const ZDrawList = z.strictObject({ items: z.array(ZDraw) });

const ADMIN = ROLES.admin;

/** One step of a draw's life (open, close, draw): 409 when the draw is not at the step before. */
const drawStep = <const S extends string>(step: S, summary: string) =>
  defineRoute({
    method: "post",
    path: `/api/draws/:id/${step}`,
    summary,
    tag: "draws",
    access: ADMIN,
    params: ZIdParams,
    status: 200,
    response: ZDraw,
    problems: [404, 409],
  });

export const drawRoutes = {
  list: defineRoute({
    method: "get",
    path: "/api/draws",
    summary: "Prize draws, newest first",
    tag: "draws",
    access: ADMIN,
    status: 200,
    response: ZDrawList,
  }),
  create: defineRoute({
    method: "post",
    path: "/api/draws",
    summary: "Create a prize draw (a draft); its commitment is fixed now",
    tag: "draws",
    access: ADMIN,
    body: ZCreateDrawRequest,
    status: 201,
    response: ZDraw,
  }),
  get: defineRoute({
    method: "get",
    path: "/api/draws/:id",
    summary: "One prize draw",
    tag: "draws",
    access: ADMIN,
    params: ZIdParams,
    status: 200,
    response: ZDraw,
    problems: [404],
  }),
  open: drawStep("open", "Open a draft draw for entries (in the bot)"),
  close: drawStep("close", "Close entries: the list is frozen and its hash published"),
  draw: drawStep(
    "draw",
    "Draw the winners of a closed draw: the seed is revealed and winners told in the bot",
  ),
  publicView: defineRoute({
    method: "get",
    path: "/api/public/draws/:id",
    summary:
      "Everything needed to verify a draw: commitment, seed (after the draw), entries, winners",
    tag: "draws",
    access: "public",
    params: z.strictObject({ id: ZId }),
    status: 200,
    response: ZPublicDraw,
    problems: [404],
  }),
};
