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
} as const;

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
}

const ru: Messages = {
  help:
    "Что я умею:\n" +
    "/flats — жилые комплексы и свободные квартиры\n" +
    "/flats <код ЖК> — свободные квартиры комплекса, например /flats sunrise\n" +
    "/request — оставить заявку, менеджер перезвонит\n" +
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
};

const uz: Messages = {
  help:
    "Men nimalar qila olaman:\n" +
    "/flats — turar-joy majmualari va bo'sh xonadonlar\n" +
    "/flats <majmua kodi> — majmuadagi bo'sh xonadonlar, masalan /flats sunrise\n" +
    "/request — ariza qoldirish, menejer qo'ng'iroq qiladi\n" +
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
};

const en: Messages = {
  help:
    "What I can do:\n" +
    "/flats — residential complexes and available flats\n" +
    "/flats <complex code> — available flats of a complex, e.g. /flats sunrise\n" +
    "/request — leave a request, a manager will call you back\n" +
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
};

const MESSAGES: Record<Lang, Messages> = { ru, uz, en };

export function messages(lang: Lang): Messages {
  return MESSAGES[lang];
}
