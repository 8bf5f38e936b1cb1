import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { logIn, newPage, openBoardFor, uniquePhone } from "./support";

async function createLead(page: Page, fullName: string, phone: string) {
  await page
    .getByRole("navigation", { name: "Основная навигация" })
    .getByRole("link", { name: "Лиды" })
    .click();
  await page.getByRole("link", { name: "Новый лид" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Новый лид" })).toBeVisible();
  await page.getByLabel("Имя клиента").fill(fullName);
  await page.getByLabel("Телефон").fill(phone);
  await page.getByLabel("Источник").selectOption({ label: "Instagram" });
  await page.getByRole("button", { name: "Создать лид" }).click();
}

test.describe("working with leads", () => {
  test("a seller creates a lead, comments, schedules a call and moves it to a meeting; another seller cannot open it", async ({
    page,
    browser,
  }) => {
    // Two people and a dozen steps through the UI: more than the default budget on a busy machine.
    test.slow();
    const stamp = Date.now();
    const fullName = `Тест Клиент ${stamp}`;
    await logIn(page, "seller");

    await createLead(page, fullName, uniquePhone());
    await expect(page).toHaveURL(/\/leads\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: fullName })).toBeVisible();
    const leadUrl = new URL(page.url()).pathname;
    const history = page.getByRole("list", { name: "История лида" });
    await expect(history).toContainText("Лид создан, статус: Новый");

    await page
      .getByLabel("Комментарий", { exact: true })
      .fill("Интересуется двухкомнатной квартирой");
    await page.getByRole("button", { name: "Добавить комментарий" }).click();
    await expect(history).toContainText("Интересуется двухкомнатной квартирой");

    await page.getByLabel("Когда перезвонить").fill("2030-05-20T11:00");
    await page.getByLabel("Заметка к звонку").fill("Уточнить бюджет");
    await page.getByRole("button", { name: "Запланировать звонок" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Звонок запланирован" })).toBeVisible();
    await expect(history).toContainText("Уточнить бюджет");

    await openBoardFor(page, fullName);
    const card = page.getByRole("link", { name: fullName });
    await expect(
      page
        .getByRole("region", { name: "Новый", exact: true })
        .getByRole("link", { name: fullName }),
    ).toBeVisible();
    await page.getByLabel(`Переместить «${fullName}»`).selectOption("MEETING");
    await expect(
      page
        .getByRole("region", { name: "Встреча", exact: true })
        .getByRole("link", { name: fullName }),
    ).toBeVisible();
    await expect(
      page
        .getByRole("region", { name: "Новый", exact: true })
        .getByRole("link", { name: fullName }),
    ).toHaveCount(0);

    await card.click();
    await expect(page).toHaveURL(new RegExp(`${leadUrl}$`));
    await expect(page.getByLabel("Статус", { exact: true })).toHaveValue("MEETING");
    await expect(history).toContainText("Статус: Новый → Встреча");

    const other = await newPage(browser);
    await logIn(other, "seller2");
    await other.goto(leadUrl);
    await expect(other.getByRole("heading", { level: 1, name: "Лид не найден" })).toBeVisible();
    await other.context().close();
  });

  test("a second lead with the same phone is refused with a link to the first", async ({
    page,
  }) => {
    const stamp = Date.now();
    const phone = uniquePhone();
    await logIn(page, "seller");
    await createLead(page, `Первый ${stamp}`, phone);
    await expect(page.getByRole("heading", { level: 1, name: `Первый ${stamp}` })).toBeVisible();
    const firstUrl = new URL(page.url()).pathname;

    await createLead(page, `Второй ${stamp}`, phone);

    await expect(
      page.getByRole("alert").filter({ hasText: "У вас уже есть этот лид." }),
    ).toBeVisible();
    await expect(page.getByText("Этот телефон уже есть в базе.")).toBeVisible();
    await page.getByRole("link", { name: "Открыть существующий лид" }).click();
    await expect(page).toHaveURL(new RegExp(`${firstUrl}$`));
  });

  test("moving a lead to LOST on the board asks for the reason", async ({ page }) => {
    test.slow();
    const stamp = Date.now();
    const fullName = `Отказник ${stamp}`;
    await logIn(page, "seller");
    await createLead(page, fullName, uniquePhone());
    await expect(page.getByRole("heading", { level: 1, name: fullName })).toBeVisible();

    await openBoardFor(page, fullName);
    await page.getByLabel(`Переместить «${fullName}»`).selectOption("LOST");
    const dialog = page.getByRole("dialog", { name: `Отказ: ${fullName}` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Отметить отказ" }).click();
    await expect(dialog.getByText("Обязательное поле.")).toBeVisible();
    await dialog.getByLabel("Причина отказа").fill("Выбрал другой ЖК");
    await dialog.getByRole("button", { name: "Отметить отказ" }).click();

    await expect(dialog).toBeHidden();
    const lost = page.getByRole("region", { name: "Отказ", exact: true });
    await expect(lost.getByRole("link", { name: fullName })).toBeVisible();
    await expect(lost.getByText("Выбрал другой ЖК")).toBeVisible();
  });
});

test.describe("leads on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the list shows each lead as a card that opens the lead", async ({ page }) => {
    await logIn(page, "seller");
    await page.goto("/leads");
    const table = page.getByRole("table", { name: "Лиды" });
    const firstLead = table.getByRole("link").first();
    await expect(firstLead).toBeVisible();
    // Cards, not columns: the table fits the screen instead of scrolling sideways.
    const box = await table.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(360);
    const name = (await firstLead.textContent()) ?? "";
    await firstLead.click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  });
});

test.describe("statistics", () => {
  test("a sales manager sees conversion, the funnel and the period chart, with the range in the URL", async ({
    page,
  }) => {
    await logIn(page, "mop");
    await page
      .getByRole("navigation", { name: "Основная навигация" })
      .getByRole("link", { name: "Статистика" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Статистика" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Ключевые показатели" })).toContainText(
      "Конверсия",
    );
    await expect(page.getByRole("heading", { name: "Воронка" })).toBeVisible();
    await expect(page.getByRole("img", { name: /Периодов/ })).toBeVisible();

    await page.getByRole("button", { name: "Недели" }).click();
    await expect(page).toHaveURL(/period=week/);
    await page.getByRole("button", { name: "90 дней" }).click();
    await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}/);
    await expect(page).toHaveURL(/to=\d{4}-\d{2}-\d{2}/);
    await expect(page.getByRole("table", { name: "По продажникам" })).toBeVisible();
  });

  test("a seller cannot open the statistics page", async ({ page }) => {
    await logIn(page, "seller");
    await page.goto("/stats");
    await expect(page.getByRole("heading", { level: 1, name: "Доступ запрещён" })).toBeVisible();
  });
});
