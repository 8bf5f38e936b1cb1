import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { logIn, navigation, newPage, uniquePhone } from "./support";

/** How the SPA writes an Uzbek number: +998 94 123 45 67. */
function shownPhone(e164: string): string {
  const digits = e164.slice(4);
  return `+998 ${digits.slice(0, 2)} ${digits.slice(2, 5)} ${digits.slice(5, 7)} ${digits.slice(7)}`;
}

test.describe("selling a flat", () => {
  test("a seller books a free flat, drafts and signs the contract and sees the flat sold; finance records the first payment", async ({
    page,
    browser,
  }) => {
    // Two people, a dozen pages and a PDF: more than the default budget on a busy machine.
    test.slow();
    const fullName = `Покупатель ${Date.now()}`;
    const phone = uniquePhone();
    await logIn(page, "seller");
    // The lead itself is not under test here: create it through the API with the seller's session.
    const created = await page.request.post("/api/leads", {
      data: { fullName, phone, source: "PHONE" },
    });
    expect(created.status()).toBe(201);
    const leadId = ((await created.json()) as { id: number }).id;

    await navigation(page).getByRole("link", { name: "Квартиры" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Жилые комплексы" })).toBeVisible();
    await page.getByRole("link", { name: "ЖК Olmazor City" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "ЖК Olmazor City: шахматка" }),
    ).toBeVisible();
    const gridPath = new URL(page.url()).pathname;
    await page.waitForFunction(() => performance.getEntriesByName("grid-painted").length > 0);

    const grid = page.getByRole("region", { name: "Шахматка квартир" });
    await page.getByLabel("Статус", { exact: true }).selectOption("FREE");
    await expect(page).toHaveURL(/[?&]status=FREE/);
    await expect(
      page.getByRole("status").filter({ hasText: /^Подходят под фильтры/ }),
    ).toBeVisible();

    const freeFlat = grid.getByRole("button", { name: /, Свободна$/ }).first();
    const label = (await freeFlat.getAttribute("aria-label")) ?? "";
    const number = /^Квартира (\S+),/.exec(label)?.[1];
    expect(number).toBeTruthy();
    await freeFlat.click();

    const drawer = page.getByRole("dialog", { name: `Квартира ${number}` });
    await expect(drawer.getByText("Свободна", { exact: true })).toBeVisible();
    await drawer.getByLabel("Найти лид").fill(fullName);
    await drawer
      .getByLabel("Лид", { exact: true })
      .selectOption({ label: `${fullName} (${shownPhone(phone)})` });
    await drawer.getByLabel("Срок брони, дней").fill("5");
    await drawer.getByRole("button", { name: "Забронировать" }).click();
    await expect(drawer.getByRole("status")).toHaveText("Квартира забронирована на 5 дн.");
    await expect(drawer.getByText("Забронирована", { exact: true })).toBeVisible();
    await expect(drawer.getByRole("link", { name: fullName })).toBeVisible();

    await drawer.getByRole("link", { name: "Оформить договор" }).click();
    await expect(page).toHaveURL(/\/deals\/new\?leadId=\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: "Новый договор" })).toBeVisible();
    await expect(page.getByText(`Квартира ${number}`)).toBeVisible();

    // Terms the shared schedule rules refuse are explained, and the contract cannot be created.
    await page.getByLabel("Рассрочка, месяцев").fill("0");
    await expect(
      page.getByText("Без рассрочки первоначальный взнос равен всей цене."),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Создать договор" })).toBeDisabled();

    await page.getByRole("button", { name: "20%" }).click();
    await page.getByLabel("Рассрочка, месяцев").fill("6");
    const preview = page.getByRole("table", { name: "Предварительный график" });
    // Header, the down payment, six instalments and the total.
    await expect(preview.getByRole("row")).toHaveCount(9);
    await expect(preview.getByRole("row", { name: /Платёж 6 из 6/ })).toBeVisible();

    await page.getByRole("button", { name: "Создать договор" }).click();
    await expect(page).toHaveURL(/\/deals\/\d+$/);
    const dealPath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1, name: /^Договор Д-/ })).toBeVisible();
    await expect(page.getByText("Черновик", { exact: true })).toBeVisible();
    const pdf = page.getByRole("link", { name: "Договор в PDF" });
    await expect(pdf).toHaveAttribute("href", `/api${dealPath}/pdf`);
    const pdfResponse = await page.request.get(`/api${dealPath}/pdf`);
    expect(pdfResponse.headers()["content-type"]).toContain("application/pdf");

    await page.getByRole("button", { name: "Подписать договор" }).click();
    const signDialog = page.getByRole("dialog", { name: "Подписать договор?" });
    await signDialog.getByRole("button", { name: "Подписать", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Договор подписан" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Подписать договор" })).toHaveCount(0);
    await expect(page.getByRole("term").filter({ hasText: /^Подписан$/ })).toBeVisible();
    const dealTitle = await page.getByRole("heading", { level: 1 }).textContent();
    const dealNumber = /^Договор (\S+)$/.exec(dealTitle ?? "")?.[1] ?? "";
    expect(dealNumber).toMatch(/^Д-/);

    await navigation(page).getByRole("link", { name: "Сделки" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Сделки" })).toBeVisible();
    const dealRow = page
      .getByRole("table", { name: "Договоры" })
      .getByRole("row")
      .filter({ has: page.getByRole("link", { name: dealNumber, exact: true }) });
    await expect(dealRow).toContainText(fullName);
    await expect(dealRow).toContainText("Подписан");

    await page.goto(`/leads/${leadId}`);
    await expect(page.getByRole("heading", { level: 1, name: fullName })).toBeVisible();
    await expect(page.getByRole("link", { name: `Договор № ${dealNumber}` })).toHaveAttribute(
      "href",
      dealPath,
    );

    await page.goto(gridPath);
    const soldFlat = page
      .getByRole("region", { name: "Шахматка квартир" })
      .getByRole("button", { name: new RegExp(`^Квартира ${number},`) });
    await expect(soldFlat).toHaveAttribute("aria-label", /, Продана$/);
    await expect(soldFlat).toHaveAttribute("data-status", "SOLD");

    const finance = await newPage(browser);
    await logIn(finance, "finance");
    await finance.goto(dealPath);
    await expect(finance.getByRole("heading", { level: 1, name: /^Договор Д-/ })).toBeVisible();
    await finance.getByRole("button", { name: "Внести оплату: Первоначальный взнос" }).click();
    const payment = finance.getByRole("dialog", { name: "Оплата: Первоначальный взнос" });
    const amount = payment.getByLabel("Получено, UZS");
    // The field groups digits as it formats ("650 000 000"); it accepts them pasted back too.
    const due = (await amount.inputValue()).replace(/\s/g, "");

    // One sum more than is due is refused, and the dialog says what is left.
    await amount.fill(String(Number(due) + 1));
    await payment.getByRole("button", { name: "Сохранить оплату" }).click();
    await expect(payment.getByRole("alert")).toContainText("по этому платежу осталось только");

    await amount.fill(due);
    await payment.getByLabel("Способ оплаты").selectOption({ label: "Банковский перевод" });
    await payment.getByRole("button", { name: "Сохранить оплату" }).click();
    await expect(payment).toBeHidden();
    await expect(
      finance.getByRole("status").filter({ hasText: "Первоначальный взнос: оплачен полностью." }),
    ).toBeVisible();
    const firstRow = finance.getByRole("row", { name: /^Первоначальный взнос/ });
    await expect(firstRow.getByText("Оплачен", { exact: true })).toBeVisible();
    await expect(
      finance.getByRole("button", { name: "Внести оплату: Первоначальный взнос" }),
    ).toHaveCount(0);
    await finance.context().close();
  });

  test("money pages follow the role: finance sees cash and the forecast, a sales manager only the overdue list", async ({
    page,
    browser,
  }) => {
    await logIn(page, "finance");
    await navigation(page).getByRole("link", { name: "Финансы" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Финансы" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Деньги по ЖК" })).toContainText(
      "ЖК Olmazor City",
    );
    await expect(page.getByRole("img", { name: /^UZS, месяцев: 12/ })).toBeVisible();
    await page.getByLabel("Период").selectOption("6");
    await expect(page).toHaveURL(/[?&]months=6/);
    await expect(page.getByRole("img", { name: /^UZS, месяцев: 6/ })).toBeVisible();

    const mop = await newPage(browser);
    await logIn(mop, "mop");
    await expect(navigation(mop).getByRole("link", { name: "Финансы" })).toHaveCount(0);
    await navigation(mop).getByRole("link", { name: "Просрочки" }).click();
    await expect(
      mop.getByRole("heading", { level: 1, name: "Просроченные платежи" }),
    ).toBeVisible();
    const table = mop.getByRole("table", { name: "Просроченные платежи" });
    await expect(table.getByRole("row").nth(1)).toBeVisible();
    await mop.goto("/finance");
    await expect(mop.getByRole("heading", { level: 1, name: "Доступ запрещён" })).toBeVisible();
    await mop.context().close();
  });
});

test.describe("the шахматка on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test("the grid fits the phone, never the page sideways, and a flat opens full screen", async ({
    page,
  }) => {
    await logIn(page, "seller");
    await page.goto("/complexes");
    await page.getByRole("link", { name: "ЖК Samarqand Darvoza" }).click();
    const grid = page.getByRole("region", { name: "Шахматка квартир" });
    await expect(grid.getByRole("button").first()).toBeVisible();
    // Blocks wrap and cells narrow to fit; a floor too wide still scrolls inside the grid's frame.
    const gridBox = await grid.boundingBox();
    expect(gridBox!.x + gridBox!.width).toBeLessThanOrEqual(360 + 1);
    const pageOverflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(pageOverflow).toBeLessThanOrEqual(0);

    await grid.getByRole("button").first().click();
    const drawer = page.getByRole("dialog", { name: /^Квартира / });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByRole("heading", { name: "История цены" })).toBeVisible();
    await drawer.getByRole("button", { name: "Закрыть" }).click();
    await expect(drawer).toBeHidden();
    await expect(page).not.toHaveURL(/[?&]flat=/);
  });
});

test.describe("the шахматка under a filter", () => {
  test("a block with no flat under the filters says so; the others keep their cells", async ({
    page,
  }) => {
    await logIn(page, "admin");
    const stamp = Date.now();
    const created = await page.request.post("/api/complexes", {
      data: { name: `Пустой блок ${stamp}`, slug: `empty-block-${stamp}`, city: "Ташкент" },
    });
    expect(created.status()).toBe(201);
    const complexId = ((await created.json()) as { id: number }).id;
    for (const flat of [
      { block: "A", floor: 1, number: "A-1", rooms: 2, area: 50, price: 50_000_000_000 },
      { block: "B", floor: 1, number: "B-1", rooms: 3, area: 80, price: 80_000_000_000 },
    ]) {
      expect(
        (await page.request.post(`/api/complexes/${complexId}/flats`, { data: flat })).status(),
      ).toBe(201);
    }

    await page.goto(`/complexes/${complexId}/grid?rooms=2`);
    const grid = page.getByRole("region", { name: "Шахматка квартир" });
    const blockA = grid.getByRole("region", { name: "Блок A" });
    const blockB = grid.getByRole("region", { name: "Блок B" });
    await expect(blockA.getByRole("button", { name: /^Квартира A-1,/ })).toBeVisible();
    // The block tabs count what matches; block B has nothing under the filter.
    await expect(page.getByRole("tab", { name: /^Блок B/ })).toContainText("0");
    await page.getByRole("tab", { name: /^Блок B/ }).click();
    await expect(blockB.getByText("В блоке B нет квартир под фильтры.")).toBeVisible();
    await expect(blockB.getByRole("button")).toHaveCount(0);

    // Without the filter block B has its flat back.
    await page.goto(`/complexes/${complexId}/grid`);
    await page.getByRole("tab", { name: /^Блок B/ }).click();
    await expect(blockB.getByRole("button", { name: /^Квартира B-1,/ })).toBeVisible();
    await expect(grid.getByText(/нет квартир под фильтры/)).toHaveCount(0);
  });
});

test.describe("the шахматка's first reads", () => {
  test("start with the page: the session and the grid are asked for once, by the page's preloads", async ({
    page,
  }) => {
    await logIn(page, "seller");
    const complexes = (await (await page.request.get("/api/complexes")).json()) as {
      items: { id: number }[];
    };
    const gridUrl = `/api/complexes/${complexes.items[0]!.id}/grid`;
    const asked: string[] = [];
    page.on("request", (request) => {
      const { pathname } = new URL(request.url());
      if (pathname === gridUrl || pathname === "/api/auth/me") asked.push(pathname);
    });

    await page.goto(`/complexes/${complexes.items[0]!.id}/grid`);
    await page.waitForFunction(() => performance.getEntriesByName("grid-painted").length > 0);
    // One request each: the app's own reads were answered by the preloads, not sent again.
    expect(asked.sort()).toEqual(["/api/auth/me", gridUrl].sort());
    const initiators = await page.evaluate(() =>
      (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
        .filter((entry) => /\/api\/(auth\/me|complexes\/\d+\/grid)$/.test(entry.name))
        .map((entry) => entry.initiatorType),
    );
    expect(initiators).toEqual(["link", "link"]);
  });
});

test.describe("a big шахматка", () => {
  /** Waits for an import run to finish and returns it. */
  async function finished(page: Page, runId: number) {
    let run: { status: string; counts: Record<string, number> } | undefined;
    await expect
      .poll(
        async () => {
          const detail = (await (await page.request.get(`/api/import-runs/${runId}`)).json()) as {
            run: NonNullable<typeof run>;
          };
          run = detail.run;
          return run.status;
        },
        { timeout: 30_000 },
      )
      .toMatch(/^(succeeded|failed)$/);
    expect(run!.status).toBe("succeeded");
    return run!;
  }

  test("a block of 500 flats shows a screenful of floors first, then every cell", async ({
    page,
  }) => {
    test.slow();
    await logIn(page, "admin");
    const stamp = Date.now();
    const created = await page.request.post("/api/complexes", {
      data: { name: `Большой блок ${stamp}`, slug: `big-block-${stamp}`, city: "Ташкент" },
    });
    expect(created.status()).toBe(201);
    const complexId = ((await created.json()) as { id: number }).id;
    // 25 floors × 20 flats: more than the first render draws (FIRST_SCREEN_CELLS in Shakhmatka).
    const lines = ["Блок;Секция;Этаж;№ квартиры;Комнат;Площадь, м²;Цена;Статус"];
    for (let floor = 1; floor <= 25; floor++) {
      for (let unit = 1; unit <= 20; unit++) {
        lines.push(`A;1;${floor};${floor * 100 + unit};2;60;600000000;Свободна`);
      }
    }
    const upload = await page.request.post(
      `/api/complexes/${complexId}/import/upload?name=big.csv`,
      { headers: { "content-type": "text/csv" }, data: Buffer.from(lines.join("\r\n")) },
    );
    expect(upload.status()).toBe(202);
    const dryRunId = ((await upload.json()) as { id: number }).id;
    expect((await finished(page, dryRunId)).counts.create).toBe(500);
    const apply = await page.request.post(`/api/import-runs/${dryRunId}/apply`);
    expect(apply.status()).toBe(202);
    await finished(page, ((await apply.json()) as { id: number }).id);

    await page.goto(`/complexes/${complexId}/grid`);
    const marks = await page.waitForFunction(() => {
      const cellsAt = (name: string) =>
        (performance.getEntriesByName(name)[0] as PerformanceMark | undefined)?.detail as
          { cells: number } | undefined;
      const painted = cellsAt("grid-painted");
      const drawn = cellsAt("grid-drawn");
      return painted && drawn ? { painted: painted.cells, drawn: drawn.cells } : null;
    });
    const { painted, drawn } = (await marks.jsonValue())!;
    // The first frame holds the top floors only, whole floors of 20; the next has every flat.
    expect(painted).toBeGreaterThan(0);
    expect(painted).toBeLessThan(500);
    expect(painted % 20).toBe(0);
    expect(drawn).toBe(500);
    const grid = page.getByRole("region", { name: "Шахматка квартир" });
    await expect(grid.getByRole("button", { name: /^Квартира \d+,/ })).toHaveCount(500);
    // Floors stay in order, top first: the bottom floor's last flat closes the block.
    await expect(grid.getByRole("button", { name: /^Квартира \d+,/ }).last()).toHaveAttribute(
      "aria-label",
      /^Квартира 120,/,
    );
  });
});
