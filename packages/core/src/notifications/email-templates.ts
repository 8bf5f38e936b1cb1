import type { TNotificationKind, TNotificationPayload } from "@crm/contracts";

export type EmailLanguage = "ru" | "uz" | "en";

export interface RenderedEmail {
  subject: string;
  /** Plain-text part. */
  text: string;
  /** HTML part: the same lines, escaped. */
  html: string;
}

/** What an email of one kind says: a subject and its lines, in one language. */
type Message = { subject: string; lines: string[] };
type Template<K extends TNotificationKind> = (payload: TNotificationPayload<K>) => Message;
type Templates = { [K in TNotificationKind]: Template<K> };

const TASHKENT = "Asia/Tashkent";
const LOCALES: Record<EmailLanguage, string> = { ru: "ru-RU", uz: "uz-Latn-UZ", en: "en-GB" };

const when = (language: EmailLanguage, iso: string) =>
  new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: TASHKENT,
  }).format(new Date(iso));
const day = (language: EmailLanguage, iso: string) =>
  new Intl.DateTimeFormat(LOCALES[language], { dateStyle: "medium", timeZone: TASHKENT }).format(
    new Date(iso),
  );
/** Minor units to a sum with its currency (both currencies have 2 decimals). */
const money = (language: EmailLanguage, minor: number, currency: string) =>
  `${new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 }).format(minor / 100)} ${currency}`;

/**
 * Every email the CRM sends, in each language, in one place. Russian is the office language,
 * Uzbek (Latin) the second; English serves users who chose it.
 */
const TEMPLATES: Record<EmailLanguage, Templates> = {
  ru: {
    "lead.assigned": (p) => ({
      subject: `Вам передан лид: ${p.leadName}`,
      lines: [`Вам передан лид «${p.leadName}» (№ ${p.leadId}).`, "Свяжитесь с клиентом."],
    }),
    "callback.due": (p) => ({
      subject: `Звонок через 15 минут: ${p.leadName}`,
      lines: [`Запланированный звонок клиенту «${p.leadName}» в ${when("ru", p.dueAt)}.`],
    }),
    "hold.expiring": (p) => ({
      subject: `Бронь заканчивается: кв. ${p.flatNumber}, ${p.complexName}`,
      lines: [
        `Бронь квартиры ${p.flatNumber} (${p.complexName}) для клиента «${p.leadName}» заканчивается ${when("ru", p.bookedUntil)}.`,
        "Продлите бронь или оформите договор.",
      ],
    }),
    "deal.awaiting-approval": (p) => ({
      subject: `Договор ${p.dealNumber} ждёт согласования`,
      lines: [
        `Договор ${p.dealNumber} (клиент «${p.leadName}») со скидкой ${p.discountPct}% ждёт вашего согласования.`,
      ],
    }),
    "deal.decided": (p) => ({
      subject: `Договор ${p.dealNumber} ${p.approved ? "согласован" : "отклонён"}`,
      lines: [
        `Договор ${p.dealNumber} ${p.approved ? "согласован" : "отклонён"}.`,
        ...(p.note ? [`Комментарий: ${p.note}`] : []),
      ],
    }),
    "instalment.overdue": (p) => ({
      subject: `Просрочен платёж по договору ${p.dealNumber}`,
      lines: [
        `Клиент «${p.leadName}» не оплатил взнос по договору ${p.dealNumber}.`,
        `Срок: ${day("ru", p.dueDate)}. Остаток: ${money("ru", p.amount, p.currency)}.`,
      ],
    }),
    "import.finished": (p) => ({
      subject: `Импорт квартир ${p.failed ? "не выполнен" : "завершён"}: ${p.complexName}`,
      lines: [
        `Импорт квартир ЖК «${p.complexName}» ${p.failed ? "не выполнен" : "завершён"}.`,
        `Создано: ${p.created}, обновлено: ${p.updated}, отклонено: ${p.rejected}.`,
      ],
    }),
    "export.ready": (p) => ({
      subject: `Выгрузка готова: ${p.fileName}`,
      lines: [`Файл «${p.fileName}» готов. Скачайте его в разделе «Мои выгрузки».`],
    }),
  },
  uz: {
    "lead.assigned": (p) => ({
      subject: `Sizga lid biriktirildi: ${p.leadName}`,
      lines: [
        `Sizga «${p.leadName}» lidi (№ ${p.leadId}) biriktirildi.`,
        "Mijoz bilan bog'laning.",
      ],
    }),
    "callback.due": (p) => ({
      subject: `15 daqiqadan keyin qo'ng'iroq: ${p.leadName}`,
      lines: [`«${p.leadName}» mijoziga rejalashtirilgan qo'ng'iroq: ${when("uz", p.dueAt)}.`],
    }),
    "hold.expiring": (p) => ({
      subject: `Bron tugayapti: ${p.flatNumber}-xonadon, ${p.complexName}`,
      lines: [
        `${p.flatNumber}-xonadon (${p.complexName}) «${p.leadName}» uchun broni ${when("uz", p.bookedUntil)} da tugaydi.`,
        "Bronni uzaytiring yoki shartnoma tuzing.",
      ],
    }),
    "deal.awaiting-approval": (p) => ({
      subject: `${p.dealNumber} shartnomasi tasdiqlashni kutmoqda`,
      lines: [
        `${p.dealNumber} shartnomasi («${p.leadName}», chegirma ${p.discountPct}%) tasdiqlashingizni kutmoqda.`,
      ],
    }),
    "deal.decided": (p) => ({
      subject: `${p.dealNumber} shartnomasi ${p.approved ? "tasdiqlandi" : "rad etildi"}`,
      lines: [
        `${p.dealNumber} shartnomasi ${p.approved ? "tasdiqlandi" : "rad etildi"}.`,
        ...(p.note ? [`Izoh: ${p.note}`] : []),
      ],
    }),
    "instalment.overdue": (p) => ({
      subject: `${p.dealNumber} shartnomasi bo'yicha to'lov kechikdi`,
      lines: [
        `«${p.leadName}» mijozi ${p.dealNumber} shartnomasi bo'yicha to'lovni amalga oshirmadi.`,
        `Muddat: ${day("uz", p.dueDate)}. Qoldiq: ${money("uz", p.amount, p.currency)}.`,
      ],
    }),
    "import.finished": (p) => ({
      subject: `Xonadonlar importi ${p.failed ? "bajarilmadi" : "yakunlandi"}: ${p.complexName}`,
      lines: [
        `«${p.complexName}» TJM xonadonlari importi ${p.failed ? "bajarilmadi" : "yakunlandi"}.`,
        `Yaratildi: ${p.created}, yangilandi: ${p.updated}, rad etildi: ${p.rejected}.`,
      ],
    }),
    "export.ready": (p) => ({
      subject: `Eksport tayyor: ${p.fileName}`,
      lines: [`«${p.fileName}» fayli tayyor. Uni «Mening eksportlarim» bo'limidan yuklab oling.`],
    }),
  },
  en: {
    "lead.assigned": (p) => ({
      subject: `A lead was given to you: ${p.leadName}`,
      lines: [`The lead "${p.leadName}" (no. ${p.leadId}) is now yours.`, "Get in touch."],
    }),
    "callback.due": (p) => ({
      subject: `Call in 15 minutes: ${p.leadName}`,
      lines: [`Your call to "${p.leadName}" is due at ${when("en", p.dueAt)}.`],
    }),
    "hold.expiring": (p) => ({
      subject: `Hold ending: flat ${p.flatNumber}, ${p.complexName}`,
      lines: [
        `The hold of flat ${p.flatNumber} (${p.complexName}) for "${p.leadName}" ends ${when("en", p.bookedUntil)}.`,
        "Prolong it or draft the contract.",
      ],
    }),
    "deal.awaiting-approval": (p) => ({
      subject: `Contract ${p.dealNumber} awaits approval`,
      lines: [
        `Contract ${p.dealNumber} ("${p.leadName}", ${p.discountPct}% discount) awaits your approval.`,
      ],
    }),
    "deal.decided": (p) => ({
      subject: `Contract ${p.dealNumber} ${p.approved ? "approved" : "rejected"}`,
      lines: [
        `Contract ${p.dealNumber} was ${p.approved ? "approved" : "rejected"}.`,
        ...(p.note ? [`Note: ${p.note}`] : []),
      ],
    }),
    "instalment.overdue": (p) => ({
      subject: `Overdue instalment on contract ${p.dealNumber}`,
      lines: [
        `"${p.leadName}" has not paid an instalment of contract ${p.dealNumber}.`,
        `Due: ${day("en", p.dueDate)}. Outstanding: ${money("en", p.amount, p.currency)}.`,
      ],
    }),
    "import.finished": (p) => ({
      subject: `Import of flats ${p.failed ? "failed" : "finished"}: ${p.complexName}`,
      lines: [
        `The import of flats of ${p.complexName} ${p.failed ? "failed" : "finished"}.`,
        `Created: ${p.created}, updated: ${p.updated}, rejected: ${p.rejected}.`,
      ],
    }),
    "export.ready": (p) => ({
      subject: `Export ready: ${p.fileName}`,
      lines: [`"${p.fileName}" is ready. Download it under "My exports".`],
    }),
  },
};

const FOOTER: Record<EmailLanguage, string> = {
  ru: "RealEstate CRM. Какие уведомления приходят на почту, настраивается в профиле.",
  uz: "RealEstate CRM. Qaysi bildirishnomalar pochtaga kelishini profilda sozlang.",
  en: "RealEstate CRM. Choose which notifications reach you by email in your profile.",
};

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** One line: a header with a line break would start another header. */
const oneLine = (value: string) => value.replace(/[\r\n\t]+/g, " ").slice(0, 200);

export const emailLanguage = (value: string | null | undefined): EmailLanguage =>
  value === "uz" || value === "en" ? value : "ru";

/** The email for a notification, in the recipient's language: subject, text and HTML parts. */
export function renderNotificationEmail<K extends TNotificationKind>(
  kind: K,
  payload: TNotificationPayload<K>,
  language: EmailLanguage,
): RenderedEmail {
  const template = TEMPLATES[language][kind] as Template<K>;
  const { subject, lines } = template(payload);
  const footer = FOOTER[language];
  return {
    subject: oneLine(subject),
    text: [...lines, "", "—", footer].join("\n"),
    html: `<!doctype html><html lang="${language}"><body style="font-family:Arial,sans-serif;color:#1f2937">${lines
      .map((line) => `<p>${escapeHtml(line)}</p>`)
      .join(
        "",
      )}<hr><p style="color:#6b7280;font-size:12px">${escapeHtml(footer)}</p></body></html>`,
  };
}
