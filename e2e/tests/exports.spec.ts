import fs from "node:fs";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { createLead, logIn, navigation } from "./support";

const noSidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe("exports", () => {
  // Each test waits for a background job to write a file.
  test.slow();
  test("a seller exports the leads list with its search and downloads only their own leads", async ({
    page,
    browser,
  }) => {
    const stamp = Date.now().toString(36);
    // Another seller's lead with the same words in its name must not be in the file.
    const other = await browser.newPage();
    await logIn(other, "seller2");
    await createLead(other, `Чужая выгрузка ${stamp}`);
    await other.close();

    await logIn(page, "seller");
    await createLead(page, `Моя выгрузка ${stamp}`);
    await page.goto(`/leads?q=${encodeURIComponent(`выгрузка ${stamp}`)}`);
    await expect(page.getByRole("status").filter({ hasText: /^Найдено: 1$/ })).toBeVisible();

    const control = page.getByRole("group", { name: "Экспорт" });
    await control.getByLabel("Формат").selectOption("csv");
    await control.getByRole("button", { name: "Экспорт" }).click();
    const link = control.getByRole("link", { name: /^Скачать leads-.*\.csv$/ });
    await expect(link).toBeVisible({ timeout: 20_000 });

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^leads-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const text = fs.readFileSync((await download.path())!, "utf8");
    expect(text.startsWith("\uFEFFID;ФИО;Телефон;Статус;Источник")).toBe(true);
    const rows = text.trim().split("\r\n").slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`Моя выгрузка ${stamp}`);
    expect(text).not.toContain(`Чужая выгрузка ${stamp}`);

    // "Мои выгрузки" keeps it, with the file and when it expires.
    await navigation(page).getByRole("link", { name: "Мои выгрузки" }).click();
    await expect(page.getByRole("heading", { name: "Мои выгрузки", level: 1 })).toBeVisible();
    const item = page.getByRole("main").getByRole("listitem").first();
    await expect(item.getByRole("heading", { name: /^Лиды/ })).toBeVisible();
    await expect(item.getByText("Готово", { exact: true })).toBeVisible();
    await expect(item.getByText("Доступен до")).toBeVisible();
    await expect(item.getByRole("link", { name: /^Скачать leads-.*\.csv$/ })).toBeVisible();
  });

  test("the export control and the list fit a phone", async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await logIn(page, "seller");
    await page.goto("/leads");
    const control = page.getByRole("group", { name: "Экспорт" });
    await control.getByRole("button", { name: "Экспорт" }).click();
    await expect(control.getByRole("link", { name: /^Скачать leads-/ })).toBeVisible({
      timeout: 20_000,
    });
    expect(await noSidewaysScroll(page)).toBe(0);
    await page.goto("/exports");
    await expect(page.getByRole("heading", { name: "Мои выгрузки", level: 1 })).toBeVisible();
    expect(await noSidewaysScroll(page)).toBe(0);
    await page.goto("/profile");
    await expect(page.getByLabel("Почта для уведомлений")).toBeVisible();
    expect(await noSidewaysScroll(page)).toBe(0);
    await page.close();
  });

  test("the profile sets the email and which notifications come by email", async ({ page }) => {
    await logIn(page, "rop");
    await page.goto("/profile");
    const email = page.getByLabel("Почта для уведомлений");
    await email.fill(`rop-${Date.now().toString(36)}@example.uz`);
    await page.getByLabel("Язык писем").selectOption("uz");
    // Whatever this user chose before, the choice flips and stays flipped.
    const approval = page.getByRole("checkbox", { name: "Договор ждёт моего согласования" });
    const wasChecked = await approval.isChecked();
    await approval.setChecked(!wasChecked);
    await page.getByRole("button", { name: "Сохранить" }).click();
    await expect(page.getByText("Сохранено.")).toBeVisible();
    const profile = (await (await page.request.get("/api/profile")).json()) as {
      language: string;
      notificationPrefs: Record<string, { email: boolean }>;
    };
    expect(profile.language).toBe("uz");
    expect(profile.notificationPrefs["deal.awaiting-approval"]!.email).toBe(!wasChecked);
    await page.reload();
    await expect(
      page.getByRole("checkbox", { name: "Договор ждёт моего согласования" }),
    ).toBeChecked({ checked: !wasChecked });
  });
});
