import { expect, test } from "@playwright/test";
import type { Locator, Page } from "@playwright/test";
import { createLead, logIn, newPage } from "./support";

/** Whole sums as the SPA writes them ("441 000 000 сум") back to a number. */
const amountOf = (text: string) => Number(text.replace(/[^\d]/g, ""));

/** The prices in a flat list's price column, top to bottom. */
async function pricesIn(table: Locator, column: number): Promise<number[]> {
  const cells = await table.locator(`tbody tr td:nth-child(${column})`).allInnerTexts();
  return cells.map(amountOf);
}

/** A small UZS complex of its own, priced under the demo's cheapest flats, made by the admin. */
async function cheapComplex(page: Page) {
  const stamp = Date.now();
  const name = `ЖК Подбор ${stamp}`;
  const complex = await page.request.post("/api/complexes", {
    data: { name, slug: `podbor-${stamp}`, city: "Ташкент", currency: "UZS" },
  });
  expect(complex.status()).toBe(201);
  const complexId = ((await complex.json()) as { id: number }).id;
  for (const [index, number] of ["S-101", "S-102"].entries()) {
    const flat = await page.request.post(`/api/complexes/${complexId}/flats`, {
      data: {
        block: "S",
        floor: 1,
        number,
        rooms: 1,
        area: 40,
        price: (300_000_000 + index) * 100,
      },
    });
    expect(flat.status()).toBe(201);
  }
  return name;
}

test.describe("picking a flat for a lead", () => {
  test("a seller picks a flat across complexes from the lead's budget and books it for the lead", async ({
    page,
    browser,
  }) => {
    test.slow();
    const admin = await newPage(browser);
    await logIn(admin, "admin");
    const complexName = await cheapComplex(admin);
    await admin.context().close();

    await logIn(page, "seller");
    const fullName = `Подбор ${Date.now()}`;
    const leadId = await createLead(page, fullName);
    const budget = await page.request.patch(`/api/leads/${leadId}`, {
      data: { budget: 600_000_000_00, budgetCurrency: "UZS" },
    });
    expect(budget.status()).toBe(200);

    await page.goto(`/leads/${leadId}`);
    await page.getByRole("link", { name: "Подобрать квартиру" }).click();
    await expect(page).toHaveURL(new RegExp(`/leads/${leadId}/pick-flat`));
    await expect(
      page.getByRole("heading", { level: 1, name: `Подбор квартиры: ${fullName}` }),
    ).toBeVisible();
    // The lead's budget fills the search.
    await expect(page.getByLabel("Цена до")).toHaveValue("600 000 000");
    await expect(page.getByLabel("Валюта")).toHaveValue("UZS");

    const results = page.getByRole("table");
    await expect(results.locator("tbody tr").first()).toBeVisible();
    const complexes = new Set(await results.locator("tbody tr td:nth-child(1)").allInnerTexts());
    expect(complexes.has(complexName)).toBe(true);
    expect(complexes.has("ЖК Olmazor City")).toBe(true);
    const prices = await pricesIn(results, 7);
    expect(prices.every((price) => price <= 600_000_000)).toBe(true);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));

    const cheapest = results.locator("tbody tr").first();
    await expect(cheapest).toContainText(complexName);
    await expect(cheapest).toContainText("S-101");
    await cheapest.getByRole("button", { name: "Забронировать для этого лида" }).click();

    await expect(page).toHaveURL(new RegExp(`/leads/${leadId}$`));
    // The lead card lists the flat among the lead's holds.
    const held = page
      .locator(".details__row")
      .filter({ has: page.locator("dt", { hasText: /^Забронирована$/ }) });
    await expect(held.getByRole("link", { name: `кв. S-101, ${complexName}` })).toBeVisible();
  });
});

test.describe("the шахматка as sellers use it", () => {
  test("block tabs switch blocks and the list beside the grid sorts by price", async ({ page }) => {
    await logIn(page, "seller");
    await page.goto("/complexes");
    await page.getByRole("link", { name: "ЖК Olmazor City" }).click();
    await page.waitForFunction(() => performance.getEntriesByName("grid-painted").length > 0);

    const tabs = page.getByRole("tablist", { name: "Блоки" });
    const grid = page.getByRole("region", { name: "Шахматка квартир" });
    await expect(tabs.getByRole("tab", { name: "Блок A" })).toHaveAttribute(
      "aria-selected",
      "true",
    );
    await expect(grid.getByRole("heading", { name: "Блок A" })).toBeVisible();
    await expect(grid.getByRole("heading", { name: "Блок B" })).toHaveCount(0);

    await tabs.getByRole("tab", { name: "Блок B" }).click();
    await expect(page).toHaveURL(/[?&]block=B/);
    await expect(grid.getByRole("heading", { name: "Блок B" })).toBeVisible();
    await expect(grid.getByRole("heading", { name: "Блок A" })).toHaveCount(0);
    // Keyboard: the arrow key moves to the next tab, "all blocks".
    await tabs.getByRole("tab", { name: "Блок B" }).press("ArrowRight");
    await expect(page).toHaveURL(/[?&]block=all/);
    await expect(grid.getByRole("heading", { name: "Блок A" })).toBeVisible();
    await expect(grid.getByRole("heading", { name: "Блок B" })).toBeVisible();
    await tabs.getByRole("tab", { name: "Блок B" }).click();

    const list = page.getByRole("region", { name: "Список квартир" });
    const table = list.getByRole("table");
    const priceHeading = table.getByRole("columnheader", { name: "Цена", exact: true });
    await expect(priceHeading).toHaveAttribute("aria-sort", "ascending");
    const ascending = await pricesIn(table, 5);
    expect(ascending.length).toBeGreaterThan(1);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await expect(table.locator("tbody tr").first()).toContainText("B-");

    await priceHeading.getByRole("button").click();
    await expect(priceHeading).toHaveAttribute("aria-sort", "descending");
    const descending = await pricesIn(table, 5);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    expect(descending[0]).toBeGreaterThan(ascending[0]!);

    // Price per m² on the cells when asked; a row opens the same flat drawer as a cell.
    // The box follows the URL, which changes a moment after the click.
    const perM2 = page.getByLabel("Цена за м² в клетках");
    await perM2.click();
    await expect(perM2).toBeChecked();
    await expect(page).toHaveURL(/[?&]perM2=1/);
    await expect(grid.locator(".flat-cell__price").first()).toContainText("/м²");
    const first = table.locator("tbody tr").first();
    const number = (await first.locator("td").first().innerText()).trim();
    await first.locator("td").nth(2).click();
    await expect(page.getByRole("dialog", { name: `Квартира ${number}` })).toBeVisible();
  });
});

test.describe("on a phone", () => {
  test("the grid with its list and the flat picker fit 390 px without sideways page scroll", async ({
    browser,
  }) => {
    const page = await newPage(browser, { width: 390, height: 844 });
    await logIn(page, "seller");
    const leadId = await createLead(page, `Телефон ${Date.now()}`);
    const fitsWidth = () =>
      page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

    await page.goto("/complexes");
    await page.getByRole("link", { name: "ЖК Samarqand Darvoza" }).click();
    await expect(page.getByRole("tab", { name: "Блок 1" })).toBeVisible();
    const list = page.getByRole("region", { name: "Список квартир" });
    // The sort buttons stay reachable when rows become cards.
    await expect(list.getByRole("button", { name: "Цена", exact: true })).toBeVisible();
    expect(await fitsWidth()).toBe(true);

    await page.goto(`/leads/${leadId}/pick-flat`);
    await expect(
      page.getByRole("button", { name: "Забронировать для этого лида" }).first(),
    ).toBeVisible();
    expect(await fitsWidth()).toBe(true);
    await page.context().close();
  });
});
