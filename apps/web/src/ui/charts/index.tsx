import { lazy, Suspense } from "react";
import type { BarChartProps } from "./BarChart";

export type { BarChartProps, BarSeries } from "./BarChart";

const LazyBarChart = lazy(() => import("./BarChart"));

/**
 * A bar chart whose library (chart.js) is fetched the first time a page draws one, so the
 * initial bundle never carries it. While it loads, the space is kept so nothing jumps.
 */
export function BarChart(props: BarChartProps) {
  return (
    <Suspense
      fallback={
        <div className="chart__canvas" style={{ height: props.height ?? 240 }} aria-busy="true" />
      }
    >
      <LazyBarChart {...props} />
    </Suspense>
  );
}

/** Series colours, the same as the rest of the design (see styles.css). */
export const CHART_COLORS = {
  neutral: "#9db7dd",
  success: "#1e7b45",
  primary: "#1f4e8c",
  danger: "#b42318",
} as const;
