import type {
  TRoleCode,
  TUser,
  ZCreateUserRequest,
  ZListUsersQuery,
  ZUpdateUserRequest,
} from "@crm/contracts";
import type { z } from "zod";
import { hashPassword, Prisma, type Db } from "@crm/db";
import type { Actor } from "../access";
import { audit } from "../audit";
import { AppError, notFound } from "../errors";
import { decodeIdCursor, encodeIdCursor } from "../cursor";

const userSelect = {
  id: true,
  login: true,
  firstName: true,
  lastName: true,
  phone: true,
  isActive: true,
  telegramChatId: true,
  lastLoginAt: true,
  createdAt: true,
  role: { select: { code: true } },
} satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

function toUser(row: UserRow): TUser {
  return {
    id: row.id,
    login: row.login,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    role: row.role.code as TRoleCode,
    isActive: row.isActive,
    telegramChatId: row.telegramChatId,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

async function roleId(db: Pick<Db, "role">, code: TRoleCode): Promise<number> {
  const role = await db.role.findUnique({ where: { code }, select: { id: true } });
  if (!role) throw new AppError("CONFLICT", { detail: `Role ${code} is not set up` });
  return role.id;
}

export async function listUsers(db: Db, query: z.output<typeof ZListUsersQuery>) {
  const afterId = decodeIdCursor(query.cursor);
  const rows = await db.user.findMany({
    where: {
      ...(query.role ? { role: { code: query.role } } : {}),
      ...(query.active !== undefined ? { isActive: query.active } : {}),
      ...(query.q
        ? {
            OR: [
              { login: { contains: query.q } },
              { firstName: { contains: query.q } },
              { lastName: { contains: query.q } },
            ],
          }
        : {}),
      ...(afterId ? { id: { gt: afterId } } : {}),
    },
    orderBy: { id: "asc" },
    take: query.limit + 1,
    select: userSelect,
  });
  const hasMore = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map(toUser);
  return { items, nextCursor: hasMore ? encodeIdCursor(items[items.length - 1]!.id) : null };
}

export async function getUser(db: Db, id: number): Promise<TUser> {
  const row = await db.user.findUnique({ where: { id }, select: userSelect });
  if (!row) throw notFound("User");
  return toUser(row);
}

export async function createUser(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZCreateUserRequest>,
): Promise<TUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.user.create({
        data: {
          login: input.login,
          passwordHash,
          firstName: input.firstName,
          lastName: input.lastName,
          phone: input.phone ?? null,
          telegramChatId: input.telegramChatId ?? null,
          roleId: await roleId(tx, input.role),
        },
        select: userSelect,
      });
      const user = toUser(row);
      await audit(tx, actor, {
        action: "user.create",
        entityId: user.id,
        after: { login: user.login, role: user.role },
      });
      return user;
    });
  } catch (error) {
    throw uniqueConflict(error);
  }
}

export async function updateUser(
  db: Db,
  actor: Actor,
  id: number,
  input: z.output<typeof ZUpdateUserRequest>,
): Promise<TUser> {
  // An admin cannot lock themselves out: no self-deactivation, no self-demotion.
  if (id === actor.id && (input.isActive === false || (input.role && input.role !== "ADMIN"))) {
    throw new AppError("CONFLICT", {
      detail: "You cannot deactivate yourself or remove your own admin role",
    });
  }
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.user.findUnique({ where: { id }, select: userSelect });
      if (!before) throw notFound("User");
      const row = await tx.user.update({
        where: { id },
        data: {
          firstName: input.firstName,
          lastName: input.lastName,
          phone: input.phone,
          telegramChatId: input.telegramChatId,
          isActive: input.isActive,
          ...(input.role ? { roleId: await roleId(tx, input.role) } : {}),
          // Deactivation ends every open session of the user.
          ...(input.isActive === false && before.isActive
            ? { tokenVersion: { increment: 1 } }
            : {}),
        },
        select: userSelect,
      });
      const after = toUser(row);
      const changed = (Object.keys(input) as (keyof typeof input)[]).filter(
        (key) => JSON.stringify(toUser(before)[key]) !== JSON.stringify(after[key]),
      );
      if (changed.length > 0) {
        const pick = (user: TUser) => Object.fromEntries(changed.map((key) => [key, user[key]]));
        await audit(tx, actor, {
          action: "user.update",
          entityId: id,
          before: pick(toUser(before)),
          after: pick(after),
        });
      }
      return after;
    });
  } catch (error) {
    throw uniqueConflict(error);
  }
}

export async function resetPassword(
  db: Db,
  actor: Actor,
  id: number,
  password: string,
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const exists = await tx.user.findUnique({ where: { id }, select: { id: true } });
    if (!exists) throw notFound("User");
    await tx.user.update({ where: { id }, data: { passwordHash, tokenVersion: { increment: 1 } } });
    await audit(tx, actor, { action: "user.password_reset", entityId: id });
  });
}

export async function listRoles(db: Db) {
  const roles = await db.role.findMany({
    orderBy: { id: "asc" },
    select: { code: true, name: true },
  });
  return { items: roles.map((role) => ({ code: role.code as TRoleCode, name: role.name })) };
}

function uniqueConflict(error: unknown): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    const target = JSON.stringify(error.meta ?? {});
    const field = target.includes("telegramChatId") ? "telegramChatId" : "login";
    return new AppError("CONFLICT", {
      detail:
        field === "login" ? "This login is taken" : "This Telegram chat is linked to another user",
      errors: [{ path: field, message: "Already in use", code: "unique" }],
    });
  }
  return error;
}

/** Who may own leads: active sellers and sales managers, by name. */
export async function listAssignable(db: Db) {
  const users = await db.user.findMany({
    where: { isActive: true, role: { code: { in: ["SELLER", "MOP"] } } },
    orderBy: [{ firstName: "asc" }, { id: "asc" }],
    select: { id: true, firstName: true, lastName: true, role: { select: { code: true } } },
  });
  return {
    items: users.map((user) => ({
      id: user.id,
      name: `${user.firstName} ${user.lastName}`.trim(),
      role: user.role.code as TRoleCode,
    })),
  };
}
