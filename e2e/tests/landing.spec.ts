import { expect, test } from "@playwright/test";
import { logIn, newPage, uniquePhone } from "./support";

/** A published demo complex (see the demo data). */
const SLUG = "olmazor-city";

test.describe("a complex's landing page", () => {
  test("an anonymous visitor on a phone filters flats and leaves a request; an admin sees the lead", async ({
    browser,
    page,
  }) => {
    const visitor = await newPage(browser, { width: 390, height: 844 });
    await visitor.goto(`/c/${SLUG}`);
    await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();
    const found = visitor.getByTestId("found");
    const all = Number((await found.textContent())?.match(/\d+/)?.[0]);
    expect(all).toBeGreaterThan(0);

    // Filter: two rooms. The page fits the phone, with no sideways scroll.
    await visitor.getByLabel("Комнат").selectOption("2");
    await visitor.getByRole("button", { name: "Показать" }).click();
    await expect(visitor).toHaveURL(/rooms=2/);
    const twoRooms = Number((await found.textContent())?.match(/\d+/)?.[0]);
    expect(twoRooms).toBeGreaterThan(0);
    expect(twoRooms).toBeLessThan(all);
    await expect(visitor.locator(".flat").first()).toContainText("2-комн.");
    await expect(visitor.locator(".flat").first()).toContainText("за м²");
    const widths = await visitor.evaluate(() => [
      document.documentElement.scrollWidth,
      window.innerWidth,
    ]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);

    // The request: consent is required by the browser too, so tick it.
    const name = `Лендинг ${Date.now()}`;
    await visitor.getByLabel("Ваше имя").fill(name);
    await visitor.getByLabel("Телефон").fill(uniquePhone());
    await visitor.getByLabel(/Согласен на обработку/).check();
    await visitor.getByRole("button", { name: "Отправить" }).click();
    await expect(visitor.getByRole("status").filter({ hasText: "Заявка принята" })).toBeVisible();
    await visitor.context().close();

    await logIn(page, "admin");
    await page.goto(`/leads?q=${encodeURIComponent(name)}`);
    await expect(page.getByText(name).first()).toBeVisible();
  });

  test("speaks Uzbek, and answers 404 for a complex that is not public", async ({ page }) => {
    await page.goto(`/c/${SLUG}?lang=uz`);
    await expect(page.getByRole("heading", { name: "Bo'sh xonadonlar" })).toBeVisible();
    const missing = await page.goto("/c/no-such-complex");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Комплекс не найден" })).toBeVisible();
  });
});
