// Time for Chromium to paint the шахматка of a big complex, from navigation start: to the
// "grid-painted" mark the page sets in the frame after its first render of the grid (the first
// screenful of floors), and to "grid-drawn", the frame after every cell is in the document.
// It also prints the median moment of each stage before the paint (the document received, the
// first script received, the grid asked for and answered), to show where the time goes.
// Run by apps/api/bench/inventory.bench.ts against its server:
//   BENCH_URL, BENCH_LOGIN, BENCH_PASSWORD, BENCH_COMPLEX_ID, BENCH_RUNS (default 7)
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../chromium";

const url = process.env.BENCH_URL!;
const runs = Number(process.env.BENCH_RUNS ?? 7);

async function main() {
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const login = await context.request.post(`${url}/api/auth/login`, {
      data: { login: process.env.BENCH_LOGIN, password: process.env.BENCH_PASSWORD },
    });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const page = await context.newPage();
    const target = `${url}/complexes/${process.env.BENCH_COMPLEX_ID}/grid`;
    const times: number[] = [];
    const drawnTimes: number[] = [];
    const stages: Record<string, number>[] = [];
    let cells = 0;
    for (let i = 0; i < runs + 1; i++) {
      await page.goto(target, { waitUntil: "commit" });
      const painted = await page.waitForFunction(
        () => performance.getEntriesByName("grid-painted")[0]?.startTime ?? null,
        null,
        { timeout: 30_000, polling: 10 },
      );
      const ms = Number(await painted.jsonValue());
      const drawn = await page.waitForFunction(
        () => performance.getEntriesByName("grid-drawn")[0]?.startTime ?? null,
        null,
        { timeout: 30_000, polling: 10 },
      );
      const drawnMs = Number(await drawn.jsonValue());
      // Where the time before the paint went: the document, the app's first script, the grid's
      // request (from the page's own resource timings).
      const stage = await page.evaluate(() => {
        const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
        const resources = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
        const grid = resources.find((entry) => /\/api\/complexes\/\d+\/grid/.test(entry.name));
        const script = resources.find((entry) => entry.initiatorType === "script");
        return {
          document: nav?.responseEnd ?? NaN,
          scriptLoaded: script?.responseEnd ?? NaN,
          gridAsked: grid?.startTime ?? NaN,
          gridAnswered: grid?.responseEnd ?? NaN,
        };
      });
      cells = await page.locator("[data-testid=shakhmatka] [data-status]").count();
      // The first load warms the HTTP cache, as a returning user's would be.
      if (i > 0) {
        times.push(ms);
        drawnTimes.push(drawnMs);
        stages.push(stage);
      }
    }
    const median = (values: number[]) =>
      Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
    console.log(
      JSON.stringify({
        cells,
        runs: times.length,
        medianMs: median(times),
        worstMs: Math.round(Math.max(...times)),
        drawnMedianMs: median(drawnTimes),
        stagesMs: Object.fromEntries(
          Object.keys(stages[0]!).map((key) => [key, median(stages.map((s) => s[key]!))]),
        ),
      }),
    );
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
