import { Link } from "react-router";
import { useLanguage, useT } from "../../i18n";
import { formatNumber, formatPercent } from "../../lib/format";
import { LoadError, Loading } from "../../ui/Status";
import { useLeadStats } from "./stats.queries";
import { Funnel } from "./StatsPage";

/** Conversion at a glance: a seller's own figures, or the team's for managers. */
export function ConversionWidget({ scope }: { scope: "mine" | "team" }) {
  const t = useT();
  const { locale } = useLanguage();
  const stats = useLeadStats({});
  return (
    <section className="panel widget" aria-labelledby="conversion-widget-title">
      <h2 id="conversion-widget-title">
        {scope === "mine" ? t("stats.widget.mine") : t("stats.widget.team")}
      </h2>
      {stats.isPending ? (
        <Loading />
      ) : stats.isError ? (
        <LoadError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : (
        <>
          <p className="widget__figure">
            <span className="widget__big">{formatPercent(stats.data.conversionRate, locale)}</span>
            <span className="muted">
              {t("stats.widget.soldOf", {
                sold: formatNumber(stats.data.sold, locale),
                total: formatNumber(stats.data.total, locale),
              })}
            </span>
          </p>
          <Funnel stats={stats.data} compact />
          {scope === "team" ? (
            <Link className="card__link" to="/stats">
              {t("stats.widget.open")}
            </Link>
          ) : null}
        </>
      )}
    </section>
  );
}
