import { expect, test } from "@playwright/test";
import {
  bookFreeFlat,
  createLead,
  draftDeal,
  logIn,
  newPage,
  openBoardFor,
  percentOfWhole,
} from "./support";

test.describe("archiving leads", () => {
  test("a seller archives a lead without a contract (one with a contract is kept, saying why); an admin finds it in the archive, reads it and restores it", async ({
    page,
    browser,
  }) => {
    test.slow();
    const stamp = Date.now();
    const fullName = `Архивный ${stamp}`;
    const buyer = `Покупатель с договором ${stamp}`;
    await logIn(page, "seller");
    const leadId = await createLead(page, fullName);
    const buyerId = await createLead(page, buyer);
    const flat = await bookFreeFlat(page, buyerId);
    await draftDeal(page, buyerId, {
      downPayment: percentOfWhole(flat.price, 30),
      installmentMonths: 12,
    });

    // A contract is money on record: the lead stays, and the dialog says why.
    await page.goto(`/leads/${buyerId}`);
    await page.getByRole("button", { name: "В архив" }).click();
    const refused = page.getByRole("dialog", { name: "Отправить лида в архив?" });
    await refused.getByRole("button", { name: "В архив" }).click();
    await expect(refused.getByRole("alert")).toHaveText(
      "У лида есть договор или платежи: такие записи хранятся, поэтому лида нельзя отправить в архив.",
    );
    await refused.getByRole("button", { name: "Отмена" }).click();

    await page.goto(`/leads/${leadId}`);
    await page.getByRole("button", { name: "В архив" }).click();
    const dialog = page.getByRole("dialog", { name: "Отправить лида в архив?" });
    await expect(dialog).toContainText("пропадёт из списков");
    await expect(dialog).toContainText("Бронь квартиры за этим лидом будет снята");
    await dialog.getByRole("button", { name: "В архив" }).click();
    await expect(page).toHaveURL(/\/leads$/);
    await page.getByRole("searchbox", { name: "Поиск" }).fill(fullName);
    await expect(page.getByRole("status").filter({ hasText: /^Найдено: 0$/ })).toBeVisible();
    // For the seller it is gone.
    await page.goto(`/leads/${leadId}`);
    await expect(page.getByRole("heading", { level: 1, name: "Лид не найден" })).toBeVisible();

    const admin = await newPage(browser);
    await logIn(admin, "admin");
    await admin.goto("/leads");
    await admin.getByLabel("Архивные лиды").selectOption({ label: "Только архивные" });
    await expect(admin).toHaveURL(/[?&]archived=only/);
    await admin.getByRole("searchbox", { name: "Поиск" }).fill(fullName);
    // The search reaches the address after a pause; opening the lead before that would be undone.
    await expect(admin).toHaveURL(/[?&]q=/);
    const row = admin.getByRole("table", { name: "Лиды" }).getByRole("row").filter({
      hasText: fullName,
    });
    await expect(row.getByText("Архив", { exact: true })).toBeVisible();
    await row.getByRole("link", { name: fullName }).click();

    // Read-only: no edits, comments, callbacks, status or archiving on an archived lead.
    await expect(admin.getByRole("heading", { level: 1, name: fullName })).toBeVisible();
    await expect(admin.getByText(/^Лид в архиве с /)).toBeVisible();
    await expect(admin.getByRole("button", { name: "Редактировать" })).toHaveCount(0);
    await expect(admin.getByLabel("Комментарий", { exact: true })).toHaveCount(0);
    await expect(admin.getByLabel("Когда перезвонить")).toHaveCount(0);
    await expect(admin.getByLabel("Статус", { exact: true })).toHaveCount(0);
    await expect(admin.getByRole("button", { name: "В архив" })).toHaveCount(0);
    const history = admin.getByRole("list", { name: "История лида" });
    await expect(history).toContainText("Лид отправлен в архив");

    await admin.getByRole("button", { name: "Восстановить" }).click();
    await expect(
      admin.getByRole("status").filter({ hasText: "Лид восстановлен и снова в списках." }),
    ).toBeVisible();
    await expect(admin.getByRole("button", { name: "Редактировать" })).toBeVisible();
    await expect(history).toContainText("Лид восстановлен из архива");
    await admin.context().close();

    await page.goto("/leads");
    await page.getByRole("searchbox", { name: "Поиск" }).fill(fullName);
    await expect(
      page.getByRole("table", { name: "Лиды" }).getByRole("link", { name: fullName }),
    ).toBeVisible();
  });
});

test.describe("statuses a person sets", () => {
  test("a booked lead's status is read-only with the way out; the select offers no BOOKED or SOLD; reopening a lost lead asks first", async ({
    page,
  }) => {
    test.slow();
    const stamp = Date.now();
    const booked = `С бронью ${stamp}`;
    const open = `Передумавший ${stamp}`;
    await logIn(page, "seller");
    const bookedId = await createLead(page, booked);
    await bookFreeFlat(page, bookedId);
    const openId = await createLead(page, open);

    await page.goto(`/leads/${bookedId}`);
    const statusPanel = page.getByRole("region", { name: "Этап" });
    await expect(statusPanel.getByText(/^Статус:\s*Бронь$/)).toBeVisible();
    await expect(statusPanel.getByText(/чтобы изменить его, снимите бронь/)).toBeVisible();
    await expect(page.getByLabel("Статус", { exact: true })).toHaveCount(0);

    // On the board the booked card cannot be moved, and its column takes no cards.
    await openBoardFor(page, booked);
    await expect(
      page.getByRole("region", { name: "Бронь", exact: true }).getByRole("link", { name: booked }),
    ).toBeVisible();
    await expect(page.getByLabel(`Переместить «${booked}»`)).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Бронь", exact: true })).toContainText(
      "перетащить карточку сюда нельзя",
    );
    await expect(page.getByRole("region", { name: "Продан", exact: true })).toContainText(
      "перетащить карточку сюда нельзя",
    );

    await openBoardFor(page, open);
    const move = page.getByLabel(`Переместить «${open}»`);
    await expect(move.getByRole("option")).toHaveText([
      "Новый",
      "→ В работе",
      "→ Встреча",
      "→ Отказ",
    ]);

    await page.goto(`/leads/${openId}`);
    const status = page.getByLabel("Статус", { exact: true });
    await expect(status.getByRole("option")).toHaveText(["Новый", "В работе", "Встреча", "Отказ"]);
    await status.selectOption("LOST");
    const lost = page.getByRole("dialog", { name: `Отказ: ${open}` });
    await lost.getByLabel("Причина отказа").fill("Дорого");
    await lost.getByRole("button", { name: "Отметить отказ" }).click();
    await expect(status).toHaveValue("LOST");

    await status.selectOption("IN_PROGRESS");
    const reopen = page.getByRole("dialog", { name: "Вернуть лида в работу?" });
    await expect(reopen).toContainText(`«${open}» перейдёт из «Отказ» в «В работе»`);
    await reopen.getByRole("button", { name: "Отмена" }).click();
    await expect(reopen).toBeHidden();
    await expect(status).toHaveValue("LOST");

    await status.selectOption("IN_PROGRESS");
    await reopen.getByRole("button", { name: "Вернуть в работу" }).click();
    await expect(status).toHaveValue("IN_PROGRESS");
    await expect(page.getByRole("list", { name: "История лида" })).toContainText(
      "Статус: Отказ → В работе",
    );
  });
});
