import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { logIn, newPage, uniquePhone } from "./support";

/** A lead with a budget in сум, made through the API with the page's session. */
async function createLeadWithBudget(page: Page, fullName: string, budgetSum: number) {
  const created = await page.request.post("/api/leads", {
    data: {
      fullName,
      phone: uniquePhone(),
      source: "PHONE",
      budget: budgetSum * 100,
      budgetCurrency: "UZS",
    },
  });
  expect(created.status()).toBe(201);
}

test.describe("leads at scale", () => {
  test("a sales manager reassigns two selected leads, saves the filter, re-applies it and sees the board's sums", async ({
    page,
  }) => {
    test.slow();
    const stamp = String(Date.now());
    const first = `Массовый ${stamp} Первый`;
    const second = `Массовый ${stamp} Второй`;
    await logIn(page, "mop");
    await createLeadWithBudget(page, first, 100_000_000);
    await createLeadWithBudget(page, second, 150_000_000);

    await page.goto(`/leads?q=${stamp}`);
    await expect(page.getByRole("status").filter({ hasText: /^Найдено: 2$/ })).toBeVisible();
    const table = page.getByRole("table");
    await expect(table.getByRole("link", { name: first })).toBeVisible();
    await expect(table.getByRole("link", { name: second })).toBeVisible();

    // Tick both leads one by one; "select all" then reads as checked.
    await page.getByRole("checkbox", { name: `Выбрать: ${first}` }).check();
    await page.getByRole("checkbox", { name: `Выбрать: ${second}` }).check();
    await expect(
      page.getByRole("checkbox", { name: "Выбрать все лиды на странице" }),
    ).toBeChecked();
    const bar = page.getByRole("region", { name: "Действия с выбранными лидами" });
    await expect(bar).toContainText("Выбрано: 2");

    await bar.getByLabel("Новый ответственный").selectOption({ label: "Жасур Рахимов" });
    await bar.getByRole("button", { name: "Передать" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Выполнено: 2. Отказано: 0." }),
    ).toBeVisible();
    await expect(bar).toBeHidden();
    for (const name of [first, second]) {
      await expect(table.getByRole("row").filter({ hasText: name })).toContainText("Жасур Рахимов");
    }

    // Save the filtered view, leave it, and bring it back from the saved filters.
    await page.getByRole("button", { name: "Сохранить фильтр" }).click();
    const dialog = page.getByRole("dialog", { name: "Сохранить фильтр" });
    await dialog.getByLabel("Название фильтра").fill(`Массовые ${stamp}`);
    await dialog.getByRole("button", { name: "Сохранить", exact: true }).click();
    await expect(
      page.getByRole("status").filter({ hasText: `Фильтр «Массовые ${stamp}» сохранён.` }),
    ).toBeVisible();

    await page.goto("/leads");
    await expect(page.getByRole("status").filter({ hasText: /^Найдено: 2$/ })).toBeHidden();
    await page
      .getByRole("combobox", { name: "Сохранённые фильтры" })
      .selectOption({ label: `Массовые ${stamp}` });
    await expect(page).toHaveURL(new RegExp(`[?&]q=${stamp}`));
    await expect(page.getByRole("status").filter({ hasText: /^Найдено: 2$/ })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "Поиск" })).toHaveValue(stamp);

    // The board keeps the filter; the "New" column counts both and sums their budgets.
    await page.getByRole("link", { name: "Канбан" }).click();
    await expect(page).toHaveURL(new RegExp(`/leads/board\\?q=${stamp}`));
    const column = page.getByRole("region", { name: "Новый", exact: true });
    await expect(column.getByLabel("Лидов в колонке")).toHaveText("2");
    await expect(column.getByLabel("Сумма бюджетов в колонке")).toHaveText(/^250\s000\s000 UZS$/);
    await expect(column.getByRole("link", { name: first })).toBeVisible();
    await expect(column.getByText("В этапе: 0 дн.").first()).toBeVisible();
    await expect(
      page.getByRole("region", { name: "В работе", exact: true }).getByLabel("Лидов в колонке"),
    ).toHaveText("0");
  });

  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1440, height: 900 },
  ]) {
    test(`at ${viewport.width} px the list with a selection, its filters and the board fit the screen`, async ({
      browser,
    }) => {
      const page = await newPage(browser, viewport);
      const stamp = String(Date.now());
      await logIn(page, "mop");
      await createLeadWithBudget(page, `Широкий ${stamp} ${"ё".repeat(40)}`, 950_000_000_000);
      await page.goto(`/leads?q=${stamp}`);
      await expect(page.getByRole("status").filter({ hasText: /^Найдено: 1$/ })).toBeVisible();
      await page.getByRole("checkbox", { name: "Выбрать все лиды на странице" }).check();
      await expect(
        page.getByRole("region", { name: "Действия с выбранными лидами" }),
      ).toBeVisible();
      const toggle = page.getByRole("button", { name: /^Фильтры/ });
      if (await toggle.isVisible()) await toggle.click();
      await expect(page.getByLabel("Бюджет от")).toBeVisible();
      expect(await layoutBreaks(page)).toEqual([]);

      await page.goto(`/leads/board?q=${stamp}`);
      await expect(
        page.getByRole("region", { name: "Новый", exact: true }).getByLabel("Лидов в колонке"),
      ).toHaveText("1");
      expect(await layoutBreaks(page)).toEqual([]);
      await page.context().close();
    });
  }
});

/** The page scrolling sideways, or visible buttons past the screen's right edge. */
async function layoutBreaks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth > width) {
      found.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const element of document.querySelectorAll<HTMLElement>("button, select, input")) {
      if (!element.checkVisibility({ visibilityProperty: true })) continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 1) {
        found.push(
          `cut off: ${element.tagName} ${(element.textContent ?? "").trim().slice(0, 30)}`,
        );
      }
    }
    return found;
  });
}
