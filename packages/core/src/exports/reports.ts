import type { TExportKind, TExportParams } from "@crm/contracts";
import { discountPct } from "@crm/contracts";
import type { ApartmentStatus, Db, SqlReader } from "@crm/db";
import type { Actor } from "../access";
import { dealsWhere } from "../deals/deals";
import { overdueWhere } from "../deals/payments";
import { timesheet } from "../attendance/attendance";
import { notFound } from "../errors";
import { listExpenses } from "../expenses/expenses";
import { naturalOrder } from "../inventory/flat-values";
import { gridRows } from "../inventory/grid.repository";
import { eachListedLead } from "../leads/leads.service";
import { leadStats } from "../stats/stats.service";
import type { CellValue, Column, Sheet } from "./files";

export type ReportLanguage = "ru" | "uz";

export interface ReportContext {
  db: Db;
  reader: SqlReader;
  /** Whose report: what it holds is what this user may see. */
  actor: Actor;
  language: ReportLanguage;
  now: Date;
  /** Called with 0–1 as the data is read. */
  progress(fraction: number): Promise<void>;
}

export interface Report {
  /** File name without extension. */
  baseName: string;
  sheets: Sheet[];
  /** The CSV form when it differs from the sheets (the шахматка as a flat list). */
  csvSheets?: Sheet[];
}

type Builder<K extends TExportKind> = (
  params: TExportParams<K>,
  ctx: ReportContext,
) => Promise<Report>;

/** Column helper: Russian and Uzbek header, type, width. */
const col = (ru: string, uz: string, type: Column["type"], width: number) => ({
  ru,
  uz,
  type,
  width,
});
type ColumnDef = ReturnType<typeof col>;
const columns = (defs: ColumnDef[], language: ReportLanguage): Column[] =>
  defs.map((def) => ({ header: def[language], type: def.type, width: def.width }));
const t = (language: ReportLanguage, ru: string, uz: string) => (language === "uz" ? uz : ru);

const fullName = (user: { firstName: string; lastName: string } | null | undefined) =>
  user ? `${user.firstName} ${user.lastName}`.trim() : null;

const money = (minor: bigint | number | null, currency: string | null) =>
  minor === null || currency === null ? null : { minor, currency };

async function complexNames(db: Db, ids: Iterable<number | null>) {
  const wanted = [...new Set([...ids].filter((id): id is number => id !== null))];
  const rows = wanted.length
    ? await db.complex.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })
    : [];
  return new Map(rows.map((row) => [row.id, row.name]));
}

const LEAD_COLUMNS = [
  col("ID", "ID", "int", 8),
  col("ФИО", "F.I.Sh.", "text", 28),
  col("Телефон", "Telefon", "text", 16),
  col("Статус", "Holat", "text", 13),
  col("Источник", "Manba", "text", 12),
  col("Регион", "Hudud", "text", 14),
  col("Ответственный", "Mas'ul", "text", 22),
  col("ЖК", "TJM", "text", 20),
  col("Бюджет", "Byudjet", "money", 18),
  col("Валюта", "Valyuta", "text", 8),
  col("Создан", "Yaratilgan", "datetime", 17),
  col("Статус изменён", "Holat o'zgargan", "datetime", 17),
  col("Последняя активность", "So'nggi faollik", "datetime", 17),
  col("Следующий звонок", "Keyingi qo'ng'iroq", "datetime", 17),
  col("Причина отказа", "Rad etish sababi", "text", 24),
  col("Примечание", "Izoh", "text", 30),
];

const leadsReport: Builder<"leads"> = async (filters, ctx) => {
  const rows: CellValue[][] = [];
  const complexIds = new Set<number | null>();
  const leads = [];
  for await (const page of eachListedLead(ctx.reader, ctx.actor, filters)) {
    for (const lead of page) complexIds.add(lead.complexId);
    leads.push(...page);
    await ctx.progress(Math.min(0.9, leads.length / (leads.length + 500)));
  }
  const names = await complexNames(ctx.db, complexIds);
  for (const lead of leads) {
    rows.push([
      lead.id,
      lead.fullName,
      lead.phone,
      lead.status,
      lead.source,
      lead.region,
      fullName(lead.owner),
      lead.complexId === null ? null : (names.get(lead.complexId) ?? null),
      money(lead.budget, lead.budgetCurrency),
      lead.budgetCurrency,
      new Date(lead.createdAt),
      new Date(lead.statusChangedAt),
      lead.lastActivityAt === null ? null : new Date(lead.lastActivityAt),
      lead.nextCallbackAt === null ? null : new Date(lead.nextCallbackAt),
      lead.lostReason,
      lead.note,
    ]);
  }
  return {
    baseName: "leads",
    sheets: [
      {
        name: t(ctx.language, "Лиды", "Lidlar"),
        columns: columns(LEAD_COLUMNS, ctx.language),
        rows,
      },
    ],
  };
};

const BREAKDOWN = (ru: string, uz: string) => [
  col(ru, uz, "text", 28),
  col("Лидов", "Lidlar", "int", 10),
  col("Продано", "Sotilgan", "int", 10),
  col("Конверсия", "Konversiya", "percent", 12),
];

const salesReport: Builder<"sales"> = async (params, ctx) => {
  const stats = await leadStats(ctx.db, ctx.reader, ctx.actor, params);
  await ctx.progress(0.8);
  const none = t(ctx.language, "— не указан —", "— ko'rsatilmagan —");
  const sheet = (name: string, header: ColumnDef[], rows: CellValue[][]): Sheet => ({
    name,
    columns: columns(header, ctx.language),
    rows,
  });
  const l = ctx.language;
  return {
    baseName: "sales",
    sheets: [
      sheet(
        t(l, "По продавцам", "Sotuvchilar bo'yicha"),
        BREAKDOWN("Продавец", "Sotuvchi"),
        stats.bySeller.map((r) => [r.name ?? none, r.total, r.sold, r.conversionRate]),
      ),
      sheet(
        t(l, "По источникам", "Manbalar bo'yicha"),
        BREAKDOWN("Источник", "Manba"),
        stats.bySource.map((r) => [r.source, r.total, r.sold, r.conversionRate]),
      ),
      sheet(
        t(l, "По ЖК", "TJM bo'yicha"),
        BREAKDOWN("ЖК", "TJM"),
        stats.byComplex.map((r) => [r.name ?? none, r.total, r.sold, r.conversionRate]),
      ),
      sheet(
        t(l, "Воронка", "Voronka"),
        [col("Статус", "Holat", "text", 16), col("Лидов", "Lidlar", "int", 10)],
        stats.funnel.map((r) => [r.status, r.count]),
      ),
    ],
  };
};

const DEAL_COLUMNS = [
  col("Договор", "Shartnoma", "text", 14),
  col("Клиент", "Mijoz", "text", 26),
  col("Телефон", "Telefon", "text", 16),
  col("ЖК", "TJM", "text", 20),
  col("Блок", "Blok", "text", 8),
  col("Квартира", "Xonadon", "text", 9),
  col("Площадь, м²", "Maydon, m²", "number", 11),
  col("Прайс", "Narx (prays)", "money", 18),
  col("Цена", "Narx", "money", 18),
  col("Скидка, %", "Chegirma, %", "number", 10),
  col("Валюта", "Valyuta", "text", 8),
  col("Первый взнос", "Boshlang'ich to'lov", "money", 18),
  col("Месяцев", "Oylar", "int", 9),
  col("Статус", "Holat", "text", 11),
  col("Согласование", "Tasdiqlash", "text", 13),
  col("Оплачено", "To'langan", "money", 18),
  col("Остаток", "Qoldiq", "money", 18),
  col("Создан", "Yaratilgan", "datetime", 17),
  col("Подписан", "Imzolangan", "datetime", 17),
];

const dealsReport: Builder<"deals"> = async (params, ctx) => {
  const rows = await ctx.db.contract.findMany({
    where: dealsWhere(ctx.actor, params),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      number: true,
      price: true,
      listPrice: true,
      currency: true,
      downPayment: true,
      installmentMonths: true,
      status: true,
      approval: true,
      createdAt: true,
      signedAt: true,
      lead: { select: { fullName: true, phone: true } },
      apartment: { select: { complexId: true, block: true, number: true, area: true } },
      payments: { select: { amount: true, paidAmount: true } },
    },
  });
  await ctx.progress(0.7);
  const names = await complexNames(
    ctx.db,
    rows.map((row) => row.apartment.complexId),
  );
  return {
    baseName: "deals",
    sheets: [
      {
        name: t(ctx.language, "Договоры", "Shartnomalar"),
        columns: columns(DEAL_COLUMNS, ctx.language),
        rows: rows.map((row) => {
          const due = row.payments.reduce((sum, p) => sum + p.amount, 0n);
          const paid = row.payments.reduce((sum, p) => sum + p.paidAmount, 0n);
          const listPrice = row.listPrice ?? row.price;
          return [
            row.number,
            row.lead.fullName,
            row.lead.phone,
            names.get(row.apartment.complexId) ?? null,
            row.apartment.block,
            row.apartment.number,
            row.apartment.area,
            money(listPrice, row.currency),
            money(row.price, row.currency),
            discountPct(listPrice, row.price),
            row.currency,
            money(row.downPayment, row.currency),
            row.installmentMonths,
            row.status,
            row.approval,
            money(paid, row.currency),
            money(due - paid, row.currency),
            row.createdAt,
            row.signedAt,
          ];
        }),
      },
    ],
  };
};

const PAYMENT_COLUMNS = [
  col("Квитанция", "Kvitansiya", "text", 14),
  col("Дата оплаты", "To'lov sanasi", "datetime", 17),
  col("Договор", "Shartnoma", "text", 14),
  col("Клиент", "Mijoz", "text", 26),
  col("ЖК", "TJM", "text", 20),
  col("Сумма", "Summa", "money", 18),
  col("Валюта", "Valyuta", "text", 8),
  col("Способ", "Usul", "text", 14),
  col("Принял", "Qabul qilgan", "text", 22),
  col("Примечание", "Izoh", "text", 30),
];

const paymentsReport: Builder<"payments"> = async (params, ctx) => {
  const rows = await ctx.db.paymentReceipt.findMany({
    where: {
      reversedAt: null,
      paidAt: {
        ...(params.from ? { gte: new Date(params.from) } : {}),
        ...(params.to ? { lt: new Date(params.to) } : {}),
      },
      ...(params.complexId ? { payment: { lead: { complexId: params.complexId } } } : {}),
    },
    orderBy: [{ paidAt: "asc" }, { id: "asc" }],
    select: {
      number: true,
      paidAt: true,
      amount: true,
      currency: true,
      method: true,
      note: true,
      recordedBy: { select: { firstName: true, lastName: true } },
      contract: { select: { number: true, apartment: { select: { complexId: true } } } },
      payment: { select: { lead: { select: { fullName: true, complexId: true } } } },
    },
  });
  await ctx.progress(0.7);
  const names = await complexNames(
    ctx.db,
    rows.map((row) => row.contract?.apartment.complexId ?? row.payment.lead.complexId),
  );
  return {
    baseName: "payments",
    sheets: [
      {
        name: t(ctx.language, "Поступления", "Tushumlar"),
        columns: columns(PAYMENT_COLUMNS, ctx.language),
        rows: rows.map((row) => {
          const complexId = row.contract?.apartment.complexId ?? row.payment.lead.complexId;
          return [
            row.number,
            row.paidAt,
            row.contract?.number ?? null,
            row.payment.lead.fullName,
            complexId === null ? null : (names.get(complexId) ?? null),
            money(row.amount, row.currency),
            row.currency,
            row.method,
            fullName(row.recordedBy),
            row.note,
          ];
        }),
      },
    ],
  };
};

const OVERDUE_COLUMNS = [
  col("Ответственный", "Mas'ul", "text", 22),
  col("Договор", "Shartnoma", "text", 14),
  col("Клиент", "Mijoz", "text", 26),
  col("Телефон", "Telefon", "text", 16),
  col("Взнос №", "To'lov №", "int", 9),
  col("Срок", "Muddat", "date", 12),
  col("Дней просрочки", "Kechikkan kunlar", "int", 12),
  col("Сумма", "Summa", "money", 18),
  col("Оплачено", "To'langan", "money", 18),
  col("Остаток", "Qoldiq", "money", 18),
  col("Валюта", "Valyuta", "text", 8),
];

const DAY = 86_400_000;
const overdueReport: Builder<"overdue"> = async (_params, ctx) => {
  const rows = await ctx.db.payment.findMany({
    where: overdueWhere(ctx.now),
    select: {
      seq: true,
      amount: true,
      paidAmount: true,
      currency: true,
      dueDate: true,
      contract: { select: { number: true } },
      lead: {
        select: {
          fullName: true,
          phone: true,
          owner: { select: { firstName: true, lastName: true } },
        },
      },
    },
  });
  await ctx.progress(0.7);
  const items = rows
    .map((row) => ({ row, seller: fullName(row.lead.owner) ?? "" }))
    .sort(
      (a, b) =>
        a.seller.localeCompare(b.seller) ||
        naturalOrder(a.row.contract?.number ?? "", b.row.contract?.number ?? "") ||
        a.row.dueDate.getTime() - b.row.dueDate.getTime(),
    );
  return {
    baseName: "overdue",
    sheets: [
      {
        name: t(ctx.language, "Просрочка", "Kechikish"),
        columns: columns(OVERDUE_COLUMNS, ctx.language),
        rows: items.map(({ row, seller }) => [
          seller || null,
          row.contract?.number ?? null,
          row.lead.fullName,
          row.lead.phone,
          row.seq,
          row.dueDate,
          Math.floor((ctx.now.getTime() - row.dueDate.getTime()) / DAY),
          money(row.amount, row.currency),
          money(row.paidAmount, row.currency),
          money(row.amount - row.paidAmount, row.currency),
          row.currency,
        ]),
      },
    ],
  };
};

/** The шахматка's colours, the same meaning as on the screen. */
export const STATUS_FILLS: Record<ApartmentStatus, string> = {
  FREE: "FFC6EFCE",
  BOOKED: "FFFFEB9C",
  SOLD: "FFFFC7CE",
  UNAVAILABLE: "FFD9D9D9",
};

const FLAT_COLUMNS = [
  col("Блок", "Blok", "text", 8),
  col("Подъезд", "Podyezd", "text", 9),
  col("Этаж", "Qavat", "int", 7),
  col("Квартира", "Xonadon", "text", 9),
  col("Комнат", "Xonalar", "int", 8),
  col("Площадь, м²", "Maydon, m²", "number", 11),
  col("Цена", "Narx", "money", 18),
  col("Валюта", "Valyuta", "text", 8),
  col("Статус", "Holat", "text", 12),
];

const gridReport: Builder<"grid"> = async ({ complexId }, ctx) => {
  const complex = await ctx.db.complex.findUnique({
    where: { id: complexId },
    select: { name: true, currency: true },
  });
  if (!complex) throw notFound("Complex");
  const flats = await gridRows(ctx.reader, complexId);
  await ctx.progress(0.6);
  const blocks = new Map<string, typeof flats>();
  for (const flat of flats) blocks.set(flat.block, [...(blocks.get(flat.block) ?? []), flat]);
  const l = ctx.language;
  const sheets: Sheet[] = [...blocks.entries()]
    .sort(([a], [b]) => naturalOrder(a, b))
    .map(([block, blockFlats]) => {
      const floors = [...new Set(blockFlats.map((flat) => flat.floor))].sort((a, b) => b - a);
      const perFloor = floors.map((floor) =>
        blockFlats
          .filter((flat) => flat.floor === floor)
          .sort((a, b) => naturalOrder(a.number, b.number)),
      );
      const width = Math.max(1, ...perFloor.map((row) => row.length));
      const statuses: (ApartmentStatus | null)[][] = perFloor.map((row) =>
        Array.from({ length: width }, (_, i) => row[i]?.status ?? null),
      );
      return {
        name: `${t(l, "Блок", "Blok")} ${block}`,
        columns: [
          { header: t(l, "Этаж", "Qavat"), type: "int" as const, width: 7 },
          ...Array.from({ length: width }, (_, i) => ({
            header: String(i + 1),
            type: "text" as const,
            width: 16,
          })),
        ],
        rows: perFloor.map((row, i) => [
          floors[i]!,
          ...Array.from({ length: width }, (_, j) => {
            const flat = row[j];
            return flat
              ? `№${flat.number} · ${flat.rooms}${t(l, "к", "x")} · ${flat.area} м²`
              : null;
          }),
        ]),
        fill: (rowIndex, columnIndex) => {
          const status = columnIndex > 0 ? statuses[rowIndex]?.[columnIndex - 1] : null;
          return status ? STATUS_FILLS[status] : undefined;
        },
      } satisfies Sheet;
    });
  const legend: Sheet = {
    name: t(l, "Легенда", "Izoh"),
    columns: columns(
      [col("Статус", "Holat", "text", 16), col("Квартир", "Xonadonlar", "int", 10)],
      l,
    ),
    rows: (Object.keys(STATUS_FILLS) as ApartmentStatus[]).map((status) => [
      status,
      flats.filter((flat) => flat.status === status).length,
    ]),
    fill: (rowIndex, columnIndex) =>
      columnIndex === 0
        ? STATUS_FILLS[(Object.keys(STATUS_FILLS) as ApartmentStatus[])[rowIndex]!]
        : undefined,
  };
  const list = [...flats].sort(
    (a, b) =>
      naturalOrder(a.block, b.block) || a.floor - b.floor || naturalOrder(a.number, b.number),
  );
  return {
    baseName: `grid-${complexId}`,
    sheets: [...sheets, legend],
    csvSheets: [
      {
        name: complex.name,
        columns: columns(FLAT_COLUMNS, l),
        rows: list.map((flat) => [
          flat.block,
          flat.section,
          flat.floor,
          flat.number,
          flat.rooms,
          flat.area,
          money(flat.price, complex.currency),
          complex.currency,
          flat.status,
        ]),
      },
    ],
  };
};

/**
 * Every report: kind → how it is built. With the contracts' `exportKinds` entry (parameters and
 * roles), this is all a new report needs.
 */
const EXPENSE_COLUMNS = [
  col("Дата", "Sana", "date", 12),
  col("Категория", "Toifa", "text", 22),
  col("Сумма", "Summa", "money", 18),
  col("Валюта", "Valyuta", "text", 8),
  col("ЖК", "TJM", "text", 20),
  col("Канал", "Kanal", "text", 12),
  col("Примечание", "Izoh", "text", 30),
  col("Внёс", "Kiritgan", "text", 22),
  col("Аннулирован", "Bekor qilingan", "text", 24),
];

/** A local day (YYYY-MM-DD) as the date cell of that day. */
const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

const expensesReport: Builder<"expenses"> = async (params, ctx) => {
  const rows: CellValue[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listExpenses(ctx.db, { ...params, limit: 200, cursor });
    for (const item of page.items) {
      rows.push([
        dayDate(item.spentOn),
        item.category.name,
        money(item.amount, item.currency),
        item.currency,
        item.complex?.name ?? null,
        item.source,
        item.note,
        item.createdBy,
        item.voidedAt ? (item.voidReason ?? "—") : null,
      ]);
    }
    await ctx.progress(Math.min(0.9, rows.length / 10_000));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return {
    baseName: t(ctx.language, "Расходы", "Xarajatlar"),
    sheets: [
      {
        name: t(ctx.language, "Расходы", "Xarajatlar"),
        columns: columns(EXPENSE_COLUMNS, ctx.language),
        rows,
      },
    ],
  };
};

const ATTENDANCE_DAY_COLUMNS = [
  col("Сотрудник", "Xodim", "text", 24),
  col("Роль", "Rol", "text", 10),
  col("День", "Kun", "date", 12),
  col("Приход", "Kelgan", "datetime", 17),
  col("Уход", "Ketgan", "datetime", 17),
  col("Часы", "Soat", "number", 8),
  col("Опоздание, мин", "Kechikish, daq", "int", 12),
  col("Закрыт автоматически", "Avtomatik yopilgan", "text", 12),
  col("Исправление", "Tuzatish", "text", 28),
];
const ATTENDANCE_MONTH_COLUMNS = [
  col("Сотрудник", "Xodim", "text", 24),
  col("Роль", "Rol", "text", 10),
  col("Дней", "Kunlar", "int", 8),
  col("Часы", "Soat", "number", 8),
  col("Опозданий", "Kechikishlar", "int", 10),
  col("Без отметки ухода", "Ketish belgisisiz", "int", 12),
  col("Пропущено рабочих дней", "Qoldirilgan ish kunlari", "int", 12),
];

const attendanceReport: Builder<"attendance"> = async (params, ctx) => {
  const sheet = await timesheet(ctx.db, params, ctx.now);
  await ctx.progress(0.7);
  const yes = t(ctx.language, "да", "ha");
  const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
  const days: CellValue[][] = [];
  for (const person of sheet.people) {
    for (const entry of person.entries) {
      const worked = entry.checkOut
        ? (new Date(entry.checkOut).getTime() - new Date(entry.checkIn).getTime()) / 60_000
        : null;
      days.push([
        person.user.name,
        person.user.role,
        dayDate(entry.day),
        new Date(entry.checkIn),
        entry.checkOut ? new Date(entry.checkOut) : null,
        worked === null ? null : hours(worked),
        entry.lateMinutes,
        entry.autoClosed ? yes : null,
        entry.correctionReason,
      ]);
    }
  }
  return {
    baseName: `${t(ctx.language, "Табель", "Tabel")} ${sheet.month}`,
    sheets: [
      {
        name: sheet.month,
        columns: columns(ATTENDANCE_MONTH_COLUMNS, ctx.language),
        rows: sheet.people.map((person) => [
          person.user.name,
          person.user.role,
          person.days,
          hours(person.minutes),
          person.lateDays,
          person.autoClosedDays,
          person.missingDays.length,
        ]),
      },
      {
        name: t(ctx.language, "По дням", "Kunlar bo'yicha"),
        columns: columns(ATTENDANCE_DAY_COLUMNS, ctx.language),
        rows: days,
      },
    ],
    csvSheets: [
      {
        name: t(ctx.language, "По дням", "Kunlar bo'yicha"),
        columns: columns(ATTENDANCE_DAY_COLUMNS, ctx.language),
        rows: days,
      },
    ],
  };
};

export const REPORTS: { [K in TExportKind]: Builder<K> } = {
  leads: leadsReport,
  sales: salesReport,
  deals: dealsReport,
  payments: paymentsReport,
  overdue: overdueReport,
  grid: gridReport,
  expenses: expensesReport,
  attendance: attendanceReport,
};
