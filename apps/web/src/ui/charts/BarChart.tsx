import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartOptions,
} from "chart.js";
import { Bar } from "react-chartjs-2";

// Only the pieces a bar chart needs, so the rest of chart.js stays out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface BarSeries {
  label: string;
  values: number[];
  /** A CSS colour; the design's series colours live in the page's stylesheet variables. */
  color: string;
}

export interface BarChartProps {
  labels: string[];
  series: BarSeries[];
  /** What the chart shows, read by screen readers (the numbers are in a table beside it). */
  summary: string;
  /** Axis ticks and tooltips. */
  format?: (value: number) => string;
  /** Bars lie along the vertical axis (long category names, a funnel). */
  horizontal?: boolean;
  height?: number;
  /** Called with the index of a clicked bar's category. */
  onSelect?: (index: number) => void;
}

/** Grouped bars drawn by chart.js; loaded only by the pages that show a chart (see index.tsx). */
export default function BarChart({
  labels,
  series,
  summary,
  format = (value) => String(value),
  horizontal = false,
  height = 240,
  onSelect,
}: BarChartProps) {
  const valueAxis = horizontal ? "x" : "y";
  const options: ChartOptions<"bar"> = {
    indexAxis: horizontal ? "y" : "x",
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: {
      legend: { display: series.length > 1, position: "top", align: "start" },
      tooltip: {
        callbacks: {
          label: (item) => `${item.dataset.label ?? ""}: ${format(Number(item.raw))}`,
        },
      },
    },
    scales: {
      [valueAxis]: {
        beginAtZero: true,
        ticks: { callback: (value: string | number) => format(Number(value)), maxTicksLimit: 5 },
      },
      [horizontal ? "y" : "x"]: { ticks: { autoSkip: true, maxRotation: 0 } },
    },
    onClick: onSelect
      ? (_event, elements) => {
          const first = elements[0];
          if (first) onSelect(first.index);
        }
      : undefined,
  };
  return (
    <div className="chart__canvas" style={{ height }}>
      <Bar
        role="img"
        aria-label={summary}
        options={options}
        data={{
          labels,
          datasets: series.map((s) => ({
            label: s.label,
            data: s.values,
            backgroundColor: s.color,
            borderRadius: 3,
            maxBarThickness: 28,
          })),
        }}
      />
    </div>
  );
}
