import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import type { Browser, Page } from "@playwright/test";
import { createLead, draftDeal, logIn, newPage } from "./support";

// Every page a role may open, on a phone and on a desktop, with the longest values the product
// takes: nothing scrolls sideways, no button is cut off, the header stays one row, no serious
// accessibility violation. Each page is walked once per screen by the first role below that may
// open it (the narrowest view of it) and once by the admin (the fullest), not by every role.
test.describe.configure({ timeout: 300_000 });

/** From the narrowest view of the product to the widest. */
const ROLES = [
  { role: "SELLER", login: "seller" },
  { role: "FINANCIER", login: "finance" },
  { role: "ROP", login: "rop" },
  { role: "MOP", login: "mop" },
  { role: "ADMIN", login: "admin" },
] as const;
type Role = (typeof ROLES)[number]["role"];

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const;

/** 950 000 000 000 UZS in tiyin: twelve digits before the decimals. */
const BIG_PRICE = 95_000_000_000_000;

/** A name of exactly 60 characters with no spaces to break it at. */
const LONG_NAME = `Длинноимённая-${Date.now()}-`.padEnd(60, "ё");

interface Fixture {
  leadId: number;
  dealId: number;
  complexIds: number[];
}

let fixture: Fixture;
/** The routes each role walks (see the top of this file). */
let walks: Map<Role, string[]>;

async function signedIn(browser: Browser, login: string) {
  const page = await newPage(browser);
  await logIn(page, login);
  return page;
}

/** A flat priced in twelve digits in a block of its own, sold to a lead with a long name. */
async function createLongValues(browser: Browser): Promise<Fixture> {
  const admin = await signedIn(browser, "admin");
  const complexes = (await (await admin.request.get("/api/complexes")).json()) as {
    items: { id: number; currency: string }[];
  };
  const complex = complexes.items.find((item) => item.currency === "UZS")!;
  expect(complex).toBeTruthy();
  const flat = await admin.request.post(`/api/complexes/${complex.id}/flats`, {
    data: {
      block: "C",
      // A floor of its own on each run, so reruns against one database never crowd a floor.
      floor: 2 + (Date.now() % 150),
      number: `C-${String(Date.now()).slice(-8)}`,
      rooms: 4,
      area: 250.5,
      price: BIG_PRICE,
    },
  });
  expect(flat.status()).toBe(201);
  const flatId = ((await flat.json()) as { id: number }).id;

  const seller = await signedIn(browser, "seller");
  const leadId = await createLead(seller, LONG_NAME);
  expect(
    (await seller.request.post(`/api/flats/${flatId}/book`, { data: { leadId } })).status(),
  ).toBe(200);
  const deal = await draftDeal(seller, leadId, {
    downPayment: BIG_PRICE / 5,
    installmentMonths: 24,
  });
  expect((await seller.request.post(`/api/deals/${deal.id}/sign`)).status()).toBe(200);

  // Part of the down payment paid, so paid and outstanding sums are both long.
  const detail = (await (await admin.request.get(`/api/deals/${deal.id}`)).json()) as {
    schedule: { id: number; seq: number }[];
  };
  const first = detail.schedule.find((row) => row.seq === 0) ?? detail.schedule[0]!;
  const paid = await admin.request.post(`/api/payments/${first.id}/record`, {
    data: { amount: 1_234_567_890_197, method: "BANK_TRANSFER" },
  });
  expect(paid.status()).toBe(200);

  await admin.context().close();
  await seller.context().close();
  return { leadId, dealId: deal.id, complexIds: complexes.items.map((item) => item.id) };
}

/** Where the role's navigation leads, plus the detail pages behind it. */
async function routesFor(page: Page): Promise<string[]> {
  // On a phone the navigation sits folded behind the menu button; its links are there all the same.
  const links = await page
    .getByRole("navigation", { name: "Основная навигация", includeHidden: true })
    .getByRole("link", { includeHidden: true })
    .evaluateAll((elements) =>
      elements.map((element) => new URL((element as HTMLAnchorElement).href).pathname),
    );
  expect(links).toContain("/dashboard");
  const details: string[] = [];
  if (links.includes("/leads")) {
    details.push("/leads/board", `/leads/${fixture.leadId}`);
  }
  if (links.includes("/deals")) details.push(`/deals/${fixture.dealId}`);
  if (links.includes("/complexes")) {
    // Filtered, the grid's filter bar also offers to clear the filters.
    for (const id of fixture.complexIds) {
      details.push(`/complexes/${id}/grid`, `/complexes/${id}/grid?rooms=2&status=FREE`);
    }
  }
  return [...new Set([...links, ...details])];
}

interface Break {
  route: string;
  problem: string;
}

/** What is wider than the screen: the page itself and visible buttons past its right edge. */
async function layoutBreaks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > width) found.push(`page scrolls sideways: ${scrollWidth} > ${width}`);
    const cut: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>("button, [role=button]")) {
      if (!element.checkVisibility({ visibilityProperty: true })) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right <= width + 1) continue;
      // Inside a region that scrolls sideways and itself fits the screen (the шахматка's rows),
      // a button past the edge is reached by scrolling that region, not cut off.
      let scroller: HTMLElement | null = null;
      for (let node = element.parentElement; node && node !== document.body;) {
        const overflow = getComputedStyle(node).overflowX;
        if (overflow === "auto" || overflow === "scroll") {
          scroller = node;
          break;
        }
        node = node.parentElement;
      }
      if (scroller && scroller.getBoundingClientRect().right <= width + 1) continue;
      const name = (element.getAttribute("aria-label") ?? element.textContent ?? "").trim();
      cut.push(`"${name.slice(0, 40)}" (right edge ${Math.round(box.right)})`);
    }
    if (cut.length > 0) found.push(`${cut.length} button(s) cut off, first ${cut[0]}`);
    // The header's controls sit on one row (the tools a phone folds away are hidden).
    const header = document.querySelector(".topbar");
    if (header) {
      const tops = new Set<number>();
      for (const child of header.children) {
        if (!(child as HTMLElement).checkVisibility()) continue;
        const box = child.getBoundingClientRect();
        if (box.height > 0) tops.add(Math.round(box.top + box.height / 2));
      }
      const rows = [...tops].sort((a, b) => a - b);
      if (rows.length > 1 && rows[rows.length - 1]! - rows[0]! > 8) {
        found.push(`header wraps: controls centred at ${rows.join(", ")} px`);
      }
    }
    return found;
  });
}

async function seriousViolations(page: Page): Promise<string[]> {
  const axe = new AxeBuilder({ page });
  // Swagger UI's own markup: an operation's summary is a button holding the path's deep link.
  // Nothing our CSS can change; every other rule is checked on the reference too.
  if (new URL(page.url()).pathname === "/api/docs") axe.disableRules(["nested-interactive"]);
  const { violations } = await axe.analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) =>
        `axe ${violation.id}: ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(" "))
          .join(", ")}`,
    );
}

/**
 * Which role walks which route: the first role (of ROLES) whose navigation leads there, and the
 * admin. The dashboard shows each role its own sections, so every role walks its own.
 */
async function planWalks(browser: Browser): Promise<Map<Role, string[]>> {
  const plan = new Map<Role, string[]>();
  const taken = new Set<string>();
  for (const { role, login } of ROLES) {
    const page = await signedIn(browser, login);
    const routes = await routesFor(page);
    await page.context().close();
    plan.set(
      role,
      routes.filter((route) => role === "ADMIN" || route === "/dashboard" || !taken.has(route)),
    );
    for (const route of routes) taken.add(route);
  }
  return plan;
}

test.beforeAll(async ({ browser }) => {
  // Makes the long values, then signs in as each role once to read its navigation.
  test.setTimeout(180_000);
  fixture = await createLongValues(browser);
  walks = await planWalks(browser);
});

async function walk(page: Page, routes: string[]): Promise<Break[]> {
  const breaks: Break[] = [];
  for (const route of routes) {
    await page.goto(route);
    await page.waitForLoadState("networkidle");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    if (route === `/leads/${fixture.leadId}`) {
      await expect(page.getByRole("heading", { level: 1, name: LONG_NAME })).toBeVisible();
    }
    for (const problem of [...(await layoutBreaks(page)), ...(await seriousViolations(page))]) {
      breaks.push({ route, problem });
    }
  }
  return breaks;
}

for (const viewport of VIEWPORTS) {
  for (const { role, login } of ROLES) {
    test(`${role} at ${viewport.width}×${viewport.height}: the pages it walks fit`, async ({
      page,
    }) => {
      const routes = walks.get(role) ?? [];
      expect(routes).toContain("/dashboard");
      await page.setViewportSize(viewport);
      await logIn(page, login);
      expect(await walk(page, routes)).toEqual([]);
    });
  }

  test(`the API docs at ${viewport.width}×${viewport.height} fit`, async ({ page }) => {
    await page.setViewportSize(viewport);
    expect(await walk(page, ["/api/docs", "/api/docs/getting-started"])).toEqual([]);
  });
}

// The narrowest phones in use: the header must stay one row and the busiest pages fit.
test("at 360×740 the header stays one row and the busiest pages fit", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await logIn(page, "admin");
  const grid = `/complexes/${fixture.complexIds[0]}/grid`;
  const breaks = await walk(page, [
    "/dashboard",
    "/leads",
    `/leads/${fixture.leadId}`,
    `/deals/${fixture.dealId}`,
    grid,
    `${grid}?rooms=2&status=FREE`,
    "/api/docs",
  ]);
  expect(breaks).toEqual([]);
  await page.goto("/dashboard");
  const header = await page.locator(".topbar").boundingBox();
  expect(header!.height).toBeLessThan(64);
});
