import type { TAuditEvent } from "@crm/contracts";
import { Prisma } from "@crm/db";
import { auditMany, type AuditActor } from "../audit";
import type { PlanLine } from "./plan";
import { SheetRefused } from "./plan";

type Tx = Prisma.TransactionClient;

export interface ApplyResult {
  created: number;
  updated: number;
}

const CHUNK = 500;
const chunks = <T>(items: readonly T[], size = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    out.push(items.slice(start, start + size));
  return out;
};

/** Large sheets take longer than Prisma's 5-second default for one transaction. */
export const IMPORT_TRANSACTION = { timeout: 10 * 60_000, maxWait: 60_000 } as const;

/**
 * Writes a plan inside the caller's transaction: creates (with their first price and audit
 * rows), updates (a price change adds to the price history and the audit log, like an admin's
 * edit), nothing for unchanged, rejected and conflict rows. Every flat the plan read must still
 * be at the version it saw, or nothing is written: the caller's transaction rolls back whole.
 */
export async function applyPlan(
  tx: Tx,
  actor: AuditActor,
  complexId: number,
  lines: readonly PlanLine[],
): Promise<ApplyResult> {
  const seen = lines.filter((line) => line.flatId !== null && line.version !== undefined);
  const current = new Map<number, { version: number; complexId: number }>();
  for (const part of chunks(
    seen.map((line) => line.flatId!),
    5000,
  )) {
    const rows = await tx.apartment.findMany({
      where: { id: { in: part } },
      select: { id: true, version: true, complexId: true },
    });
    for (const row of rows) current.set(row.id, row);
  }
  const moved = seen.filter((line) => {
    const now = current.get(line.flatId!);
    return !now || now.version !== line.version || now.complexId !== complexId;
  });
  if (moved.length > 0) {
    const labels = moved.slice(0, 10).map((line) => line.label ?? `#${line.flatId}`);
    throw new SheetRefused(
      `${moved.length} flat(s) changed since the dry run (${labels.join(", ")}${
        moved.length > 10 ? ", …" : ""
      }); start a new dry run`,
    );
  }

  const events: TAuditEvent[] = [];
  const prices: Prisma.ApartmentPriceCreateManyInput[] = [];

  const creates = lines.filter((line) => line.action === "create" && line.values);
  for (const part of chunks(creates)) {
    const rows = await tx.apartment.createManyAndReturn({
      data: part.map((line) => {
        const { status, ...values } = line.values!;
        return {
          ...values,
          complexId,
          status: status ?? "FREE",
          price: BigInt(values.price),
          sourceRowKey: line.key,
        };
      }),
      select: { id: true, block: true, number: true, price: true, currency: true },
    });
    const byPlace = new Map(
      part.map((line) => [`${line.values!.block}\u0000${line.values!.number}`, line]),
    );
    for (const row of rows) {
      const line = byPlace.get(`${row.block}\u0000${row.number}`)!;
      const { status, ...values } = line.values!;
      prices.push({
        apartmentId: row.id,
        price: row.price,
        currency: row.currency,
        changedById: actor.id,
      });
      events.push({
        action: "apartment.create",
        entityId: row.id,
        after: { ...values, status: status ?? "FREE" },
      });
    }
  }

  const updates = lines.filter((line) => line.action === "update" && line.values);
  for (const line of updates) {
    const values = line.values!;
    const changes = line.changes ?? {};
    const data: Prisma.ApartmentUpdateManyMutationInput = { version: { increment: 1 } };
    for (const field of Object.keys(changes)) {
      if (field === "key") data.sourceRowKey = line.key;
      else if (field === "price") data.price = BigInt(values.price);
      else if (field === "status") data.status = values.status!;
      else (data as Record<string, unknown>)[field] = values[field as keyof typeof values];
    }
    const changed = await tx.apartment.updateMany({
      where: { id: line.flatId!, version: line.version! },
      data,
    });
    if (changed.count === 0) {
      throw new SheetRefused(`flat ${line.label} changed since the dry run; start a new dry run`);
    }
    if (changes.price || changes.currency) {
      prices.push({
        apartmentId: line.flatId!,
        price: BigInt(values.price),
        currency: values.currency,
        changedById: actor.id,
      });
      events.push({
        action: "apartment.price",
        entityId: line.flatId!,
        before: {
          price: Number(changes.price?.from ?? values.price),
          currency: (changes.currency?.from ?? values.currency) as typeof values.currency,
        },
        after: { price: values.price, currency: values.currency },
      });
    }
    const other = Object.keys(changes).filter((f) => !["price", "currency", "key"].includes(f));
    if (other.length > 0) {
      events.push({
        action: "apartment.update",
        entityId: line.flatId!,
        before: Object.fromEntries(other.map((f) => [f, changes[f]!.from])),
        after: Object.fromEntries(other.map((f) => [f, changes[f]!.to])),
      });
    }
  }

  for (const part of chunks(prices, 1000)) await tx.apartmentPrice.createMany({ data: part });
  await auditMany(tx, actor, events);
  return { created: creates.length, updated: updates.length };
}

/** A flat the plan would create already exists (added since the dry run): refused, not half-done. */
export function applyConflict(error: unknown): unknown {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002"
    ? new SheetRefused(
        "A flat with the same block and number was added since the dry run; start a new dry run",
      )
    : error;
}
