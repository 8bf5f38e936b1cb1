import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { logIn } from "./support";

const CSV = [
  "Блок;Секция;Этаж;№ квартиры;Комнат;Площадь, м²;Цена;Статус",
  "A;1;2;201;2;65,5;650 000 000;Свободна",
  "A;1;2;202;3;80;800000000;",
  "A;1;3;301;1;40;420000000;Закрыта",
  "A;1;3;302;1;-40;420000000;",
].join("\r\n");

async function newComplex(page: Page): Promise<number> {
  const stamp = Date.now();
  const res = await page.request.post("/api/complexes", {
    data: { name: `ЖК Импорт ${stamp}`, slug: `import-${stamp}`, city: "Ташкент" },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

async function noSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
}

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`an admin uploads a CSV, reviews the dry run, applies it and sees the flats (${viewport.width} px)`, async ({
    page,
  }) => {
    test.slow();
    await page.setViewportSize(viewport);
    await logIn(page, "admin");
    const complexId = await newComplex(page);
    await page.goto(`/complexes/${complexId}/grid`);
    await page.getByRole("link", { name: "Импорт", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: /импорт квартир$/ })).toBeVisible();

    await page.getByLabel("Файл", { exact: true }).setInputFiles({
      name: "шахматка.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("\uFEFF" + CSV),
    });
    await page.getByRole("button", { name: "Загрузить и проверить" }).click();
    const run = page.getByRole("region", { name: /^Импорт №\d+ · Пробный прогон/ });
    await expect(run.getByText("Готово")).toBeVisible();
    await expect(run.getByRole("tab", { name: "Создать 3" })).toBeVisible();
    await run.getByRole("tab", { name: "Отклонено 1" }).click();
    await expect(run.getByText("Строка 5")).toBeVisible();
    await expect(run.getByText("Площадь: отрицательное значение")).toBeVisible();
    await noSidewaysScroll(page);

    await run.getByRole("button", { name: "Применить" }).click();
    await expect(page.getByText("Создать 3 и обновить 0 квартир одним действием?")).toBeVisible();
    await page.getByRole("button", { name: "Да, применить" }).click();
    const applied = page.getByRole("region", { name: /^Импорт №\d+ · Применение/ });
    await expect(applied.getByText("Готово")).toBeVisible();
    await noSidewaysScroll(page);

    await page.getByRole("link", { name: /шахматка$/ }).click();
    const grid = page.getByRole("region", { name: "Шахматка квартир" });
    await expect(grid.getByRole("button", { name: /^Квартира 201,/ })).toBeVisible();
    await expect(grid.getByRole("button", { name: /^Квартира 301,.*Не в продаже$/ })).toBeVisible();
    await expect(grid.getByRole("button", { name: /^Квартира 302,/ })).toHaveCount(0);
  });
}
