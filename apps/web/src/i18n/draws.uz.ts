import type { drawsEn } from "./draws.en";

export const drawsUz: Record<keyof typeof drawsEn, string> = {
  "draws.title": "Sovrinli o'yinlar",
  "draws.intro":
    "Ishtirokchilar Telegram-botda yoziladi. O'yinni har kim tekshira oladi: maxfiy seed xeshi qabul yopilguncha, seed esa o'yindan keyin e'lon qilinadi.",
  "draws.empty": "Hozircha o'yinlar yo'q.",
  "draws.window": "Qabul: {from} — {to}",
  "draws.entries": "Ishtirokchilar: {n}",
  "draws.status.DRAFT": "Qoralama",
  "draws.status.OPEN": "Qabul ochiq",
  "draws.status.CLOSED": "Qabul yopilgan",
  "draws.status.DRAWN": "O'tkazilgan",
  "draws.eligibility.ANYONE": "Hamma",
  "draws.eligibility.LEADS": "Bizning lidlar",
  "draws.eligibility.BUYERS": "Xaridorlar",
  "draws.create.title": "Yangi o'yin",
  "draws.create.submit": "O'yin yaratish",
  "draws.field.title": "Nomi",
  "draws.field.prizes": "Sovrinlar",
  "draws.field.prizesHint":
    "Har biri yangi qatorda, birinchi o'rindan boshlab; oxirgisi keyingi g'oliblarga ham beriladi.",
  "draws.field.winnersCount": "G'oliblar soni",
  "draws.field.eligibility": "Kim qatnasha oladi",
  "draws.field.entryOpensAt": "Qabul boshlanishi",
  "draws.field.entryClosesAt": "Qabul tugashi",
  "draws.field.window": "Ishtirokchilar qabuli",
  "draws.field.entries": "Ishtirokchilar",
  "draws.back": "← Barcha o'yinlar",
  "draws.step.open": "Qabulni ochish",
  "draws.step.close": "Qabulni yopish",
  "draws.step.draw": "O'yinni o'tkazish",
  "draws.confirm.open": "Ishtirokchilar botda yozila oladi. Commitment allaqachon e'lon qilingan.",
  "draws.confirm.close":
    "Yangi ishtirokchilar qabul qilinmaydi; ro'yxat qotiriladi va uning xeshi e'lon qilinadi.",
  "draws.confirm.draw":
    "Seed oshkor qilinadi, g'oliblar aniqlanadi va botda xabardor qilinadi. Bekor qilib bo'lmaydi.",
  "draws.proof": "E'lon qilingan qiymatlar",
  "draws.commitment": "Commitment (seed SHA-256 qiymati)",
  "draws.entriesHash": "Ishtirokchilar ro'yxati xeshi",
  "draws.seed": "Seed",
  "draws.notYet": "hali yo'q",
  "draws.winners": "G'oliblar",
  "draws.noWinners": "Ishtirokchilar bo'lmadi.",
  "draws.winner": "Chipta № {ticket} — {prize}",
  "draws.verify.title": "Qanday tekshirish mumkin",
  "draws.verify.commitment":
    "Seed (64 belgili matni) SHA-256 qiymati o'yin yaratilganda e'lon qilingan commitment bilan bir xil bo'lishi kerak.",
  "draws.verify.entries":
    "Chipta raqamlarining ro'yxat tartibidagi, har biri yangi qatordan SHA-256 qiymati ro'yxat xeshiga teng bo'lishi kerak.",
  "draws.verify.winners":
    "G'oliblar: i = 0, 1, … uchun: h = HMAC-SHA256(kalit = seed, xabar = ro'yxat xeshi + \":\" + i); r — h ning birinchi 8 bayti son sifatida; i va i + (r mod (ishtirokchilar − i)) o'rinlarini almashtiring. 0, 1, … o'rinlar — birinchi, ikkinchi, … o'rin.",
  "draws.verify.data": "Ma'lumotlar (tizimga kirmasdan):",
  "draws.verify.script":
    "Repozitoriydagi skript bilan hammasini qayta hisoblang (Node, bog'liqliklarsiz):",
  "draws.verify.shell": "Yoki ikki xeshni qo'lda tekshiring:",
  "draws.verify.exact": "Aniq algoritm",
  "profile.title": "Profil",
  "profile.telegram.title": "Telegram bildirishnomalari",
  "profile.telegram.linked":
    "Hisobingiz Telegramga bog'langan: bildirishnomalar botga keladi. Botda /unlink buyrug'i bilan ham uzish mumkin.",
  "profile.telegram.notLinked":
    "Yangi lidlar, qo'ng'iroqlar, tugayotgan bronlar va tasdiqlashni Telegramda olish uchun hisobingizni bog'lang.",
  "profile.telegram.getCode": "Bog'lash kodini olish",
  "profile.telegram.code":
    "{time} gacha Telegramdagi kompaniya botiga /link {code} yuboring. Kod bir martalik.",
  "profile.telegram.check": "Kodni yubordim",
  "profile.telegram.unlink": "Telegramni uzish",
  "audit.draw.create": "O'yin yaratildi",
  "audit.draw.open": "Qabul ochildi",
  "audit.draw.enter": "Ishtirokchi, chipta № {ticket}",
  "audit.draw.close": "Qabul yopildi: {n} ishtirokchi",
  "audit.draw.draw": "G'oliblar aniqlandi",
  "audit.user.telegram_link": "Telegram bog'landi",
  "audit.user.telegram_unlink": "Telegram uzildi",
  "audit.user.absence": "Yo'qlik: {from} — {to}",
  "audit.user.absence_remove": "Yo'qlik o'chirildi",
};
