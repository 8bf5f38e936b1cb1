import { expect, test } from "@playwright/test";
import type { Locator, Page } from "@playwright/test";
import { logIn } from "./support";

const caret = (field: Locator) =>
  field.evaluate((input) => (input as HTMLInputElement).selectionStart);

/** The body of the next expense the page sends. */
async function submitted(page: Page, form: Locator) {
  const request = page.waitForRequest(
    (req) => req.method() === "POST" && new URL(req.url()).pathname === "/api/expenses",
  );
  await form.getByRole("button", { name: "Добавить расход" }).click();
  return (await request).postDataJSON() as { amount: number; currency: string };
}

test.describe("amount fields", () => {
  test("group digits while typing, keep the caret, read pasted amounts, submit a number", async ({
    page,
    context,
  }) => {
    test.slow();
    const category = `Суммы ${Date.now()}`;
    await logIn(page, "rop");
    expect(
      (await page.request.post("/api/expense-categories", { data: { name: category } })).status(),
    ).toBe(201);
    await page.goto("/expenses");
    const form = page.getByRole("form", { name: "Новый расход" });
    await form.getByLabel("Категория").selectOption({ label: category });
    const amount = form.getByLabel("Сумма");

    // Typed digit by digit: grouped by threes as they come.
    await amount.pressSequentially("650000000");
    await expect(amount).toHaveValue("650 000 000");
    expect(await caret(amount)).toBe("650 000 000".length);

    // A digit typed in the middle: the caret stays right after it.
    await amount.press("Home");
    await amount.press("ArrowRight");
    await amount.pressSequentially("1");
    await expect(amount).toHaveValue("6 150 000 000");
    expect(await caret(amount)).toBe(3);
    // Backspace removes that digit; backspace beside a group space removes the digit before it.
    await amount.press("Backspace");
    await expect(amount).toHaveValue("650 000 000");
    expect(await caret(amount)).toBe(1);
    await amount.press("ArrowRight");
    await amount.press("ArrowRight");
    await amount.press("ArrowRight");
    expect(await caret(amount)).toBe(4);
    await amount.press("Backspace");
    await expect(amount).toHaveValue("65 000 000");
    expect(await caret(amount)).toBe(2);

    // Pasted with commas for thousands and a decimal point.
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.evaluate(() => navigator.clipboard.writeText("650,000,000.50"));
    await amount.selectText();
    await amount.press("ControlOrMeta+V");
    await expect(amount).toHaveValue("650 000 000.50");
    const first = await submitted(page, form);
    expect(first).toMatchObject({ amount: 650_000_000_50, currency: "UZS" });
    await expect(page.getByText("Расход добавлен.")).toBeVisible();

    // Pasted as people write it here, with spaces.
    await form.getByLabel("Категория").selectOption({ label: category });
    await page.evaluate(() => navigator.clipboard.writeText("650 000 000"));
    await amount.selectText();
    await amount.press("ControlOrMeta+V");
    await expect(amount).toHaveValue("650 000 000");
    expect((await submitted(page, form)).amount).toBe(650_000_000_00);
    await expect(
      page
        .getByRole("row")
        .filter({ hasText: category })
        .filter({ hasText: /650\s000\s000,50/ }),
    ).toHaveCount(1);
  });
});
