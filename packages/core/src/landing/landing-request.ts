import type { TLandingRequest } from "@crm/contracts";
import type { Db } from "@crm/db";
import { notFound } from "../errors";
import { receiveLeadRequest } from "../leads/intake";

export type LandingRequestOutcome = "received" | "ignored" | "limited";

/**
 * A visitor's request from a complex's landing page becomes a lead through the one intake rule
 * (source LANDING, the complex of interest, the per-sender daily limit keyed by the client's
 * address). A typed phone is not proven the visitor's own, so a known phone's lead is left
 * alone. A filled honeypot field means a bot: the answer looks the same, nothing is written.
 */
export async function receiveLandingRequest(
  db: Db,
  input: {
    slug: string;
    request: TLandingRequest;
    /** The client's address, for the per-sender limit. */
    clientKey: string;
    requestId: string;
  },
): Promise<LandingRequestOutcome> {
  const complex = await db.complex.findFirst({
    where: { slug: input.slug, isPublished: true },
    select: { id: true, name: true },
  });
  if (!complex) throw notFound("Complex");
  const { request } = input;
  if (request.website) return "ignored";
  const flat =
    request.flatId === undefined
      ? null
      : await db.apartment.findFirst({
          where: { id: request.flatId, complexId: complex.id },
          select: { block: true, number: true },
        });
  const about = flat ? `${complex.name}, ${flat.block}-${flat.number}` : complex.name;
  const { outcome } = await receiveLeadRequest(db, {
    fullName: request.name,
    phone: request.phone,
    source: "LANDING",
    complexId: complex.id,
    contact: `Landing page: ${about}`,
    repeatNote: `Repeat request from the landing page: ${about}`,
    requestId: input.requestId,
    sender: { channel: "landing", key: input.clientKey },
    phoneVerified: false,
  });
  return outcome === "limited" ? "limited" : "received";
}
