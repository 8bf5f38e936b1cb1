import type { TNotification, TNotificationKind } from "@crm/contracts";

/**
 * Texts the core writes into Telegram messages it queues (reminders, winners, staff
 * notifications). The bot's own dialogue texts live in apps/bot; these are the ones produced
 * by jobs, which have no chat open.
 */
export type TextLang = "ru" | "uz" | "en";
export const textLang = (language: string | null | undefined): TextLang =>
  language === "uz" || language === "en" ? language : "ru";

const NBSP = "\u00a0";
const UNITS: Record<TextLang, Record<"UZS" | "USD", string>> = {
  ru: { UZS: "сум", USD: "USD" },
  uz: { UZS: "so'm", USD: "USD" },
  en: { UZS: "UZS", USD: "USD" },
};

/** 65000000000n UZS → "650 000 000 сум" (both currencies have 2 minor digits). */
export function moneyText(minor: bigint, currency: "UZS" | "USD", lang: TextLang): string {
  const sign = minor < 0n ? "-" : "";
  const abs = minor < 0n ? -minor : minor;
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const cents = abs % 100n;
  const fraction =
    cents === 0n ? "" : `${lang === "en" ? "." : ","}${cents.toString().padStart(2, "0")}`;
  return `${sign}${whole}${fraction}${NBSP}${UNITS[lang][currency]}`;
}

/** 2026-12-03 → "03.12.2026" (Tashkent calendar day of a stored UTC instant). */
export function dayText(date: Date): string {
  const local = new Date(date.getTime() + 5 * 3_600_000);
  const dd = String(local.getUTCDate()).padStart(2, "0");
  const mm = String(local.getUTCMonth() + 1).padStart(2, "0");
  return `${dd}.${mm}.${local.getUTCFullYear()}`;
}

const DRAW_TEXTS = {
  ru: {
    winner: (title: string, place: number, prize: string, ticket: number, drawId: number) =>
      `🎉 Поздравляем! Вы выиграли в розыгрыше «${title}»: ${place}-е место, приз — ${prize}.\n` +
      `Ваш билет № ${ticket}. Менеджер свяжется с вами. Проверить результат: /draw ${drawId}`,
  },
  uz: {
    winner: (title: string, place: number, prize: string, ticket: number, drawId: number) =>
      `🎉 Tabriklaymiz! Siz «${title}» o'yinida g'olib bo'ldingiz: ${place}-o'rin, sovrin — ${prize}.\n` +
      `Chiptangiz № ${ticket}. Menejer siz bilan bog'lanadi. Natijani tekshirish: /draw ${drawId}`,
  },
  en: {
    winner: (title: string, place: number, prize: string, ticket: number, drawId: number) =>
      `🎉 Congratulations! You won in "${title}": place ${place}, prize — ${prize}.\n` +
      `Your ticket No. ${ticket}. A manager will contact you. Check the result: /draw ${drawId}`,
  },
};
export const drawTexts = (language: string | null | undefined) => DRAW_TEXTS[textLang(language)];

export interface InstalmentReminder {
  contractNumber: string;
  amount: bigint;
  currency: "UZS" | "USD";
  dueDate: Date;
}

const REMINDER_TEXTS = {
  ru: {
    soon: (r: InstalmentReminder) =>
      `Напоминание: через 3 дня, ${dayText(r.dueDate)}, платёж по договору ${r.contractNumber} — ${moneyText(r.amount, r.currency, "ru")}.`,
    today: (r: InstalmentReminder) =>
      `Сегодня, ${dayText(r.dueDate)}, срок платежа по договору ${r.contractNumber} — ${moneyText(r.amount, r.currency, "ru")}.`,
    overdue: (r: InstalmentReminder) =>
      `Платёж по договору ${r.contractNumber} от ${dayText(r.dueDate)} просрочен: к оплате ${moneyText(r.amount, r.currency, "ru")}. Подробнее: /contract`,
  },
  uz: {
    soon: (r: InstalmentReminder) =>
      `Eslatma: 3 kundan so'ng, ${dayText(r.dueDate)}, ${r.contractNumber} shartnoma bo'yicha to'lov — ${moneyText(r.amount, r.currency, "uz")}.`,
    today: (r: InstalmentReminder) =>
      `Bugun, ${dayText(r.dueDate)}, ${r.contractNumber} shartnoma bo'yicha to'lov muddati — ${moneyText(r.amount, r.currency, "uz")}.`,
    overdue: (r: InstalmentReminder) =>
      `${r.contractNumber} shartnoma bo'yicha ${dayText(r.dueDate)} dagi to'lov kechiktirildi: ${moneyText(r.amount, r.currency, "uz")}. Batafsil: /contract`,
  },
  en: {
    soon: (r: InstalmentReminder) =>
      `Reminder: in 3 days, on ${dayText(r.dueDate)}, a payment under contract ${r.contractNumber} is due — ${moneyText(r.amount, r.currency, "en")}.`,
    today: (r: InstalmentReminder) =>
      `Today, ${dayText(r.dueDate)}, a payment under contract ${r.contractNumber} is due — ${moneyText(r.amount, r.currency, "en")}.`,
    overdue: (r: InstalmentReminder) =>
      `The payment under contract ${r.contractNumber} due ${dayText(r.dueDate)} is overdue: ${moneyText(r.amount, r.currency, "en")}. Details: /contract`,
  },
};
export const reminderTexts = (language: string | null | undefined) =>
  REMINDER_TEXTS[textLang(language)];

type Payload = Record<string, unknown>;
const s = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? String(value) : "";
const when = (value: unknown) => {
  if (typeof value !== "string") return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() + 5 * 3_600_000);
  const hh = String(local.getUTCHours()).padStart(2, "0");
  const mi = String(local.getUTCMinutes()).padStart(2, "0");
  return `${dayText(date)} ${hh}:${mi}`;
};

/** A staff notification as a Telegram message, in the user's language (ru, uz; en as en). */
const STAFF_TEXTS: Record<TextLang, Partial<Record<TNotificationKind, (p: Payload) => string>>> = {
  ru: {
    "lead.assigned": (p) => `🆕 Вам назначен лид: ${s(p.leadName)} (№ ${s(p.leadId)}).`,
    "callback.due": (p) => `📞 Пора перезвонить: ${s(p.leadName)} — ${when(p.dueAt)}.`,
    "hold.expiring": (p) =>
      `⏳ Бронь кв. № ${s(p.flatNumber)} (${s(p.complexName)}) для ${s(p.leadName)} истекает ${when(p.bookedUntil)}.`,
    "deal.awaiting-approval": (p) =>
      `✍️ Договор ${s(p.dealNumber)} (${s(p.leadName)}) ждёт одобрения: скидка ${s(p.discountPct)}%.`,
    "deal.decided": (p) =>
      `${p.approved ? "✅ Одобрен" : "❌ Отклонён"} договор ${s(p.dealNumber)}${p.note ? `: ${s(p.note)}` : "."}`,
  },
  uz: {
    "lead.assigned": (p) => `🆕 Sizga yangi lid biriktirildi: ${s(p.leadName)} (№ ${s(p.leadId)}).`,
    "callback.due": (p) => `📞 Qo'ng'iroq vaqti: ${s(p.leadName)} — ${when(p.dueAt)}.`,
    "hold.expiring": (p) =>
      `⏳ № ${s(p.flatNumber)} xonadon (${s(p.complexName)}) broni ${s(p.leadName)} uchun ${when(p.bookedUntil)} da tugaydi.`,
    "deal.awaiting-approval": (p) =>
      `✍️ ${s(p.dealNumber)} shartnoma (${s(p.leadName)}) tasdiqni kutmoqda: chegirma ${s(p.discountPct)}%.`,
    "deal.decided": (p) =>
      `${s(p.dealNumber)} shartnoma ${p.approved ? "✅ tasdiqlandi" : "❌ rad etildi"}${p.note ? `: ${s(p.note)}` : "."}`,
  },
  en: {
    "lead.assigned": (p) => `🆕 A lead was assigned to you: ${s(p.leadName)} (No. ${s(p.leadId)}).`,
    "callback.due": (p) => `📞 Call due: ${s(p.leadName)} — ${when(p.dueAt)}.`,
    "hold.expiring": (p) =>
      `⏳ The hold of flat No. ${s(p.flatNumber)} (${s(p.complexName)}) for ${s(p.leadName)} ends ${when(p.bookedUntil)}.`,
    "deal.awaiting-approval": (p) =>
      `✍️ Contract ${s(p.dealNumber)} (${s(p.leadName)}) awaits approval: ${s(p.discountPct)}% discount.`,
    "deal.decided": (p) =>
      `Contract ${s(p.dealNumber)} ${p.approved ? "✅ approved" : "❌ rejected"}${p.note ? `: ${s(p.note)}` : "."}`,
  },
};

/** The message for a notification, or null for kinds that do not go to Telegram. */
export function staffNotificationText(
  notification: Pick<TNotification, "kind" | "payload">,
  language: string | null | undefined,
): string | null {
  const render = STAFF_TEXTS[textLang(language)][notification.kind];
  return render ? render(notification.payload) : null;
}
