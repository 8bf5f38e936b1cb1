import type { TAuditEvent, TCurrency } from "@crm/contracts";
import { Prisma, type DbProvider } from "@crm/db";
import { auditMany, type AuditActor } from "../audit";
import { enumValue, insertRows, int, timestamp } from "../sql";
import type { PlanLine } from "./plan";
import { blockNumber, SheetRefused } from "./plan";

type Tx = Prisma.TransactionClient;

export interface ApplyResult {
  created: number;
  updated: number;
}

/** Plain columns an update may set as they are (price, currency, status and key have their own rules). */
const UPDATABLE = new Set(["block", "section", "floor", "number", "rooms", "area"]);

const chunks = <T>(items: readonly T[], size: number): T[][] => {
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
  provider: DbProvider,
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
  const prices: { apartmentId: number; price: bigint; currency: TCurrency }[] = [];

  const now = timestamp(provider, new Date());
  const creates = lines.filter((line) => line.action === "create" && line.values);
  const created = await insertRows<{ id: unknown; block: string; number: string }>(
    tx,
    "Apartment",
    [
      "complexId",
      "block",
      "section",
      "floor",
      "number",
      "rooms",
      "area",
      "price",
      "currency",
      "status",
      "sourceRowKey",
      "createdAt",
      "updatedAt",
    ],
    creates.map((line) => {
      const values = line.values!;
      return [
        complexId,
        values.block,
        values.section,
        values.floor,
        values.number,
        values.rooms,
        values.area,
        BigInt(values.price),
        enumValue(provider, "Currency", values.currency),
        enumValue(provider, "ApartmentStatus", values.status ?? "FREE"),
        line.key ?? null,
        now,
        now,
      ];
    }),
    { returning: ["id", "block", "number"] },
  );
  const byPlace = new Map(
    creates.map((line) => [blockNumber(line.values!.block, line.values!.number), line]),
  );
  for (const row of created) {
    const line = byPlace.get(blockNumber(row.block, row.number))!;
    const { status, ...values } = line.values!;
    const id = int(row.id);
    prices.push({ apartmentId: id, price: BigInt(values.price), currency: values.currency });
    events.push({
      action: "apartment.create",
      entityId: id,
      after: { ...values, status: status ?? "FREE" },
    });
  }

  const updates = lines.filter((line) => line.action === "update" && line.values);
  for (const line of updates) {
    const values = line.values!;
    const changes = line.changes ?? {};
    const set: Prisma.Sql[] = [
      Prisma.sql`"version" = "version" + 1`,
      Prisma.sql`"updatedAt" = ${now}`,
    ];
    for (const field of Object.keys(changes)) {
      if (field === "key") set.push(Prisma.sql`"sourceRowKey" = ${line.key ?? null}`);
      else if (field === "price") set.push(Prisma.sql`"price" = ${BigInt(values.price)}`);
      else if (field === "status")
        set.push(Prisma.sql`"status" = ${enumValue(provider, "ApartmentStatus", values.status!)}`);
      else if (field === "currency")
        set.push(Prisma.sql`"currency" = ${enumValue(provider, "Currency", values.currency)}`);
      else if (UPDATABLE.has(field))
        set.push(Prisma.sql`${Prisma.raw(`"${field}"`)} = ${values[field as keyof typeof values]}`);
    }
    const changed = await tx.$executeRaw(
      Prisma.sql`UPDATE "Apartment" SET ${Prisma.join(set)} WHERE "id" = ${line.flatId!} AND "version" = ${line.version!}`,
    );
    if (changed === 0) {
      throw new SheetRefused(`flat ${line.label} changed since the dry run; start a new dry run`);
    }
    if (changes.price || changes.currency) {
      prices.push({
        apartmentId: line.flatId!,
        price: BigInt(values.price),
        currency: values.currency,
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

  await insertRows(
    tx,
    "ApartmentPrice",
    ["apartmentId", "price", "currency", "changedById", "changedAt"],
    prices.map((price) => [
      price.apartmentId,
      price.price,
      enumValue(provider, "Currency", price.currency),
      actor.id,
      now,
    ]),
  );
  await auditMany(tx, provider, actor, events);
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
