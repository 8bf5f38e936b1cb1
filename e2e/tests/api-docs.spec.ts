import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";

// The API reference is Swagger UI served from our own origin under the strict CSP: it must
// render the operations, fit a phone, and its console must really call the API.

const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const;

/** Whether the page itself scrolls sideways (a box scrolling inside itself is fine). */
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

for (const viewport of VIEWPORTS) {
  test(`API reference at ${viewport.width}×${viewport.height}: operations, no sideways scroll, a working console`, async ({
    page,
    baseURL,
  }) => {
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    page.on("console", (message) => {
      // A CSP violation or a failed load is logged as an error by the browser.
      if (message.type() === "error") problems.push(message.text());
    });
    const offOrigin: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).origin !== new URL(baseURL!).origin) {
        offOrigin.push(request.url());
      }
    });

    await page.setViewportSize(viewport);
    await page.goto("/api/docs");
    // Swagger UI's title of the document is the page's heading.
    await expect(
      page.getByRole("heading", { level: 1, name: /^RealEstate CRM API/ }),
    ).toBeVisible();
    // Operations of the generated document, grouped by tag. Swagger UI draws them as they come
    // into view; its tag filter brings a group up.
    await expect(page.locator(".opblock").first()).toBeVisible();
    const filter = page.getByPlaceholder("Filter by tag");
    await filter.fill("auth");
    const login = page.locator(".opblock").filter({ hasText: "/api/auth/login" }).first();
    await expect(login).toContainText("Log in with login and password");
    expect(await scrollsSideways(page)).toBe(false);

    // The longest paths wrap rather than push the page wider.
    await filter.fill("inventory");
    await expect(
      page.locator(".opblock").filter({ hasText: "/api/flats/{id}/queue/{leadId}" }).first(),
    ).toBeVisible();
    expect(await scrollsSideways(page)).toBe(false);

    await filter.fill("health");
    const health = page.locator(".opblock").filter({ hasText: "/healthz" }).first();
    await health.locator(".opblock-summary-control").click();
    await expect(health.getByRole("button", { name: "Try it out" })).toBeVisible();
    // Expanded, the operation's schema and example fit too.
    expect(await scrollsSideways(page)).toBe(false);
    await health.getByRole("button", { name: "Try it out" }).click();
    await health.getByRole("button", { name: "Execute" }).click();
    const live = health.locator(".live-responses-table tr.response");
    await expect(live.locator(".response-col_status")).toHaveText("200");
    await expect(live.locator(".response-col_description")).toContainText('"status"');
    expect(await scrollsSideways(page)).toBe(false);

    expect(offOrigin).toEqual([]);
    expect(problems).toEqual([]);
  });
}

test("getting started fits a phone and links to and from the reference", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/api/docs/getting-started");
  const docsNav = page.getByRole("navigation", { name: "Documentation" });
  for (const name of [
    "1. Log in and send the token",
    "2. Page through lists with cursors",
    "3. Read errors",
    "4. Rate limits",
  ]) {
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }
  expect(await scrollsSideways(page)).toBe(false);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Getting started with the API");
  await docsNav.getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/api\/docs$/);
  await docsNav.getByRole("link", { name: "Getting started" }).click();
  await expect(page).toHaveURL(/\/api\/docs\/getting-started$/);
});
