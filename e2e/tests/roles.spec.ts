import { expect, test } from "@playwright/test";
import { logIn } from "./support";

interface DemoUser {
  login: string;
  dashboard: string;
  /** The side navigation, in order: everything the role may open and nothing else. */
  nav: string[];
  /** What /leads offers: create leads, only read them, or nothing (Forbidden). */
  leads: "write" | "read" | "none";
}

const DEMO_USERS: DemoUser[] = [
  {
    login: "admin",
    dashboard: "Панель администратора",
    nav: [
      "Главная",
      "Лиды",
      "Статистика",
      "Квартиры",
      "Сделки",
      "Платежи",
      "Финансы",
      "Просрочки",
      "Расходы",
      "Посещаемость",
      "Пользователи",
      "Настройки",
      "Журнал действий",
      "Фоновые задачи",
      "Розыгрыши",
      "Маркетинг",
      "Мои выгрузки",
      "Профиль",
    ],
    leads: "write",
  },
  {
    login: "seller",
    dashboard: "Панель продажника",
    nav: ["Главная", "Лиды", "Квартиры", "Сделки", "Посещаемость", "Мои выгрузки", "Профиль"],
    leads: "write",
  },
  {
    login: "seller2",
    dashboard: "Панель продажника",
    nav: ["Главная", "Лиды", "Квартиры", "Сделки", "Посещаемость", "Мои выгрузки", "Профиль"],
    leads: "write",
  },
  {
    login: "mop",
    dashboard: "Панель МОП",
    nav: [
      "Главная",
      "Лиды",
      "Статистика",
      "Квартиры",
      "Сделки",
      "Просрочки",
      "Посещаемость",
      "Мои выгрузки",
      "Профиль",
    ],
    leads: "write",
  },
  {
    login: "rop",
    dashboard: "Панель РОП",
    nav: [
      "Главная",
      "Лиды",
      "Статистика",
      "Квартиры",
      "Сделки",
      "Платежи",
      "Финансы",
      "Просрочки",
      "Расходы",
      "Посещаемость",
      "Мои выгрузки",
      "Профиль",
    ],
    leads: "read",
  },
  {
    login: "finance",
    dashboard: "Панель финансиста",
    nav: [
      "Главная",
      "Квартиры",
      "Сделки",
      "Платежи",
      "Финансы",
      "Просрочки",
      "Расходы",
      "Посещаемость",
      "Мои выгрузки",
      "Профиль",
    ],
    leads: "none",
  },
];

test.describe("each demo user sees their own role", () => {
  for (const user of DEMO_USERS) {
    test(`${user.login}: dashboard, navigation and lead access`, async ({ page }) => {
      await logIn(page, user.login);

      await expect(page.getByRole("heading", { level: 1, name: user.dashboard })).toBeVisible();
      const nav = page.getByRole("navigation", { name: "Основная навигация" });
      await expect(nav.getByRole("link")).toHaveText(user.nav);

      await page.goto("/leads");
      if (user.leads === "none") {
        await expect(
          page.getByRole("heading", { level: 1, name: "Доступ запрещён" }),
        ).toBeVisible();
      } else {
        await expect(page.getByRole("heading", { level: 1, name: "Лиды" })).toBeVisible();
        await expect(page.getByRole("table", { name: "Лиды" })).toBeVisible();
        await expect(page.getByRole("link", { name: "Новый лид" })).toHaveCount(
          user.leads === "write" ? 1 : 0,
        );
      }

      await page.getByRole("button", { name: "Выйти" }).click();
      await expect(page).toHaveURL(/\/login$/);
      await expect(page.getByRole("heading", { level: 1, name: "Вход" })).toBeVisible();
    });
  }
});

test.describe("lead owners", () => {
  test("a sales manager picks owners by name when creating and reassigning a lead", async ({
    page,
  }) => {
    const fullName = `Передача ${Date.now()}`;
    await logIn(page, "mop");
    await page.goto("/leads/new");
    await page.getByLabel("Имя клиента").fill(fullName);
    await page.getByLabel("Телефон").fill(`+99894${String(Date.now()).slice(-7)}`);

    const owner = page.getByLabel("Ответственный", { exact: true });
    await expect(owner.getByRole("option", { name: "Жасур Рахимов" })).toBeAttached();
    await expect(owner.getByRole("option", { name: /по ID/ })).toHaveCount(0);
    await owner.selectOption({ label: "Жасур Рахимов" });
    await page.getByRole("button", { name: "Создать лид" }).click();

    await expect(page.getByRole("heading", { level: 1, name: fullName })).toBeVisible();
    await expect(page.getByText("Ответственный: Жасур Рахимов")).toBeVisible();

    const target = page.getByLabel("Новый ответственный");
    // The current owner is not offered again.
    await expect(target.getByRole("option", { name: "Жасур Рахимов" })).toHaveCount(0);
    await target.selectOption({ label: "Дилноза Юсупова" });
    await page.getByRole("button", { name: "Передать", exact: true }).click();

    await expect(page.getByText("Лид передан: Дилноза Юсупова.")).toBeVisible();
    await expect(page.getByRole("list", { name: "История лида" })).toContainText(
      "Ответственный: Жасур Рахимов → Дилноза Юсупова",
    );
  });
});
