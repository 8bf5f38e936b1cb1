import {
  DEFAULT_NOTIFICATION_PREFS,
  NOTIFICATION_KINDS,
  notificationKinds,
  ZNotificationPrefs,
  type TNotification,
  type TNotificationKind,
  type TNotificationPayload,
  type TNotificationPrefs,
  type TProfile,
  type TRoleCode,
  type ZListNotificationsQuery,
  type ZMarkReadRequest,
  type ZUpdateProfileRequest,
} from "@crm/contracts";
import { Prisma, type Db } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { AppError } from "../errors";
import { readSettings } from "../settings/settings";

type Tx = Prisma.TransactionClient;

export interface NotificationEvent<K extends TNotificationKind = TNotificationKind> {
  kind: K;
  /** Who is told; the actor who caused it is never told about their own doing. */
  userIds: readonly number[];
  payload: TNotificationPayload<K>;
  entity?: string;
  entityId?: string | number;
  /**
   * For reminders a scheduled job finds again and again: one notification per user, kind and
   * key, however often the job runs or how many workers run it. Keyed notifications are written
   * outside a transaction (a lost race is a unique violation, which would end a PostgreSQL
   * transaction).
   */
  dedupeKey?: string;
}

/**
 * Records notifications with the change that causes them (same transaction): they exist if and
 * only if the change does. Delivery by email and Telegram reads the rows afterwards (their
 * status columns are the outbox), so nothing is lost between a commit and a queue.
 * Returns how many were new.
 */
export async function notify<K extends TNotificationKind>(
  tx: Tx | Db,
  event: NotificationEvent<K>,
  actor?: { id: number | null } | null,
): Promise<number> {
  const payload = JSON.stringify(notificationKinds[event.kind].parse(event.payload));
  const recipients = [...new Set(event.userIds)].filter((id) => id !== actor?.id);
  let created = 0;
  for (const userId of recipients) {
    const data = {
      userId,
      kind: event.kind,
      payload,
      entity: event.entity ?? null,
      entityId: event.entityId === undefined ? null : String(event.entityId),
      dedupeKey: event.dedupeKey ?? null,
    };
    if (event.dedupeKey) {
      const exists = await tx.notification.findUnique({
        where: {
          userId_kind_dedupeKey: { userId, kind: event.kind, dedupeKey: event.dedupeKey },
        },
        select: { id: true },
      });
      if (exists) continue;
    }
    try {
      await tx.notification.create({ data });
      created += 1;
    } catch (error) {
      // Two runs of a reminder scan raced past the lookup: the other one told this user.
      const duplicate =
        event.dedupeKey &&
        error instanceof Prisma.PrismaClientKnownRequestError &&
        error.code === "P2002";
      if (!duplicate) throw error;
    }
  }
  return created;
}

/** Active users of the given roles (who approves, who follows the money). */
export async function usersWithRoles(tx: Tx | Db, roles: readonly TRoleCode[]) {
  const rows = await tx.user.findMany({
    where: { isActive: true, role: { code: { in: [...roles] } } },
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

const parseJson = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

function toNotification(row: {
  id: number;
  kind: string;
  payload: string;
  entity: string | null;
  entityId: string | null;
  readAt: Date | null;
  createdAt: Date;
}): TNotification {
  return {
    id: row.id,
    kind: row.kind as TNotificationKind,
    payload: parseJson(row.payload),
    entity: row.entity,
    entityId: row.entityId,
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

const unreadCount = (db: Db | Tx, userId: number) =>
  db.notification.count({ where: { userId, readAt: null } });

export async function listNotifications(
  db: Db,
  actor: Actor,
  query: z.output<typeof ZListNotificationsQuery>,
) {
  const rows = await db.notification.findMany({
    where: {
      userId: actor.id,
      ...(query.unread === "true" ? { readAt: null } : {}),
      ...(query.before ? { id: { lt: query.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const items = rows.slice(0, query.limit).map(toNotification);
  return {
    items,
    unread: await unreadCount(db, actor.id),
    nextBefore: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null,
  };
}

/**
 * The bell's poll: one count and one max, both within the unread part of the
 * (userId, readAt, id) index, whatever the size of the read history. The newest unread id is
 * enough to notice a change: every notification is created unread, with a higher id.
 */
export async function unreadSummary(db: Db, actor: Actor) {
  const [unread, latest] = await Promise.all([
    unreadCount(db, actor.id),
    db.notification.findFirst({
      where: { userId: actor.id, readAt: null },
      orderBy: { id: "desc" },
      select: { id: true },
    }),
  ]);
  return { unread, latestId: latest?.id ?? null };
}

export async function markRead(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZMarkReadRequest>,
  now = new Date(),
) {
  await db.notification.updateMany({
    where: {
      userId: actor.id,
      readAt: null,
      ...("ids" in input
        ? { id: { in: input.ids } }
        : input.upTo
          ? { id: { lte: input.upTo } }
          : {}),
    },
    data: { readAt: now },
  });
  return { unread: await unreadCount(db, actor.id) };
}

/** A user's choices with the defaults filled in for kinds they never chose about. */
export function effectivePrefs(
  stored: string | null,
  defaults: TNotificationPrefs = {},
): TProfile["notificationPrefs"] {
  let parsed: TNotificationPrefs = {};
  if (stored) {
    const result = ZNotificationPrefs.safeParse(parseJson(stored));
    if (result.success) parsed = result.data;
  }
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [
      kind,
      parsed[kind] ?? defaults[kind] ?? DEFAULT_NOTIFICATION_PREFS[kind],
    ]),
  ) as TProfile["notificationPrefs"];
}

const profileSelect = {
  email: true,
  language: true,
  telegramChatId: true,
  notificationPrefs: true,
} as const;

function toProfile(
  row: Prisma.UserGetPayload<{ select: typeof profileSelect }>,
  defaults: TNotificationPrefs,
): TProfile {
  return {
    email: row.email,
    language: row.language === "uz" || row.language === "en" ? row.language : "ru",
    telegramLinked: row.telegramChatId !== null,
    notificationPrefs: effectivePrefs(row.notificationPrefs, defaults),
  };
}

/** What reaches people who never chose: the admin's defaults, else the built-in ones. */
const defaultPrefs = async (db: Db) =>
  (await readSettings(db, ["notifications.defaults"]))["notifications.defaults"];

export async function getProfile(db: Db, actor: Actor): Promise<TProfile> {
  return toProfile(
    await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: profileSelect }),
    await defaultPrefs(db),
  );
}

export async function updateProfile(
  db: Db,
  actor: Actor,
  input: z.output<typeof ZUpdateProfileRequest>,
): Promise<TProfile> {
  const current = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: profileSelect,
  });
  const defaults = await defaultPrefs(db);
  const prefs = input.notificationPrefs
    ? { ...effectivePrefs(current.notificationPrefs, defaults), ...input.notificationPrefs }
    : undefined;
  try {
    return toProfile(
      await db.user.update({
        where: { id: actor.id },
        data: {
          email: input.email === undefined ? undefined : (input.email?.toLowerCase() ?? null),
          language: input.language,
          notificationPrefs: prefs ? JSON.stringify(prefs) : undefined,
        },
        select: profileSelect,
      }),
      defaults,
    );
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", {
        detail: "Another user has this email",
        errors: [{ path: "email", message: "Already in use", code: "unique" }],
      });
    }
    throw error;
  }
}
