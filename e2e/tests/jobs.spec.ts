import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";

const PASSWORD = "demo12345";

async function logIn(page: Page, login: string) {
  await page.goto("/login");
  await page.getByLabel("Логин").fill(login);
  await page.getByLabel("Пароль").fill(PASSWORD);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

async function openJobs(page: Page) {
  await page
    .getByRole("navigation", { name: "Основная навигация" })
    .getByRole("link", { name: "Фоновые задачи" })
    .click();
  await expect(page).toHaveURL(/\/admin\/jobs/);
  await expect(page.getByRole("heading", { level: 1, name: "Фоновые задачи" })).toBeVisible();
}

/** The product under test runs without Redis: the API runs the jobs itself. */
test.describe("the Jobs page", () => {
  test("an admin sees the schedules, runs one now and sees the run finish", async ({ page }) => {
    await logIn(page, "admin");
    await openJobs(page);
    await expect(page.getByText(/Задачи выполняет сам API/)).toBeVisible();

    const overdue = page.getByRole("listitem", { name: "Отметка просроченных платежей" });
    await expect(overdue).toContainText("Каждые 1 мин");
    await expect(overdue).toContainText("Следующий запуск:");
    await expect(page.getByRole("listitem", { name: "Прогрев кэша лендингов" })).toContainText(
      "Каждые 15 мин",
    );
    await expect(page.getByRole("listitem", { name: "Отправка писем" })).toContainText(
      "Запускается, когда её ставят в очередь",
    );

    await overdue
      .getByRole("button", { name: "Запустить сейчас: Отметка просроченных платежей" })
      .click();
    const notice = page.getByRole("status").filter({ hasText: "поставлен в очередь" });
    await expect(notice).toBeVisible();
    const id = /№(\d+)/.exec((await notice.textContent()) ?? "")?.[1];
    expect(id).toBeDefined();

    await expect(page).toHaveURL(/queue=mark-overdue-payments&state=completed/);
    const run = page.getByRole("listitem", { name: `Запуск №${id}` });
    await expect(run).toContainText("Готово");
    await expect(run).toContainText("Вручную");
    await expect(run).toContainText("1 из 5");
    await expect(run).toContainText('"marked"');
  });

  // A sheet sync no longer fails as a job now that the import exists: it records its failure on the
  // complex and completes. Until the page has another job that can fail on demand, the failed-run
  // flow (error shown, retry, remove) is covered by the API's jobs tests, not here.
  test.fixme("a failed run shows its error, is retried and removed after confirmation, on a phone", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await logIn(page, "admin");
    // A complex that names a Google Sheet: the import is not built, so the sync fails honestly.
    const complexId = await firstComplexId(page);
    await page.request.patch(`/api/complexes/${complexId}`, {
      data: { googleSheetId: "e2e-sheet" },
    });
    try {
      await page.goto("/admin/jobs");
      const sync = page.getByRole("listitem", { name: "Синхронизация с Google Таблицами" });
      await sync
        .getByRole("button", { name: "Запустить сейчас: Синхронизация с Google Таблицами" })
        .click();
      const notice = page.getByRole("status").filter({ hasText: "поставлен в очередь" });
      const id = /№(\d+)/.exec((await notice.textContent()) ?? "")?.[1];

      await page
        .getByRole("group", { name: "Состояние" })
        .getByRole("button", { name: "Ошибка" })
        .click();
      const run = page.getByRole("listitem", { name: `Запуск №${id}` });
      await expect(run).toContainText("Google Sheets import is not available yet");
      await expect(run).toContainText(`complexes ${complexId} have a sheet`);

      // No sideways scroll on a phone.
      const overflow = await page
        .locator("html")
        .evaluate((html) => html.scrollWidth - html.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      await run.getByRole("button", { name: "Повторить" }).click();
      const retryDialog = page.getByRole("dialog", { name: `Повторить запуск №${id}?` });
      await retryDialog.getByRole("button", { name: "Повторить" }).click();
      await expect(page.getByRole("status").filter({ hasText: "снова в очереди" })).toBeVisible();
      await expect(run).toContainText("2 из 3");

      await run.getByRole("button", { name: "Удалить" }).click();
      const removeDialog = page.getByRole("dialog", { name: `Удалить запуск №${id}?` });
      await removeDialog.getByRole("button", { name: "Удалить" }).click();
      await expect(page.getByRole("status").filter({ hasText: "удалён" })).toBeVisible();
      await expect(run).toHaveCount(0);
    } finally {
      await page.request.patch(`/api/complexes/${complexId}`, { data: { googleSheetId: null } });
    }
  });
});

async function firstComplexId(page: Page): Promise<number> {
  const res = await page.request.get("/api/complexes");
  const body = (await res.json()) as { items: { id: number }[] };
  return body.items[0]!.id;
}
