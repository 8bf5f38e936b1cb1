import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { z } from "zod";
import * as contracts from "@crm/contracts";
import * as db from "@crm/db";
import { migrate } from "@crm/db";
import { freshDatabase, testProvider } from "./databases";
import { useTestContext } from "./harness";

const ctx = useTestContext();

describe("database", () => {
  it("re-running migrations applies nothing", async () => {
    const result = await migrate(ctx.url);
    expect(result.applied).toEqual([]);
  });

  it("keeps one migration folder per provider, in step", () => {
    const root = db.findMigrationsDir();
    const sqlite = fs.readdirSync(path.join(root, "sqlite")).sort();
    const postgres = fs.readdirSync(path.join(root, "postgres")).sort();
    expect(sqlite.length).toBeGreaterThan(0);
    expect(postgres).toEqual(sqlite);
  });

  it("uses the same enum values in the contracts and the database", () => {
    const pairs: [z.ZodEnum, Record<string, string>][] = [
      [contracts.ZRoleCode, db.RoleCode],
      [contracts.ZCurrency, db.Currency],
      [contracts.ZApartmentStatus, db.ApartmentStatus],
      [contracts.ZLeadStatus, db.LeadStatus],
      [contracts.ZLeadSource, db.LeadSource],
      [contracts.ZContractStatus, db.ContractStatus],
      [contracts.ZPaymentStatus, db.PaymentStatus],
      [contracts.ZPaymentKind, db.PaymentKind],
      [contracts.ZPaymentMethod, db.PaymentMethod],
      [contracts.ZDrawStatus, db.DrawStatus],
    ];
    for (const [zodEnum, prismaEnum] of pairs) {
      expect([...zodEnum.options].sort()).toEqual(Object.values(prismaEnum).sort());
    }
  });

  it("stores money beyond 32 bits exactly", async () => {
    const complex = await ctx.db.complex.create({
      data: { name: "Big", slug: `big-${Date.now()}`, city: "Tashkent" },
    });
    const flat = await ctx.db.apartment.create({
      data: {
        complexId: complex.id,
        block: "A",
        floor: 1,
        number: "1",
        rooms: 3,
        area: 98.4,
        price: 1_250_000_000_00n,
      },
    });
    expect((await ctx.db.apartment.findUniqueOrThrow({ where: { id: flat.id } })).price).toBe(
      1_250_000_000_00n,
    );
  });

  it("enforces foreign keys", async () => {
    await expect(
      ctx.db.comment.create({ data: { leadId: 987_654, body: "orphan" } }),
    ).rejects.toThrow();
  });
});

const sqliteOnly = testProvider() === "sqlite" ? describe : describe.skip;

sqliteOnly("SQLite connection", () => {
  it("runs with WAL, foreign keys on, synchronous NORMAL and a busy timeout", async () => {
    const pragma = async (name: string) => {
      const rows = await ctx.db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
      return String(Object.values(rows[0]!)[0]);
    };
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("foreign_keys")).toBe("1");
    expect(await pragma("synchronous")).toBe("1");
    expect(await pragma("busy_timeout")).toBe("5000");
  });

  it("keeps a plain write made during another transaction when that transaction rolls back", async () => {
    let release!: () => void;
    let opened!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const failing = ctx.db
      .$transaction(async (tx) => {
        await tx.setting.create({ data: { key: "tx-row", value: "1" } });
        opened();
        await gate;
        throw new Error("roll back");
      })
      .catch(() => "rolled back");
    await isOpen;
    // Issued (then() starts a Prisma query) while the transaction is open on the one connection;
    // let the event loop turn so it reaches the driver before the transaction ends.
    const plain = ctx.db.setting
      .create({ data: { key: "plain-row", value: "1" } })
      .then((row) => row);
    for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
    release();
    expect(await failing).toBe("rolled back");
    await plain;
    const keys = (await ctx.db.setting.findMany()).map((row) => row.key);
    expect(keys).toContain("plain-row");
    expect(keys).not.toContain("tx-row");
  });
});

describe("migration runner", () => {
  it("keeps existing rows and their children when a later migration redefines a table", async () => {
    const all = db.findMigrationsDir();
    const provider = testProvider();
    const names = fs.readdirSync(path.join(all, provider)).sort();
    const partial = fs.mkdtempSync(path.join(os.tmpdir(), "crm-migrations-"));
    fs.mkdirSync(path.join(partial, provider));
    fs.cpSync(path.join(all, provider, names[0]!), path.join(partial, provider, names[0]!), {
      recursive: true,
    });
    const fresh = await freshDatabase();
    try {
      expect((await migrate(fresh.url, partial)).applied).toEqual([names[0]]);
      const raw = db.createDb({ url: fresh.url, poolSize: 1 });
      await raw.$executeRawUnsafe(
        `INSERT INTO "Lead" ("fullName", "phone", "updatedAt") VALUES ('Old Lead', '+998900000001', CURRENT_TIMESTAMP)`,
      );
      await raw.$executeRawUnsafe(
        `INSERT INTO "Comment" ("leadId", "body", "updatedAt") VALUES (1, 'kept', CURRENT_TIMESTAMP)`,
      );
      await raw.$disconnect();
      expect((await migrate(fresh.url, all)).applied).toEqual(names.slice(1));
      const after = db.createDb({ url: fresh.url, poolSize: 1 });
      expect(await after.lead.count()).toBe(1);
      expect(await after.comment.count()).toBe(1);
      await after.$disconnect();
    } finally {
      await fresh.drop();
      fs.rmSync(partial, { recursive: true, force: true });
    }
  });
});

sqliteOnly("SQLite text search index", () => {
  it("keeps the triggers that feed the trigram index and the lead counts (a table redefinition must recreate them)", async () => {
    const triggers = await ctx.db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Lead' ORDER BY name`,
    );
    expect(triggers.map((row) => row.name)).toEqual([
      "Lead_count_delete",
      "Lead_count_insert",
      "Lead_count_update",
      "Lead_search_delete",
      "Lead_search_insert",
      "Lead_search_update",
    ]);
  });
});
