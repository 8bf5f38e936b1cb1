import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { logIn, newPage } from "./support";

/** This month in the browser's calendar, as the pages pick it by default. */
function thisMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}

async function planFactRow(page: Page, category: string) {
  await page.goto("/expenses?tab=budgets");
  const table = page.getByTestId("plan-fact");
  await expect(table).toBeVisible();
  return table.getByRole("row").filter({ hasText: category });
}

test.describe("back office", () => {
  test("the head of sales enters an expense and sees plan vs fact change", async ({ page }) => {
    test.slow();
    const category = `Таргет ${Date.now()}`;
    await logIn(page, "rop");
    const created = await page.request.post("/api/expense-categories", {
      data: { name: category },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const budget = await page.request.put("/api/budgets", {
      data: { categoryId: id, month: thisMonth(), planned: 900_00, currency: "UZS" },
    });
    expect(budget.status()).toBe(200);

    const before = await planFactRow(page, category);
    await expect(before.getByRole("cell").nth(2)).toHaveText("900 UZS");
    await expect(before.getByRole("cell").nth(3)).toHaveText("0 UZS");

    await page.goto("/expenses");
    const form = page.getByRole("form", { name: "Новый расход" });
    await form.getByLabel("Категория").selectOption({ label: category });
    await form.getByLabel("Сумма").fill("250");
    await form.getByLabel("Рекламный канал").selectOption({ label: "Instagram" });
    await form.getByRole("button", { name: "Добавить расход" }).click();
    await expect(page.getByText("Расход добавлен.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: category }).first()).toContainText(
      "250 UZS",
    );

    const after = await planFactRow(page, category);
    await expect(after.getByRole("cell").nth(3)).toHaveText("250 UZS");
    await expect(after.getByRole("cell").nth(4)).toHaveText("650 UZS");
  });

  test("a staff member checks in and out, and the manager sees the day in the timesheet", async ({
    page,
    browser,
  }) => {
    test.slow();
    await logIn(page, "seller2");
    await navigationLink(page, "Посещаемость").click();
    await expect(page.getByRole("heading", { level: 1, name: "Посещаемость" })).toBeVisible();
    await page.getByRole("button", { name: "Отметить приход" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Приход в" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Отметить приход" })).toHaveCount(0);
    await page.getByRole("button", { name: "Отметить уход" }).click();
    await expect(page.getByText("Рабочий день отмечен.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Отметить уход" })).toHaveCount(0);
    // A second check-in the same day is refused by the API itself.
    expect((await page.request.post("/api/attendance/check-in")).status()).toBe(409);

    const mop = await newPage(browser);
    await logIn(mop, "mop");
    await mop.goto("/attendance");
    const sheet = mop.getByRole("region", { name: "Табель" });
    const row = sheet.getByRole("row").filter({ hasText: "Жасур Рахимов" });
    await expect(row.getByRole("cell").nth(1)).toHaveText("1");
    await row.getByRole("button", { name: "Жасур Рахимов" }).click();
    const days = mop.getByRole("region", { name: "Дни: Жасур Рахимов" });
    await expect(days.getByRole("button", { name: "Исправить" })).toHaveCount(1);
    await expect(mop.getByRole("link", { name: "Скачать CSV" })).toHaveAttribute(
      "href",
      `/api/attendance/timesheet.csv?month=${thisMonth()}`,
    );
    await mop.context().close();
  });

  test("the back-office pages fit a 390 px phone", async ({ browser }) => {
    test.slow();
    const phone = await newPage(browser, { width: 390, height: 844 });
    await logIn(phone, "admin");
    for (const path of [
      "/expenses",
      "/expenses?tab=budgets",
      "/expenses?tab=roi",
      "/expenses?tab=categories",
      "/expenses?tab=rates",
      "/payments",
      "/attendance",
    ]) {
      await phone.goto(path);
      await expect(phone.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(phone.getByText("Загрузка…")).toHaveCount(0);
      const overflow = await phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect({ path, overflow }).toEqual({ path, overflow: 0 });
    }
    await phone.context().close();
  });
});

function navigationLink(page: Page, name: string) {
  return page.getByRole("navigation", { name: "Основная навигация" }).getByRole("link", { name });
}
