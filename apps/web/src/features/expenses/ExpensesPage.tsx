import { useSearchParams } from "react-router";
import { useId } from "react";
import { useDocumentTitle, useT } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { BudgetsPanel } from "./BudgetsPanel";
import { CategoriesPanel } from "./CategoriesPanel";
import { ExpensesList } from "./ExpensesList";
import { RatesPanel } from "./RatesPanel";
import { RoiPanel } from "./RoiPanel";
import "./expenses.css";

const TABS = ["list", "budgets", "roi", "categories", "rates"] as const;
type Tab = (typeof TABS)[number];
const isTab = (value: string | null): value is Tab => TABS.includes(value as Tab);

/** `/expenses`: expenses, budgets with plan vs fact, marketing ROI, categories, currency rates. */
export function ExpensesPage() {
  const t = useT();
  useDocumentTitle(t("expenses.title"));
  const [params, setParams] = useSearchParams();
  const requested = params.get("tab");
  const tab: Tab = isTab(requested) ? requested : "list";
  const baseId = useId();

  return (
    <section className="page expenses" aria-labelledby="expenses-title">
      <header className="page__header">
        <h1 id="expenses-title">{t("expenses.title")}</h1>
        <p className="muted">{t("expenses.subtitle")}</p>
      </header>
      <div className="tabs expenses__tabs" role="tablist" aria-label={t("expenses.tabs")}>
        {TABS.map((value) => (
          <button
            key={value}
            type="button"
            role="tab"
            id={`${baseId}-${value}`}
            aria-selected={tab === value}
            aria-controls={`${baseId}-panel`}
            className="tabs__tab"
            onClick={() => setParams({ tab: value })}
          >
            {t(`expenses.tab.${value}` as MessageKey)}
          </button>
        ))}
      </div>
      <div
        className="tabs__panel"
        role="tabpanel"
        id={`${baseId}-panel`}
        aria-labelledby={`${baseId}-${tab}`}
      >
        {tab === "list" ? <ExpensesList /> : null}
        {tab === "budgets" ? <BudgetsPanel /> : null}
        {tab === "roi" ? <RoiPanel /> : null}
        {tab === "categories" ? <CategoriesPanel /> : null}
        {tab === "rates" ? <RatesPanel /> : null}
      </div>
    </section>
  );
}
