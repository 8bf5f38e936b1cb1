import { expect } from "@playwright/test";
import type { Browser, Page } from "@playwright/test";
import { decodeGrid, type TGridWire } from "@crm/contracts";

/** The demo users' password (the seed refuses to create them in production). */
export const PASSWORD = "demo12345";

export async function logIn(page: Page, login: string) {
  await page.goto("/login");
  await page.getByLabel("Логин").fill(login);
  await page.getByLabel("Пароль").fill(PASSWORD);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Another person at another browser: a context of its own, so its own session cookie. */
export async function newPage(
  browser: Browser,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext(viewport ? { viewport } : {});
  return context.newPage();
}

/** The board narrowed to one lead by searching its name (debounced into the URL). */
export async function openBoardFor(page: Page, fullName: string) {
  await page.goto("/leads/board");
  await page.getByRole("searchbox", { name: "Поиск" }).fill(fullName);
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByRole("status").filter({ hasText: /^Найдено: 1$/ })).toBeVisible();
}

export function navigation(page: Page) {
  return page.getByRole("navigation", { name: "Основная навигация" });
}

let phoneCounter = 0;

/** A phone no demo lead has (demo phones start with +99891) and no other call reuses. */
export function uniquePhone(): string {
  phoneCounter += 1;
  return `+99895${String(Date.now() + phoneCounter).slice(-7)}`;
}

/** Minor units as a person types them into a money field: 1250000.5 → "1250000.50". */
export function moneyInput(minor: number): string {
  return minor % 100 === 0 ? String(minor / 100) : (minor / 100).toFixed(2);
}

/** A share of an amount in whole currency units, rounded up: never below the share. */
export function percentOfWhole(minor: number, percent: number): number {
  return Math.ceil((minor * percent) / 100 / 100) * 100;
}

// What a test only needs to exist is made through the API with the page's session, so each
// test drives through the browser only the behaviour it is about.

export async function createLead(page: Page, fullName: string): Promise<number> {
  const created = await page.request.post("/api/leads", {
    data: { fullName, phone: uniquePhone(), source: "PHONE" },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: number }).id;
}

export interface HeldFlat {
  id: number;
  number: string;
  price: number;
}

/** Books the first free flat of a complex priced in UZS for the lead. */
export async function bookFreeFlat(page: Page, leadId: number): Promise<HeldFlat> {
  const complexes = (await (await page.request.get("/api/complexes")).json()) as {
    items: { id: number; currency: string }[];
  };
  const complex = complexes.items.find((item) => item.currency === "UZS");
  expect(complex).toBeTruthy();
  const grid = decodeGrid(
    (await (
      await page.request.get(`/api/complexes/${complex!.id}/grid?status=FREE`)
    ).json()) as TGridWire,
  );
  const flat = grid.blocks
    .flatMap((block) => block.floors.flatMap((floor) => floor.flats))
    .find((cell) => cell.match && cell.status === "FREE");
  expect(flat).toBeTruthy();
  const booked = await page.request.post(`/api/flats/${flat!.id}/book`, { data: { leadId } });
  expect(booked.status()).toBe(200);
  return { id: flat!.id, number: flat!.number, price: flat!.price };
}

export interface DraftedDeal {
  id: number;
  number: string;
  outstanding: number;
  schedule: { amount: number; kind: string; seq: number }[];
}

/** Drafts a contract for the flat the lead holds (at the list price unless one is given). */
export async function draftDeal(
  page: Page,
  leadId: number,
  terms: { price?: number; downPayment: number; installmentMonths: number },
): Promise<DraftedDeal> {
  const created = await page.request.post("/api/deals", { data: { leadId, ...terms } });
  expect(created.status()).toBe(201);
  return (await created.json()) as DraftedDeal;
}
