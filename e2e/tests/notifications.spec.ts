import { expect, test } from "@playwright/test";
import { createLead, logIn, newPage } from "./support";

test.describe("notification bell", () => {
  test("a seller's bell rings without a reload when a manager gives them a lead", async ({
    browser,
    page,
  }) => {
    // A one-second poll instead of twenty, so the test waits for the bell, not the clock.
    await page.addInitScript(() => window.localStorage.setItem("crm.notifications.pollMs", "1000"));
    await logIn(page, "seller");
    const me = (await (await page.request.get("/api/auth/me")).json()) as { id: number };
    const before = (await (await page.request.get("/api/notifications/unread")).json()) as {
      unread: number;
    };
    const bell = page.getByRole("button", { name: /^Уведомления/ });
    await expect(bell).toBeVisible();

    const manager = await newPage(browser);
    await logIn(manager, "mop");
    const fullName = `Колокольчик ${Date.now()}`;
    const leadId = await createLead(manager, fullName);
    const reassigned = await manager.request.post(`/api/leads/${leadId}/reassign`, {
      data: { ownerId: me.id },
    });
    expect(reassigned.status()).toBe(200);

    await expect(bell).toHaveAccessibleName(`Уведомления, непрочитанных: ${before.unread + 1}`);
    await bell.click();
    const panel = page.getByRole("region", { name: "Уведомления" });
    await expect(panel).toBeVisible();
    await expect(page.getByRole("heading", { name: "Уведомления" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    await expect(bell).toBeFocused();

    await bell.click();
    await panel.getByRole("link", { name: new RegExp(`Вам назначен лид ${fullName}`) }).click();
    await expect(page).toHaveURL(new RegExp(`/leads/${leadId}$`));
    await expect(page.getByRole("heading", { level: 1, name: fullName })).toBeVisible();
    await expect(panel).toBeHidden();
    await expect(bell).toHaveAccessibleName(
      before.unread === 0 ? "Уведомления" : `Уведомления, непрочитанных: ${before.unread}`,
    );
  });

  test("'mark all read' in the panel clears the count, the unread marks and the button, for good", async ({
    browser,
    page,
  }) => {
    await logIn(page, "seller2");
    const me = (await (await page.request.get("/api/auth/me")).json()) as { id: number };
    const manager = await newPage(browser);
    await logIn(manager, "mop");
    const names: string[] = [];
    for (const n of [1, 2]) {
      const fullName = `Прочитать все ${n} ${Date.now()}`;
      const leadId = await createLead(manager, fullName);
      const reassigned = await manager.request.post(`/api/leads/${leadId}/reassign`, {
        data: { ownerId: me.id },
      });
      expect(reassigned.status()).toBe(200);
      names.push(fullName);
    }
    await manager.context().close();

    // Loaded after the reassignments: the count is there at once, no poll to wait for.
    await page.reload();
    const bell = page.getByRole("button", { name: /^Уведомления/ });
    await expect(bell).toHaveAccessibleName(/^Уведомления, непрочитанных: \d+$/);
    await bell.click();
    const panel = page.getByRole("region", { name: "Уведомления" });
    for (const fullName of names) {
      const item = panel.getByRole("listitem").filter({ hasText: fullName });
      await expect(item.getByText("Не прочитано:")).toBeAttached();
    }
    await panel.getByRole("button", { name: "Прочитать все", exact: true }).click();

    await expect(bell).toHaveAccessibleName("Уведомления");
    await expect(panel.getByRole("button", { name: "Прочитать все", exact: true })).toHaveCount(0);
    for (const fullName of names) {
      const item = panel.getByRole("listitem").filter({ hasText: fullName });
      await expect(item).toBeVisible();
      await expect(item.getByText("Не прочитано:")).toHaveCount(0);
    }
    const unread = (await (await page.request.get("/api/notifications/unread")).json()) as {
      unread: number;
    };
    expect(unread.unread).toBe(0);
    await page.reload();
    await expect(page.getByRole("button", { name: /^Уведомления/ })).toHaveAccessibleName(
      "Уведомления",
    );
  });

  test("the panel spans a phone's screen", async ({ browser }) => {
    const phone = await newPage(browser, { width: 390, height: 844 });
    await logIn(phone, "seller2");
    await phone.getByRole("button", { name: /^Уведомления/ }).click();
    const panel = phone.getByRole("region", { name: "Уведомления" });
    await expect(panel).toBeVisible();
    const box = await panel.boundingBox();
    expect(box?.x).toBe(0);
    expect(box?.width).toBe(390);
  });
});
