import {
  dealRoutes,
  inventoryRoutes,
  leadRoutes,
  mayCall,
  userRoutes,
  ZListLeadsQuery,
  type SEARCH_KINDS,
  type TSearchHit,
  type TSearchResult,
  type ZSearchQuery,
} from "@crm/contracts";
import type { Db, SqlReader } from "@crm/db";
import type { z } from "zod";
import type { Actor } from "../access";
import { dealsWhere } from "../deals/deals";
import { listLeads } from "../leads/leads.service";

type Kind = (typeof SEARCH_KINDS)[number];

/**
 * The header's search across leads, flats, deals and users. Each kind is searched only if the
 * caller's role may call that kind's list, and through the same visibility rule as the list
 * (leads through the lead list itself; deals through the deals list's filter), so the search
 * never shows what the lists would not.
 */
export async function globalSearch(
  db: Db,
  reader: SqlReader,
  actor: Actor,
  query: z.output<typeof ZSearchQuery>,
): Promise<TSearchResult> {
  const { q, limit } = query;
  const kinds: Kind[] = [];
  if (mayCall(leadRoutes.list, actor.role)) kinds.push("lead");
  if (mayCall(inventoryRoutes.getFlat, actor.role)) kinds.push("flat");
  if (mayCall(dealRoutes.list, actor.role)) kinds.push("deal");
  if (mayCall(userRoutes.list, actor.role)) kinds.push("user");
  const term = q.trim();

  const [leads, flats, deals, users] = await Promise.all([
    kinds.includes("lead")
      ? listLeads(reader, actor, ZListLeadsQuery.parse({ q: term, limit })).then((page) =>
          page.items.map((lead): TSearchHit => ({
            kind: "lead",
            id: lead.id,
            title: lead.fullName,
            subtitle: lead.phone,
            href: `/leads/${lead.id}`,
          })),
        )
      : [],
    kinds.includes("flat")
      ? db.apartment
          .findMany({
            where: { number: { contains: term } },
            orderBy: [{ complexId: "asc" }, { id: "asc" }],
            take: limit,
            select: {
              id: true,
              number: true,
              block: true,
              floor: true,
              status: true,
              complexId: true,
              complex: { select: { name: true } },
            },
          })
          .then((rows) =>
            rows.map((flat): TSearchHit => ({
              kind: "flat",
              id: flat.id,
              title: flat.number,
              subtitle: `${flat.complex.name} · ${flat.block} · ${flat.floor}`,
              href: `/complexes/${flat.complexId}/grid?flat=${flat.id}`,
            })),
          )
      : [],
    kinds.includes("deal")
      ? db.contract
          .findMany({
            where: { AND: [dealsWhere(actor, {}), { number: { contains: term } }] },
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            take: limit,
            select: { id: true, number: true, status: true, lead: { select: { fullName: true } } },
          })
          .then((rows) =>
            rows.map((deal): TSearchHit => ({
              kind: "deal",
              id: deal.id,
              title: deal.number,
              subtitle: deal.lead.fullName,
              href: `/deals/${deal.id}`,
            })),
          )
      : [],
    kinds.includes("user")
      ? db.user
          .findMany({
            where: {
              OR: [
                { firstName: { contains: term } },
                { lastName: { contains: term } },
                { login: { contains: term } },
              ],
            },
            orderBy: [{ isActive: "desc" }, { id: "asc" }],
            take: limit,
            select: { id: true, firstName: true, lastName: true, login: true },
          })
          .then((rows) =>
            rows.map((user): TSearchHit => ({
              kind: "user",
              id: user.id,
              title: [user.firstName, user.lastName].filter(Boolean).join(" ") || user.login,
              subtitle: user.login,
              href: "/admin/users",
            })),
          )
      : [],
  ]);
  return { kinds, items: [...leads, ...flats, ...deals, ...users] };
}
