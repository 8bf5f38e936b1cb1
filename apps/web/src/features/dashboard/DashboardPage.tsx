import type { TRoleCode } from "@crm/contracts";
import { Link } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useT } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { CallbacksWidget } from "../leads/CallbacksWidget";
import { ConversionWidget } from "../stats/ConversionWidget";

type CardId =
  | "approvals"
  | "myLeads"
  | "callbacks"
  | "myDeals"
  | "pipeline"
  | "reassign"
  | "stale"
  | "budget"
  | "leadCost"
  | "sales"
  | "payments"
  | "overdue"
  | "cashflow"
  | "users"
  | "settings"
  | "audit";

/** What each role lands on; cards become live widgets as their features are built. */
const CARDS: Record<TRoleCode, readonly CardId[]> = {
  // The callbacks card is the live widget above the cards.
  SELLER: ["myLeads", "myDeals"],
  MOP: ["pipeline", "reassign", "stale"],
  ROP: ["approvals", "budget", "leadCost", "sales"],
  FINANCIER: ["payments", "overdue", "cashflow"],
  ADMIN: ["users", "approvals", "settings", "audit"],
};

const LINKS: Partial<Record<CardId, { to: string; label: MessageKey }>> = {
  users: { to: "/admin/users", label: "dashboard.card.users.link" },
  // Contracts priced below a seller's discount limit wait for ROP or an admin.
  approvals: { to: "/deals?approval=PENDING", label: "dashboard.card.approvals.link" },
  myLeads: { to: "/leads/board", label: "dashboard.card.myLeads.link" },
  pipeline: { to: "/stats", label: "dashboard.card.pipeline.link" },
  reassign: { to: "/leads?ownerId=none", label: "dashboard.card.reassign.link" },
};

/** Live widgets above the cards, per role. */
function Widgets({ role }: { role: TRoleCode }) {
  switch (role) {
    case "SELLER":
      return (
        <div className="widgets">
          <CallbacksWidget defaultScope="mine" canSwitchScope={false} />
          <ConversionWidget scope="mine" />
        </div>
      );
    case "MOP":
      return (
        <div className="widgets">
          <CallbacksWidget defaultScope="team" canSwitchScope />
          <ConversionWidget scope="team" />
        </div>
      );
    case "ROP":
    case "ADMIN":
      return (
        <div className="widgets">
          <ConversionWidget scope="team" />
        </div>
      );
    default:
      return null;
  }
}

export function DashboardPage() {
  const t = useT();
  const user = useCurrentUser();
  const title = t(`dashboard.${user.role}.title`);
  useDocumentTitle(title);

  return (
    <section className="page" aria-labelledby="dashboard-title">
      <header className="page__header">
        <h1 id="dashboard-title">{title}</h1>
        <p className="muted">{t("dashboard.greeting", { name: user.firstName || user.login })}</p>
      </header>
      <Widgets role={user.role} />
      <ul className="cards">
        {CARDS[user.role].map((id) => {
          const link = LINKS[id];
          return (
            <li key={id} className="card">
              <h2 className="card__title">{t(`dashboard.card.${id}.title`)}</h2>
              <p className="card__body">{t(`dashboard.card.${id}.body`)}</p>
              {link ? (
                <Link className="card__link" to={link.to}>
                  {t(link.label)}
                </Link>
              ) : (
                <p className="badge badge--muted">{t("dashboard.soon")}</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
