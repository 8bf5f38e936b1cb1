import type { TCurrency } from "@crm/contracts";
import { NavLink, useLocation } from "react-router";
import { useLanguage, useT } from "../../i18n";
import { formatMoney } from "../../lib/format";
import type { LeadStatus } from "./lead-meta";

export function StatusBadge({ status }: { status: LeadStatus }) {
  const t = useT();
  return (
    <span className={`status-badge status-badge--${status.toLowerCase()}`}>
      {t(`lead.status.${status}`)}
    </span>
  );
}

/** Marks a lead that is archived (admins see these in lists and can restore them). */
export function ArchivedBadge({ lead }: { lead: { archivedAt: string | null } }) {
  const t = useT();
  if (lead.archivedAt === null) return null;
  return <span className="badge badge--muted">{t("lead.archived")}</span>;
}

export function Money({ minor, currency }: { minor: number | null; currency: TCurrency | null }) {
  const { locale } = useLanguage();
  if (minor === null) return <span className="muted">—</span>;
  return <span className="nowrap">{formatMoney(minor, currency ?? "UZS", locale)}</span>;
}

/** Table ⇄ board, keeping the filters in the query string. */
export function LeadViewSwitch() {
  const t = useT();
  const { search } = useLocation();
  return (
    <nav className="view-switch" aria-label={t("leads.views")}>
      <NavLink end to={{ pathname: "/leads", search }} className="view-switch__link">
        {t("leads.view.table")}
      </NavLink>
      <NavLink to={{ pathname: "/leads/board", search }} className="view-switch__link">
        {t("leads.view.board")}
      </NavLink>
    </nav>
  );
}
