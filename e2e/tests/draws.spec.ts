import { createHash, createHmac } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { logIn } from "./support";

/**
 * Entries come from Telegram users in the bot (its tests drive that against a fake Bot API);
 * here they are written into the e2e database as the bot's join would leave them — an entry
 * row each and the draw's count — with the SQLite driver the product itself uses.
 */
function addEntries(drawId: number, count: number) {
  const require = createRequire(path.join(__dirname, "../../packages/db/package.json"));
  const Database = require("better-sqlite3") as new (file: string) => {
    prepare(sql: string): { run(...args: unknown[]): unknown };
    transaction(fn: () => void): () => void;
    close(): void;
  };
  const db = new Database(path.join(__dirname, "../.tmp/e2e.db"));
  const insert = db.prepare(
    'INSERT INTO "PrizeDrawEntry" ("drawId", "telegramUserId", "chatId", "createdAt") VALUES (?, ?, ?, ?)',
  );
  const bump = db.prepare(
    'UPDATE "PrizeDraw" SET "entriesCount" = "entriesCount" + 1 WHERE "id" = ?',
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const user = String(700_000 + drawId * 1000 + i);
      insert.run(drawId, user, user, new Date().toISOString());
      bump.run(drawId);
    }
  })();
  db.close();
}

/** The published recomputation, written from the page's own description. */
function recompute(seed: string, entries: number[], winnersCount: number) {
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  const entriesHash = sha(entries.map((ticket) => `${ticket}\n`).join(""));
  const a = [...entries];
  for (let i = 0; i < Math.min(winnersCount, a.length); i++) {
    const r = createHmac("sha256", seed).update(`${entriesHash}:${i}`).digest().readBigUInt64BE(0);
    const j = i + Number(r % BigInt(a.length - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return { commitment: sha(seed), entriesHash, winners: a.slice(0, winnersCount) };
}

test("admin creates, opens, closes and draws a prize draw anyone can verify", async ({
  page,
  request,
}) => {
  test.slow();
  await logIn(page, "admin");
  await page
    .getByRole("navigation", { name: "Основная навигация" })
    .getByRole("link", { name: "Розыгрыши" })
    .click();
  await expect(page.getByRole("heading", { name: "Розыгрыши", level: 1 })).toBeVisible();

  const title = `Розыгрыш ${Date.now()}`;
  await page.getByLabel("Название").fill(title);
  await page.getByLabel("Призы").fill("Телевизор\nКофемашина");
  await page.getByLabel("Победителей").fill("2");
  await page.getByRole("button", { name: "Создать розыгрыш" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByText("Черновик")).toBeVisible();
  const id = Number(/\/admin\/draws\/(\d+)$/.exec(page.url())![1]);
  const commitment = (await page.locator(".draw-hashes code").first().textContent())!;
  expect(commitment).toMatch(/^[0-9a-f]{64}$/);

  await page.getByRole("button", { name: "Открыть приём" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Открыть приём" }).click();
  await expect(page.getByText("Идёт приём")).toBeVisible();

  addEntries(id, 7);
  await page.reload();
  await expect(page.getByTestId("draw-entries")).toHaveText("7");
  const publicBefore = await request.get(`/api/public/draws/${id}`);
  expect(publicBefore.status()).toBe(200);
  expect((await publicBefore.json()).commitment).toBe(commitment);

  await page.getByRole("button", { name: "Закрыть приём" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Закрыть приём" }).click();
  await expect(page.getByText("Приём закрыт", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Провести розыгрыш" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Провести розыгрыш" }).click();
  await expect(page.getByText("Разыгран", { exact: true })).toBeVisible();

  await expect(page.getByRole("heading", { name: "Как проверить" })).toBeVisible();
  await expect(page.locator("pre code").first()).toContainText(
    `node scripts/verify-draw.mjs http://127.0.0.1`,
  );
  const published = await (await request.get(`/api/public/draws/${id}`)).json();
  const check = recompute(published.seed, published.entries, published.winnersCount);
  expect(check.commitment).toBe(commitment);
  expect(check.entriesHash).toBe(published.entriesHash);
  await expect(page.locator(".draw-hashes code").nth(2)).toHaveText(published.seed);
  expect(published.entries).toHaveLength(7);
  const winners = page.getByRole("region", { name: "Победители" }).getByRole("listitem");
  await expect(winners).toHaveText([
    `Билет № ${check.winners[0]} — Телевизор`,
    `Билет № ${check.winners[1]} — Кофемашина`,
  ]);
});
