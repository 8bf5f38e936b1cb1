// Time for Chromium to paint the шахматка of a big complex, from navigation start: to the
// "grid-painted" mark the page sets in the frame after its first render of the grid (the first
// screenful of floors), and to "grid-drawn", the frame after every cell is in the document.
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
      cells = await page.locator("[data-testid=shakhmatka] [data-status]").count();
      // The first load warms the HTTP cache, as a returning user's would be.
      if (i > 0) {
        times.push(ms);
        drawnTimes.push(drawnMs);
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
