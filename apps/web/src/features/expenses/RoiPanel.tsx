import { useLanguage, useT } from "../../i18n";
import { formatMoney, formatNumber } from "../../lib/format";
import { LoadError, Loading } from "../../ui/Status";
import { RatesNote } from "./ConvertedLine";
import { useRoi } from "./expenses.queries";
import { PeriodFields, useUrlFilters } from "./fields";
import { currentMonth, isDayValue, lastDayOf } from "./periods";

/** Marketing ROI per channel and complex over a period of days. */
export function RoiPanel() {
  const t = useT();
  const { locale } = useLanguage();
  const { params, setParam } = useUrlFilters();
  const month = currentMonth();
  const from = isDayValue(params.get("from")) ? params.get("from")! : `${month}-01`;
  const toParam = params.get("to");
  const to =
    isDayValue(toParam) && toParam >= from
      ? toParam
      : lastDayOf(month) >= from
        ? lastDayOf(month)
        : from;
  const convertParam = params.get("convertTo");
  const convertTo = convertParam === "UZS" || convertParam === "USD" ? convertParam : undefined;
  const roi = useRoi(from, to, convertTo);
  const money = (value: number | null, currency: "UZS" | "USD") =>
    value === null ? "—" : formatMoney(value, currency, locale);

  return (
    <section className="panel" aria-labelledby="roi-title">
      <h2 id="roi-title">{t("roi.title")}</h2>
      <p className="muted">{t("roi.note")}</p>
      <div className="backoffice-filters">
        <PeriodFields
          type="date"
          from={from}
          to={to}
          onFrom={setParam("from")}
          onTo={setParam("to")}
          convertTo={convertTo}
          onConvertTo={setParam("convertTo")}
        />
      </div>
      {roi.isPending ? (
        <Loading />
      ) : roi.isError ? (
        <LoadError error={roi.error} onRetry={() => void roi.refetch()} />
      ) : roi.data.rows.length === 0 ? (
        <p className="empty-state">{t("roi.empty")}</p>
      ) : (
        <>
          <div className="table-wrap" role="region" aria-labelledby="roi-title" tabIndex={0}>
            <table className="table table--cards">
              <thead>
                <tr>
                  <th scope="col">{t("roi.col.source")}</th>
                  <th scope="col">{t("roi.col.complex")}</th>
                  <th scope="col" className="cell--number">
                    {t("roi.col.leads")}
                  </th>
                  <th scope="col" className="cell--number">
                    {t("roi.col.deals")}
                  </th>
                  <th scope="col" className="cell--number">
                    {t("roi.col.spend")}
                  </th>
                  <th scope="col" className="cell--number">
                    {t("roi.col.revenue")}
                  </th>
                  <th scope="col" className="cell--number">
                    {t("roi.col.costPerLead")}
                  </th>
                  <th scope="col" className="cell--number">
                    {t("roi.col.costPerSale")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {roi.data.rows.map((row) => {
                  const lines = row.converted
                    ? [
                        {
                          currency: row.converted.spend.currency,
                          spend: row.converted.spend.amount,
                          revenue: row.converted.revenue.amount,
                          costPerLead: row.converted.costPerLead,
                          costPerSale: row.converted.costPerSale,
                        },
                      ]
                    : row.money;
                  const cell = (pick: (line: (typeof lines)[number]) => number | null) =>
                    lines.length === 0
                      ? "—"
                      : lines.map((line) => (
                          <div key={line.currency}>{money(pick(line), line.currency)}</div>
                        ));
                  return (
                    <tr key={`${row.source}-${row.complex?.id ?? 0}`}>
                      <td className="cell--title">{t(`lead.source.${row.source}`)}</td>
                      <td data-label={t("roi.col.complex")}>
                        {row.complex?.name ?? t("roi.noComplex")}
                      </td>
                      <td className="cell--number" data-label={t("roi.col.leads")}>
                        {formatNumber(row.leads, locale)}
                      </td>
                      <td className="cell--number" data-label={t("roi.col.deals")}>
                        {formatNumber(row.deals, locale)}
                      </td>
                      <td className="cell--number nowrap" data-label={t("roi.col.spend")}>
                        {cell((l) => l.spend)}
                      </td>
                      <td className="cell--number nowrap" data-label={t("roi.col.revenue")}>
                        {cell((l) => l.revenue)}
                      </td>
                      <td className="cell--number nowrap" data-label={t("roi.col.costPerLead")}>
                        {cell((l) => l.costPerLead)}
                      </td>
                      <td className="cell--number nowrap" data-label={t("roi.col.costPerSale")}>
                        {cell((l) => l.costPerSale)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {convertTo ? (
            <RatesNote
              parts={roi.data.rows.flatMap((row) =>
                row.converted ? [row.converted.spend, row.converted.revenue] : [],
              )}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
