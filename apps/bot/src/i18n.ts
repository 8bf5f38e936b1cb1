/**
 * Bot texts. The greeting and the main keyboard speak Russian and Uzbek (Latin) together, since
 * a first-time visitor's Telegram language says little in Uzbekistan; later answers follow the
 * user's Telegram language: Uzbek for `uz`, English for `en`, Russian for everything else
 * (the language most CIS visitors read).
 */
export type Lang = "ru" | "uz" | "en";

export function langOf(languageCode: string | undefined): Lang {
  const code = languageCode?.toLowerCase() ?? "";
  if (code.startsWith("uz")) return "uz";
  if (code.startsWith("en")) return "en";
  return "ru";
}

export const GREETING =
  "Здравствуйте! Это бот отдела продаж. Здесь можно посмотреть свободные квартиры и оставить " +
  "заявку — менеджер перезвонит вам.\n\n" +
  "Assalomu alaykum! Bu sotuv bo'limi boti. Bu yerda bo'sh xonadonlarni ko'rishingiz va ariza " +
  "qoldirishingiz mumkin — menejer sizga qo'ng'iroq qiladi.";

/** Main keyboard buttons; tapping one sends its text, matched exactly. */
export const BUTTONS = {
  request: "📝 Оставить заявку · Ariza qoldirish",
  flats: "🏢 Квартиры · Xonadonlar",
  help: "ℹ️ Помощь · Yordam",
  cancel: "❌ Отмена · Bekor qilish",
  contract: "📄 Мой договор · Shartnomam",
  draw: "🎁 Розыгрыши · O'yinlar",
} as const;

/** Asked once, before the greeting, of a user who has not chosen yet (also /language). */
export const LANGUAGE_QUESTION = "Выберите язык · Tilni tanlang";
export const LANGUAGE_BUTTONS = [
  { lang: "ru", label: "🇷🇺 Русский" },
  { lang: "uz", label: "🇺🇿 O'zbekcha" },
] as const;

export interface DrawView {
  id: number;
  title: string;
  status: "DRAFT" | "OPEN" | "CLOSED" | "DRAWN";
  prizes: string[];
  winnersCount: number;
  entriesCount: number;
  entryClosesAt: string;
  commitment: string;
  seed: string | null;
  entriesHash: string | null;
  winners: { place: number; ticket: number; prize: string }[];
}

export interface ContractView {
  number: string;
  complexName: string;
  flatNumber: string;
  price: string;
  paid: string;
  outstanding: string;
  next: { date: string; amount: string } | null;
  overdue: { count: number; amount: string; since: string } | null;
}

export interface Messages {
  help: string;
  chooseComplex: string;
  noComplexes: string;
  complexNotFound(slug: string): string;
  noFreeFlats(complex: string): string;
  flatsHeader(complex: string, city: string, shown: number, total: number): string;
  rooms(count: number): string;
  floor(floor: number): string;
  block(block: string): string;
  flatNumber(number: string): string;
  requestForComplex: string;
  askName: string;
  askNameAgain: string;
  askPhone(name: string): string;
  shareContact: string;
  askPhoneAgain: string;
  ownContactOnly: string;
  tooManyRequests: string;
  requestDone(name: string): string;
  requestCancelled: string;
  nothingToCancel: string;
  privateOnly: string;
  fallback: string;
  error: string;
  languageSaved: string;
  filterAnyRooms: string;
  filterUpTo(price: string): string;
  filtersHint: string;
  viewButton(number: string): string;
  viewingFor(number: string, complex: string): string;
  viewingUnavailable: string;
  askContact: string;
  contractNone: string;
  contract(view: ContractView): string;
  draws: string;
  noDraws: string;
  drawLine(draw: DrawView): string;
  drawDetails(draw: DrawView): string;
  joinButton: string;
  drawJoined(ticket: number, title: string): string;
  drawAlready(ticket: number): string;
  drawClosed: string;
  drawNotFound: string;
  drawNeedsPhone: string;
  drawNotEligible: string;
  linkUsage: string;
  linked(name: string): string;
  linkInvalid: string;
  unlinked: string;
  notLinked: string;
}

const DRAW_STATUS: Record<Lang, Record<DrawView["status"], string>> = {
  ru: {
    DRAFT: "черновик",
    OPEN: "идёт приём участников",
    CLOSED: "приём закрыт",
    DRAWN: "итоги подведены",
  },
  uz: {
    DRAFT: "qoralama",
    OPEN: "ishtirokchilar qabul qilinmoqda",
    CLOSED: "qabul yopildi",
    DRAWN: "natijalar e'lon qilindi",
  },
  en: { DRAFT: "draft", OPEN: "open for entries", CLOSED: "entries closed", DRAWN: "drawn" },
};

const VERIFY: Record<Lang, string> = {
  ru:
    "Как проверить: 1) SHA-256 от seed (как текста) равен commitment, опубликованному до розыгрыша; " +
    "2) SHA-256 списка номеров билетов (каждый с новой строки) равен хэшу списка; " +
    "3) победители — первые места перемешивания Фишера–Йетса, где шаг i берёт " +
    "HMAC-SHA256(seed, хэш списка + ':' + i). Скрипт: node scripts/verify-draw.mjs <адрес /api/public/draws/ID>",
  uz:
    "Qanday tekshirish: 1) seed (matn sifatida) SHA-256 qiymati o'yindan oldin e'lon qilingan commitment bilan bir xil; " +
    "2) chipta raqamlari ro'yxatining (har biri yangi qatordan) SHA-256 qiymati ro'yxat xeshiga teng; " +
    "3) g'oliblar — Fisher–Yates aralashtirishining birinchi o'rinlari, i-qadam " +
    "HMAC-SHA256(seed, ro'yxat xeshi + ':' + i) dan olinadi. Skript: node scripts/verify-draw.mjs <manzil /api/public/draws/ID>",
  en:
    "How to verify: 1) SHA-256 of the seed (as text) equals the commitment published before the draw; " +
    "2) SHA-256 of the ticket numbers, one per line, equals the entries hash; " +
    "3) the winners are the first places of a Fisher–Yates shuffle whose step i uses " +
    "HMAC-SHA256(seed, entries hash + ':' + i). Script: node scripts/verify-draw.mjs <URL of /api/public/draws/ID>",
};

function drawDetails(
  lang: Lang,
  labels: { prizes: string; entries: string; winners: string; ticket: string },
) {
  return (draw: DrawView) => {
    const lines = [
      `🎁 ${draw.title} (№ ${draw.id}) — ${DRAW_STATUS[lang][draw.status]}`,
      `${labels.prizes}: ${draw.prizes.join(", ")}`,
      `${labels.entries}: ${draw.entriesCount}`,
      `commitment: ${draw.commitment}`,
    ];
    if (draw.entriesHash) lines.push(`entries hash: ${draw.entriesHash}`);
    if (draw.seed) lines.push(`seed: ${draw.seed}`);
    if (draw.winners.length) {
      lines.push(
        `${labels.winners}:`,
        ...draw.winners.map((w) => `${w.place}. ${labels.ticket} ${w.ticket} — ${w.prize}`),
      );
    }
    lines.push("", VERIFY[lang]);
    return lines.join("\n");
  };
}

const ru: Messages = {
  help:
    "Что я умею:\n" +
    "/flats — жилые комплексы и свободные квартиры\n" +
    "/flats <код ЖК> — свободные квартиры комплекса, например /flats sunrise\n" +
    "/request — оставить заявку, менеджер перезвонит\n" +
    "/contract — мой договор и платежи (для покупателей)\n" +
    "/draw — розыгрыши призов\n" +
    "/language — сменить язык\n" +
    "/cancel — отменить заполнение заявки\n" +
    "/help — эта справка",
  chooseComplex: "Выберите жилой комплекс:",
  noComplexes:
    "Сейчас нет комплексов в продаже. Оставьте заявку (/request) — мы сообщим о старте продаж.",
  complexNotFound: (slug) =>
    `Комплекс «${slug}» не найден или ещё не открыт для продажи. Посмотрите список: /flats`,
  noFreeFlats: (complex) =>
    `В ЖК «${complex}» сейчас нет свободных квартир. Оставьте заявку — менеджер предложит варианты.`,
  flatsHeader: (complex, city, shown, total) =>
    `🏢 ЖК «${complex}», ${city}\nСвободные квартиры: ${shown === total ? total : `${shown} из ${total}`}`,
  rooms: (count) => (count === 0 ? "студия" : `${count}-комн.`),
  floor: (floor) => `${floor} этаж`,
  block: (block) => `блок ${block}`,
  flatNumber: (number) => `№ ${number}`,
  requestForComplex: "📝 Оставить заявку по этому ЖК",
  askName: "Как к вам обращаться? Напишите имя и фамилию.\nОтменить — /cancel",
  askNameAgain: "Пожалуйста, напишите имя текстом (от 2 до 100 символов).",
  askPhone: (name) =>
    `Спасибо, ${name}! Теперь номер телефона: нажмите кнопку ниже или напишите его, например +998 90 123 45 67.`,
  shareContact: "📱 Отправить мой номер",
  askPhoneAgain: "Не получилось распознать номер. Напишите его в формате +998 90 123 45 67.",
  ownContactOnly:
    "Отправьте, пожалуйста, свой контакт кнопкой ниже — чужой номер мы принять не можем.",
  tooManyRequests:
    "Мы уже получили ваши заявки сегодня — менеджер обязательно свяжется с вами. Спасибо!",
  requestDone: (name) => `Заявка принята, ${name}! Менеджер свяжется с вами в ближайшее время.`,
  requestCancelled: "Заявка отменена.",
  nothingToCancel: "Отменять нечего.",
  privateOnly: "Оставить заявку можно в личном чате с ботом.",
  fallback: "Я вас не понял. Список команд — /help",
  error: "Что-то пошло не так. Попробуйте ещё раз чуть позже.",
  languageSaved: "Готово, буду отвечать по-русски.",
  filterAnyRooms: "Все",
  filterUpTo: (price) => `до ${price}`,
  filtersHint:
    "Фильтры: комнаты и цена — кнопками ниже. Нажмите на квартиру, чтобы записаться на просмотр.",
  viewButton: (number) => `🔑 № ${number} — просмотр`,
  viewingFor: (number, complex) => `Запись на просмотр квартиры № ${number}, ЖК «${complex}».`,
  viewingUnavailable: "Эта квартира уже недоступна. Посмотрите другие: /flats",
  askContact: "Нажмите кнопку ниже, чтобы отправить свой номер телефона.",
  contractNone:
    "Договоров на этот номер не найдено. Если вы покупали квартиру, свяжитесь с менеджером.",
  contract: (v) =>
    [
      `📄 Договор ${v.number}: ЖК «${v.complexName}», кв. № ${v.flatNumber}`,
      `Стоимость: ${v.price}`,
      `Оплачено: ${v.paid}`,
      `Осталось: ${v.outstanding}`,
      v.next ? `Следующий платёж: ${v.next.date} — ${v.next.amount}` : "Все платежи внесены.",
      ...(v.overdue
        ? [
            `⚠️ Просрочено платежей: ${v.overdue.count} на ${v.overdue.amount} (с ${v.overdue.since})`,
          ]
        : []),
    ].join("\n"),
  draws: "Розыгрыши:",
  noDraws: "Сейчас розыгрышей нет.",
  drawLine: (d) => `• ${d.title} — ${DRAW_STATUS.ru[d.status]} — /draw ${d.id}`,
  drawDetails: drawDetails("ru", {
    prizes: "Призы",
    entries: "Участников",
    winners: "Победители",
    ticket: "билет №",
  }),
  joinButton: "🎟 Участвовать",
  drawJoined: (ticket, title) => `Вы участвуете в розыгрыше «${title}». Ваш билет № ${ticket}.`,
  drawAlready: (ticket) => `Вы уже участвуете в этом розыгрыше — ваш билет № ${ticket}. Удачи!`,
  drawClosed: "Приём участников в этом розыгрыше закрыт.",
  drawNotFound: "Такого розыгрыша нет. Список: /draw",
  drawNeedsPhone:
    "Этот розыгрыш — для наших клиентов. Отправьте свой номер кнопкой ниже, чтобы мы вас узнали.",
  drawNotEligible:
    "К сожалению, этот розыгрыш только для наших клиентов, а ваш номер у нас не найден.",
  linkUsage:
    "Чтобы получать уведомления CRM, отправьте /link КОД — код есть в профиле в веб-приложении.",
  linked: (name) => `Готово, ${name}! Уведомления CRM будут приходить сюда. Отключить — /unlink`,
  linkInvalid: "Код не подошёл: он неверный, уже использован или истёк. Получите новый в профиле.",
  unlinked: "Уведомления CRM сюда больше не приходят.",
  notLinked: "Этот чат не привязан к учётной записи CRM.",
};

const uz: Messages = {
  help:
    "Men nimalar qila olaman:\n" +
    "/flats — turar-joy majmualari va bo'sh xonadonlar\n" +
    "/flats <majmua kodi> — majmuadagi bo'sh xonadonlar, masalan /flats sunrise\n" +
    "/request — ariza qoldirish, menejer qo'ng'iroq qiladi\n" +
    "/contract — shartnomam va to'lovlar (xaridorlar uchun)\n" +
    "/draw — sovrinli o'yinlar\n" +
    "/language — tilni o'zgartirish\n" +
    "/cancel — arizani bekor qilish\n" +
    "/help — ushbu yordam",
  chooseComplex: "Turar-joy majmuasini tanlang:",
  noComplexes:
    "Hozircha sotuvda majmualar yo'q. Ariza qoldiring (/request) — sotuv boshlanganda xabar beramiz.",
  complexNotFound: (slug) =>
    `«${slug}» majmuasi topilmadi yoki hali sotuvga chiqmagan. Ro'yxatni ko'ring: /flats`,
  noFreeFlats: (complex) =>
    `«${complex}» majmuasida hozir bo'sh xonadonlar yo'q. Ariza qoldiring — menejer variantlarni taklif qiladi.`,
  flatsHeader: (complex, city, shown, total) =>
    `🏢 «${complex}» TJM, ${city}\nBo'sh xonadonlar: ${shown === total ? total : `${total} tadan ${shown} tasi`}`,
  rooms: (count) => (count === 0 ? "studiya" : `${count} xonali`),
  floor: (floor) => `${floor}-qavat`,
  block: (block) => `${block}-blok`,
  flatNumber: (number) => `№ ${number}`,
  requestForComplex: "📝 Ushbu majmua bo'yicha ariza qoldirish",
  askName: "Sizga qanday murojaat qilaylik? Ism va familiyangizni yozing.\nBekor qilish — /cancel",
  askNameAgain: "Iltimos, ismingizni matn bilan yozing (2 dan 100 belgigacha).",
  askPhone: (name) =>
    `Rahmat, ${name}! Endi telefon raqamingiz: quyidagi tugmani bosing yoki yozing, masalan +998 90 123 45 67.`,
  shareContact: "📱 Raqamimni yuborish",
  askPhoneAgain: "Raqamni aniqlab bo'lmadi. Uni +998 90 123 45 67 ko'rinishida yozing.",
  ownContactOnly:
    "Iltimos, quyidagi tugma orqali o'z kontaktingizni yuboring — boshqa odamning raqamini qabul qila olmaymiz.",
  tooManyRequests: "Bugun arizalaringizni oldik — menejer albatta siz bilan bog'lanadi. Rahmat!",
  requestDone: (name) => `Ariza qabul qilindi, ${name}! Menejer tez orada siz bilan bog'lanadi.`,
  requestCancelled: "Ariza bekor qilindi.",
  nothingToCancel: "Bekor qilinadigan narsa yo'q.",
  privateOnly: "Ariza faqat bot bilan shaxsiy chatda qoldiriladi.",
  fallback: "Tushunmadim. Buyruqlar ro'yxati — /help",
  error: "Nimadir xato ketdi. Birozdan so'ng qayta urinib ko'ring.",
  languageSaved: "Tayyor, o'zbek tilida javob beraman.",
  filterAnyRooms: "Hammasi",
  filterUpTo: (price) => `${price} gacha`,
  filtersHint:
    "Filtrlar: xonalar va narx — quyidagi tugmalar. Ko'rishga yozilish uchun xonadonni bosing.",
  viewButton: (number) => `🔑 № ${number} — ko'rish`,
  viewingFor: (number, complex) =>
    `«${complex}» majmuasidagi № ${number} xonadonni ko'rishga yozilish.`,
  viewingUnavailable: "Bu xonadon endi mavjud emas. Boshqalarini ko'ring: /flats",
  askContact: "Telefon raqamingizni yuborish uchun quyidagi tugmani bosing.",
  contractNone:
    "Bu raqamga shartnoma topilmadi. Xonadon sotib olgan bo'lsangiz, menejer bilan bog'laning.",
  contract: (v) =>
    [
      `📄 ${v.number} shartnoma: «${v.complexName}», № ${v.flatNumber} xonadon`,
      `Narxi: ${v.price}`,
      `To'langan: ${v.paid}`,
      `Qoldiq: ${v.outstanding}`,
      v.next
        ? `Keyingi to'lov: ${v.next.date} — ${v.next.amount}`
        : "Barcha to'lovlar amalga oshirilgan.",
      ...(v.overdue
        ? [
            `⚠️ Kechiktirilgan to'lovlar: ${v.overdue.count} ta, ${v.overdue.amount} (${v.overdue.since} dan)`,
          ]
        : []),
    ].join("\n"),
  draws: "O'yinlar:",
  noDraws: "Hozircha o'yinlar yo'q.",
  drawLine: (d) => `• ${d.title} — ${DRAW_STATUS.uz[d.status]} — /draw ${d.id}`,
  drawDetails: drawDetails("uz", {
    prizes: "Sovrinlar",
    entries: "Ishtirokchilar",
    winners: "G'oliblar",
    ticket: "chipta №",
  }),
  joinButton: "🎟 Qatnashish",
  drawJoined: (ticket, title) => `Siz «${title}» o'yinida qatnashyapsiz. Chiptangiz № ${ticket}.`,
  drawAlready: (ticket) =>
    `Siz bu o'yinda allaqachon qatnashyapsiz — chiptangiz № ${ticket}. Omad!`,
  drawClosed: "Bu o'yinga qabul yopilgan.",
  drawNotFound: "Bunday o'yin yo'q. Ro'yxat: /draw",
  drawNeedsPhone:
    "Bu o'yin mijozlarimiz uchun. Sizni tanishimiz uchun quyidagi tugma orqali raqamingizni yuboring.",
  drawNotEligible: "Afsuski, bu o'yin faqat mijozlarimiz uchun, raqamingiz bizda topilmadi.",
  linkUsage: "CRM bildirishnomalarini olish uchun /link KOD yuboring — kod veb-ilovadagi profilda.",
  linked: (name) => `Tayyor, ${name}! CRM bildirishnomalari shu yerga keladi. O'chirish — /unlink`,
  linkInvalid:
    "Kod mos kelmadi: noto'g'ri, ishlatilgan yoki muddati o'tgan. Profilda yangisini oling.",
  unlinked: "CRM bildirishnomalari endi bu yerga kelmaydi.",
  notLinked: "Bu chat CRM hisobiga bog'lanmagan.",
};

const en: Messages = {
  help:
    "What I can do:\n" +
    "/flats — residential complexes and available flats\n" +
    "/flats <complex code> — available flats of a complex, e.g. /flats sunrise\n" +
    "/request — leave a request, a manager will call you back\n" +
    "/contract — my contract and payments (for buyers)\n" +
    "/draw — prize draws\n" +
    "/language — change the language\n" +
    "/cancel — stop filling in a request\n" +
    "/help — this help",
  chooseComplex: "Choose a residential complex:",
  noComplexes:
    "No complexes are on sale right now. Leave a request (/request) and we will tell you when sales open.",
  complexNotFound: (slug) =>
    `Complex "${slug}" was not found or is not on sale yet. See the list: /flats`,
  noFreeFlats: (complex) =>
    `There are no available flats in "${complex}" right now. Leave a request and a manager will suggest options.`,
  flatsHeader: (complex, city, shown, total) =>
    `🏢 ${complex}, ${city}\nAvailable flats: ${shown === total ? total : `${shown} of ${total}`}`,
  rooms: (count) => (count === 0 ? "studio" : `${count}-room`),
  floor: (floor) => `floor ${floor}`,
  block: (block) => `block ${block}`,
  flatNumber: (number) => `No. ${number}`,
  requestForComplex: "📝 Leave a request for this complex",
  askName: "How should we address you? Please type your name.\nTo cancel — /cancel",
  askNameAgain: "Please type your name as text (2 to 100 characters).",
  askPhone: (name) =>
    `Thank you, ${name}! Now your phone number: tap the button below or type it, e.g. +998 90 123 45 67.`,
  shareContact: "📱 Send my number",
  askPhoneAgain: "That does not look like a phone number. Please type it as +998 90 123 45 67.",
  ownContactOnly:
    "Please share your own contact with the button below — we cannot take someone else's number.",
  tooManyRequests:
    "We already have your requests for today — a manager will get back to you. Thank you!",
  requestDone: (name) => `Request received, ${name}! A manager will contact you shortly.`,
  requestCancelled: "Request cancelled.",
  nothingToCancel: "Nothing to cancel.",
  privateOnly: "Requests are taken in a private chat with the bot.",
  fallback: "Sorry, I did not understand. Commands — /help",
  error: "Something went wrong. Please try again a little later.",
  languageSaved: "Done.",
  filterAnyRooms: "All",
  filterUpTo: (price) => `up to ${price}`,
  filtersHint: "Filters: rooms and price — buttons below. Tap a flat to book a viewing.",
  viewButton: (number) => `🔑 No. ${number} — viewing`,
  viewingFor: (number, complex) => `Booking a viewing of flat No. ${number}, ${complex}.`,
  viewingUnavailable: "This flat is no longer available. See others: /flats",
  askContact: "Tap the button below to send your phone number.",
  contractNone:
    "No contracts found for this number. If you bought a flat, please contact your manager.",
  contract: (v) =>
    [
      `📄 Contract ${v.number}: ${v.complexName}, flat No. ${v.flatNumber}`,
      `Price: ${v.price}`,
      `Paid: ${v.paid}`,
      `Outstanding: ${v.outstanding}`,
      v.next ? `Next payment: ${v.next.date} — ${v.next.amount}` : "All payments are made.",
      ...(v.overdue
        ? [
            `⚠️ Overdue payments: ${v.overdue.count}, ${v.overdue.amount} (since ${v.overdue.since})`,
          ]
        : []),
    ].join("\n"),
  draws: "Prize draws:",
  noDraws: "There are no prize draws right now.",
  drawLine: (d) => `• ${d.title} — ${DRAW_STATUS.en[d.status]} — /draw ${d.id}`,
  drawDetails: drawDetails("en", {
    prizes: "Prizes",
    entries: "Entries",
    winners: "Winners",
    ticket: "ticket No.",
  }),
  joinButton: "🎟 Enter",
  drawJoined: (ticket, title) => `You are in the draw "${title}". Your ticket No. ${ticket}.`,
  drawAlready: (ticket) => `You are already in this draw — your ticket No. ${ticket}. Good luck!`,
  drawClosed: "Entries to this draw are closed.",
  drawNotFound: "No such draw. The list: /draw",
  drawNeedsPhone:
    "This draw is for our clients. Send your number with the button below so we can recognise you.",
  drawNotEligible:
    "Sorry, this draw is for our clients only, and your number is not on our records.",
  linkUsage:
    "To get CRM notifications, send /link CODE — the code is on your profile in the web app.",
  linked: (name) => `Done, ${name}! CRM notifications will come here. To stop — /unlink`,
  linkInvalid: "That code did not work: wrong, used or expired. Get a new one on your profile.",
  unlinked: "CRM notifications no longer come here.",
  notLinked: "This chat is not linked to a CRM account.",
};

const MESSAGES: Record<Lang, Messages> = { ru, uz, en };

export function messages(lang: Lang): Messages {
  return MESSAGES[lang];
}
