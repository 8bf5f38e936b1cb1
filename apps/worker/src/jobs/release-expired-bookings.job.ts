import { ZReleaseExpiredBookingsJob } from "@crm/contracts";
import type { JobDefinition } from "./types";

/** Flats released per transaction; a backlog is worked through batch by batch. */
const BATCH_SIZE = 200;

export interface ReleaseResult {
  released: number;
  /** Complexes whose availability changed, for cache invalidation. */
  complexIds: number[];
}

/**
 * SPEC §5: a booking holds a flat until `bookedUntil`; once that passes the flat is free again.
 * Each batch runs in one transaction: every flat is released with a guarded update (still BOOKED,
 * still expired, same version), so a seller who extends or converts the hold at the same moment
 * wins and the job skips that flat. The audit rows are written in the same transaction.
 */
export const releaseExpiredBookingsJob: JobDefinition<"release-expired-bookings"> = {
  name: "release-expired-bookings",
  payload: ZReleaseExpiredBookingsJob,
  concurrency: 1,
  async handle(_payload, deps, context): Promise<ReleaseResult> {
    const now = deps.now?.() ?? new Date();
    let released = 0;
    const complexIds = new Set<number>();
    let afterId = 0;
    for (;;) {
      const batch = await deps.db.$transaction(async (tx) => {
        const expired = await tx.apartment.findMany({
          where: { status: "BOOKED", bookedUntil: { lt: now }, id: { gt: afterId } },
          select: {
            id: true,
            complexId: true,
            bookedLeadId: true,
            bookedUntil: true,
            version: true,
          },
          orderBy: { id: "asc" },
          take: BATCH_SIZE,
        });
        const releasedRows: typeof expired = [];
        for (const flat of expired) {
          const { count } = await tx.apartment.updateMany({
            where: {
              id: flat.id,
              status: "BOOKED",
              version: flat.version,
              bookedUntil: { lt: now },
            },
            data: {
              status: "FREE",
              bookedLeadId: null,
              bookedUntil: null,
              version: { increment: 1 },
            },
          });
          if (count === 1) releasedRows.push(flat);
        }
        if (releasedRows.length) {
          await tx.auditLog.createMany({
            data: releasedRows.map((flat) => ({
              actorId: null,
              requestId: context ? `job:${context.jobId}` : null,
              action: "apartment.release",
              entity: "Apartment",
              entityId: String(flat.id),
              before: JSON.stringify({
                status: "BOOKED",
                bookedLeadId: flat.bookedLeadId,
                bookedUntil: flat.bookedUntil?.toISOString() ?? null,
                version: flat.version,
              }),
              after: JSON.stringify({
                status: "FREE",
                bookedLeadId: null,
                bookedUntil: null,
                version: flat.version + 1,
                reason: "booking expired",
              }),
            })),
          });
        }
        return { seen: expired, releasedRows };
      });
      released += batch.releasedRows.length;
      for (const flat of batch.releasedRows) complexIds.add(flat.complexId);
      const last = batch.seen.at(-1);
      if (!last || batch.seen.length < BATCH_SIZE) break;
      afterId = last.id;
    }
    if (released)
      deps.logger.info({ released, complexIds: [...complexIds] }, "expired bookings released");
    return { released, complexIds: [...complexIds] };
  },
};
