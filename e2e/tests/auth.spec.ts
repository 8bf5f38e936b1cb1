import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";

const PASSWORD = "demo12345";

async function logIn(page: Page, login: string) {
  await page.goto("/login");
  await page.getByLabel("Логин").fill(login);
  await page.getByLabel("Пароль").fill(PASSWORD);
  await page.getByRole("button", { name: "Войти" }).click();
}

test.describe("signing in and out", () => {
  test("a seller logs in, sees the seller dashboard and logs out", async ({ page }) => {
    await logIn(page, "seller");

    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { level: 1, name: "Панель продажника" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Основная навигация" })).toBeVisible();

    await page.getByRole("button", { name: "Выйти" }).click();

    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("heading", { level: 1, name: "Вход" })).toBeVisible();
    await expect(page.getByLabel("Логин")).toBeVisible();
  });

  test("after logout /dashboard redirects to the login page", async ({ page }) => {
    await logIn(page, "seller");
    await expect(page.getByRole("heading", { level: 1, name: "Панель продажника" })).toBeVisible();
    await page.getByRole("button", { name: "Выйти" }).click();
    await expect(page).toHaveURL(/\/login$/);

    await page.goto("/dashboard");

    await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
    await expect(page.getByRole("button", { name: "Войти" })).toBeVisible();
  });

  test("a wrong password shows an error and stays on the login page", async ({ page }) => {
    await page.goto("/login");
    // An account nobody else uses: failed attempts count towards locking that login.
    await page.getByLabel("Логин").fill("no.such.user");
    await page.getByLabel("Пароль").fill("not-the-password");
    await page.getByRole("button", { name: "Войти" }).click();

    await expect(page.getByRole("alert")).toHaveText("Неверный логин или пароль.");
    await expect(page).toHaveURL(/\/login/);
  });

  test("an admin sees the users table with the seller in it", async ({ page }) => {
    await logIn(page, "admin");
    await expect(
      page.getByRole("heading", { level: 1, name: "Панель администратора" }),
    ).toBeVisible();

    await page
      .getByRole("navigation", { name: "Основная навигация" })
      .getByRole("link", { name: "Пользователи" })
      .click();

    await expect(page).toHaveURL(/\/admin\/users$/);
    const table = page.getByRole("table", { name: "Пользователи" });
    await expect(table.getByRole("cell", { name: "seller", exact: true })).toBeVisible();
  });

  test("a seller opening the users page sees the Forbidden page", async ({ page }) => {
    await logIn(page, "seller");
    await expect(page.getByRole("heading", { level: 1, name: "Панель продажника" })).toBeVisible();

    await page.goto("/admin/users");

    await expect(page.getByRole("heading", { level: 1, name: "Доступ запрещён" })).toBeVisible();
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the navigation folds into the menu button", async ({ page }) => {
    await logIn(page, "seller");
    await expect(page.getByRole("heading", { level: 1, name: "Панель продажника" })).toBeVisible();

    const nav = page.getByRole("navigation", { name: "Основная навигация" });
    const menu = page.getByRole("button", { name: "Меню" });
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");

    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await nav.getByRole("link", { name: "Лиды" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Лиды" })).toBeVisible();
    await expect(nav).toBeHidden();
  });
});
