import {
  SAVED_FILTERS_PER_USER,
  type TSavedFilter,
  type ZCreateSavedFilterRequest,
  type ZListSavedFiltersQuery,
} from "@crm/contracts";
import { Prisma, type Db } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { AppError, notFound } from "../errors";

/**
 * A user's named filters of a list. They are private: a user lists and deletes only their own,
 * and someone else's is "not found" (its existence is not revealed).
 */
const savedFilterSelect = {
  id: true,
  scope: true,
  name: true,
  query: true,
  createdAt: true,
} satisfies Prisma.SavedFilterSelect;

function toSavedFilter(
  row: Prisma.SavedFilterGetPayload<{ select: typeof savedFilterSelect }>,
): TSavedFilter {
  return {
    id: row.id,
    scope: row.scope as TSavedFilter["scope"],
    name: row.name,
    query: row.query,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listSavedFilters(
  db: Db,
  actor: Actor,
  query: z.output<typeof ZListSavedFiltersQuery>,
): Promise<{ items: TSavedFilter[] }> {
  const rows = await db.savedFilter.findMany({
    where: { userId: actor.id, scope: query.scope },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: savedFilterSelect,
  });
  return { items: rows.map(toSavedFilter) };
}

export async function createSavedFilter(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZCreateSavedFilterRequest>,
): Promise<TSavedFilter> {
  try {
    return await db.$transaction(async (tx) => {
      const count = await tx.savedFilter.count({
        where: { userId: actor.id, scope: input.scope },
      });
      if (count >= SAVED_FILTERS_PER_USER) {
        throw new AppError("CONFLICT", {
          detail: `At most ${SAVED_FILTERS_PER_USER} saved filters per list: delete one first`,
          errors: [{ path: "name", message: "Too many saved filters", code: "limit" }],
        });
      }
      const row = await tx.savedFilter.create({
        data: { userId: actor.id, scope: input.scope, name: input.name, query: input.query },
        select: savedFilterSelect,
      });
      return toSavedFilter(row);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", {
        detail: "You already have a saved filter with this name",
        errors: [{ path: "name", message: "Name taken", code: "duplicate" }],
      });
    }
    throw error;
  }
}

export async function deleteSavedFilter(db: Db, actor: Actor, id: number): Promise<void> {
  const deleted = await db.savedFilter.deleteMany({ where: { id, userId: actor.id } });
  if (deleted.count === 0) throw notFound("Saved filter");
}
