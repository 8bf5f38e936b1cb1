import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import {
  bookFreeFlat,
  createLead,
  draftDeal,
  logIn,
  moneyInput,
  newPage,
  percentOfWhole,
} from "./support";

// Demo settings: a seller may give up to 3 % off the list price without approval, and a down
// payment is at least 10 % of the price.

test.describe("price policy", () => {
  test("a discount above the seller's limit waits for the head of sales; signing opens once approved", async ({
    page,
    browser,
  }) => {
    test.slow();
    const fullName = `Скидка ${Date.now()}`;
    await logIn(page, "seller");
    const leadId = await createLead(page, fullName);
    const flat = await bookFreeFlat(page, leadId);

    await page.goto(`/deals/new?leadId=${leadId}`);
    await expect(page.getByRole("heading", { level: 1, name: "Новый договор" })).toBeVisible();
    await expect(page.getByText("Цена по прайсу, без скидки.")).toBeVisible();

    // 5 % off the list: the form says so while typing, and that the contract will wait.
    const price = flat.price - percentOfWhole(flat.price, 5);
    await page.getByLabel("Цена договора, UZS").fill(moneyInput(price));
    await expect(page.getByText(/^Скидка от цены по прайсу: 5\s?%/)).toBeVisible();
    await expect(
      page.getByText(/договор будет ждать утверждения руководителем отдела продаж/),
    ).toBeVisible();

    // The smallest down payment and the start-date grace come from the served settings.
    const downPayment = page.getByLabel("Первоначальный взнос, UZS");
    await downPayment.fill(moneyInput(percentOfWhole(price, 5)));
    await expect(
      page.getByText(/Первоначальный взнос должен быть не меньше 10\s?% цены/),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Создать договор" })).toBeDisabled();
    await page.getByRole("button", { name: "20%" }).click();
    const start = page.getByLabel("Дата подписания");
    const today = await start.inputValue();
    await start.fill(dayBefore(today, 30));
    await expect(
      page.getByText(/Дата подписания может быть не раньше чем 7 дн\. назад/),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Создать договор" })).toBeDisabled();
    await start.fill(today);

    await page.getByRole("button", { name: "Создать договор" }).click();
    await expect(page).toHaveURL(/\/deals\/\d+$/);
    const dealPath = new URL(page.url()).pathname;
    await expect(page.getByRole("status").filter({ hasText: "Ждёт утверждения." })).toBeVisible();
    await expect(page.getByRole("term").filter({ hasText: /^Скидка$/ })).toBeVisible();
    const sign = page.getByRole("button", { name: "Подписать договор" });
    await expect(sign).toBeDisabled();
    await expect(sign).toHaveAccessibleDescription(/ждёт утверждения цены/);
    // The API refuses it too, whatever the page shows.
    expect((await page.request.post(`/api${dealPath}/sign`)).status()).toBe(409);

    const rop = await newPage(browser);
    await logIn(rop, "rop");
    await rop.getByRole("link", { name: /На утверждении/ }).click();
    await expect(rop).toHaveURL(/\/deals\?approval=PENDING$/);
    await expect(rop.getByRole("checkbox", { name: "Ждут утверждения" })).toBeChecked();
    await rop
      .getByRole("table", { name: "Договоры" })
      .getByRole("row")
      .filter({ hasText: fullName })
      .getByRole("link")
      .click();
    await expect(rop).toHaveURL(new RegExp(`${dealPath}$`));
    await rop.getByRole("button", { name: "Утвердить", exact: true }).click();
    const approve = rop.getByRole("dialog", { name: /^Утвердить цену договора/ });
    await approve.getByLabel("Комментарий (необязательно)").fill("Клиент платит быстрее");
    await approve.getByRole("button", { name: "Утвердить", exact: true }).click();
    await expect(approve).toBeHidden();
    await expect(rop.getByRole("status").filter({ hasText: "Цена утверждена." })).toContainText(
      "Бахтиёр Турсунов",
    );
    await expect(rop.getByRole("button", { name: "Утвердить", exact: true })).toHaveCount(0);
    await rop.context().close();

    await page.reload();
    await expect(page.getByRole("status").filter({ hasText: "Цена утверждена." })).toContainText(
      "Клиент платит быстрее",
    );
    await page.getByRole("button", { name: "Подписать договор" }).click();
    await page
      .getByRole("dialog", { name: "Подписать договор?" })
      .getByRole("button", { name: "Подписать", exact: true })
      .click();
    await expect(page.getByRole("status").filter({ hasText: "Договор подписан" })).toBeVisible();
  });
});

test.describe("receipts", () => {
  test("finance takes a lump sum that pays two instalments, then reverses one with a reason and it is owed again", async ({
    page,
    browser,
  }) => {
    test.slow();
    const fullName = `Рассрочка ${Date.now()}`;
    await logIn(page, "seller");
    const leadId = await createLead(page, fullName);
    const flat = await bookFreeFlat(page, leadId);
    const deal = await draftDeal(page, leadId, {
      downPayment: percentOfWhole(flat.price, 20),
      installmentMonths: 6,
    });
    const [down, first] = deal.schedule;
    expect(down && first).toBeTruthy();

    const finance = await newPage(browser);
    await logIn(finance, "finance");
    await finance.goto(`/deals/${deal.id}`);
    await finance.getByRole("button", { name: "Принять платёж" }).click();
    const form = finance.getByRole("dialog", { name: `Платёж по договору ${deal.number}` });
    await expect(form).toContainText("гасит самые ранние неоплаченные платежи");
    const amount = form.getByLabel("Получено, UZS");

    // More than the contract owes is refused, and the remainder is named.
    await amount.fill(moneyInput(deal.outstanding + 100));
    await form.getByRole("button", { name: "Сохранить оплату" }).click();
    await expect(form.getByRole("alert")).toContainText("Это больше долга по договору");

    await amount.fill(moneyInput(down!.amount + first!.amount));
    await form.getByLabel("Способ оплаты").selectOption({ label: "Банковский перевод" });
    await form.getByLabel("Комментарий (необязательно)").fill("Перевод за два месяца");
    await form.getByRole("button", { name: "Сохранить оплату" }).click();
    await expect(form).toBeHidden();
    await expect(
      finance.getByRole("status").filter({ hasText: "погашено платежей графика: 2" }),
    ).toBeVisible();

    const schedule = finance.getByRole("table", { name: "График платежей" });
    const downRow = schedule.getByRole("row", { name: /^Первоначальный взнос/ });
    const firstRow = schedule.getByRole("row", { name: /^Платёж 1 из 6/ });
    await expect(downRow.getByText("Оплачен", { exact: true })).toBeVisible();
    await expect(firstRow.getByText("Оплачен", { exact: true })).toBeVisible();
    const receipts = finance.getByRole("table", { name: "Поступления" });
    // Header and one receipt per instalment paid, under one number.
    await expect(receipts.getByRole("row")).toHaveCount(3);
    await expect(receipts).toContainText("Малика Саидова");

    await receipts
      .getByRole("button", { name: /^Сторнировать квитанцию .*: Платёж 1 из 6$/ })
      .click();
    const reverse = finance.getByRole("dialog", { name: /^Сторнировать квитанцию/ });
    await reverse.getByRole("button", { name: "Сторнировать", exact: true }).click();
    await expect(reverse.getByText("Не меньше 3 символов.")).toBeVisible();
    await reverse.getByLabel("Причина сторнирования").fill("Деньги пришли по другому договору");
    await reverse.getByRole("button", { name: "Сторнировать", exact: true }).click();
    await expect(reverse).toBeHidden();

    await expect(firstRow.getByText("Ожидается", { exact: true })).toBeVisible();
    await expect(downRow.getByText("Оплачен", { exact: true })).toBeVisible();
    const reversedRow = receipts.getByRole("row").filter({ hasText: "Платёж 1 из 6" });
    await expect(reversedRow).toContainText("Сторнирована");
    await expect(reversedRow).toContainText("Причина: Деньги пришли по другому договору");
    await expect(
      receipts.getByRole("button", { name: /^Сторнировать квитанцию .*: Платёж 1 из 6$/ }),
    ).toHaveCount(0);
    await expect(
      finance.getByRole("button", { name: "Внести оплату: Платёж 1 из 6" }),
    ).toBeVisible();
    await finance.context().close();
  });
});

test.describe("contracts on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the wizard, a contract waiting for approval and its receipts fit the screen", async ({
    page,
    browser,
  }) => {
    test.slow();
    await logIn(page, "seller");
    const leadId = await createLead(page, `Телефон ${Date.now()}`);
    const flat = await bookFreeFlat(page, leadId);
    await page.goto(`/deals/new?leadId=${leadId}`);
    await expect(page.getByRole("table", { name: "Предварительный график" })).toBeVisible();
    await expectNoSidewaysScroll(page);

    const price = flat.price - percentOfWhole(flat.price, 5);
    const deal = await draftDeal(page, leadId, {
      price,
      downPayment: percentOfWhole(price, 20),
      installmentMonths: 6,
    });
    await page.goto(`/deals/${deal.id}`);
    await expect(page.getByRole("status").filter({ hasText: "Ждёт утверждения." })).toBeVisible();
    await expect(page.getByRole("button", { name: "Подписать договор" })).toBeInViewport();
    await expectNoSidewaysScroll(page);

    const finance = await newPage(browser, { width: 390, height: 844 });
    await logIn(finance, "finance");
    const [down] = deal.schedule;
    const paid = await finance.request.post(`/api/deals/${deal.id}/receipts`, {
      data: { amount: down!.amount, method: "CASH" },
    });
    expect(paid.status()).toBe(200);
    await finance.goto(`/deals/${deal.id}`);
    const reverse = finance.getByRole("button", { name: /^Сторнировать квитанцию / });
    await reverse.scrollIntoViewIfNeeded();
    await expect(reverse).toBeInViewport({ ratio: 1 });
    await expectNoSidewaysScroll(finance);
    await finance.context().close();
  });
});

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** "2026-05-31" and 30 → "2026-05-01". */
function dayBefore(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}
