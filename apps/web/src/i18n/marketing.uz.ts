import type { marketingEn } from "./marketing.en";

export const marketingUz: Record<keyof typeof marketingEn, string> = {
  "nav.marketing": "Marketing",
  "marketing.title": "Marketing",
  "marketing.instagram.explain":
    "Kompaniyaning Instagram professional akkauntini ulang: telefon raqami yozilgan xabar va izohlar lidga aylanadi.",
  "marketing.instagram.connect": "Instagramni ulash",
  "marketing.instagram.connected": "Instagram ulandi.",
  "marketing.instagram.denied": "Instagramda ruxsat berilmadi; hech narsa ulanmadi.",
  "marketing.instagram.expired": "Ulanish so'rovi eskirdi. «Ulash»ni yana bosing.",
  "marketing.instagram.notConfigured": "Serverda Instagram sozlanmagan. Yetishmaydi: {missing}.",
  "marketing.instagram.account": "Akkaunt",
  "marketing.instagram.status": "Holat",
  "marketing.instagram.active": "Ishlayapti",
  "marketing.instagram.refreshFailed": "Tokenni yangilab bo'lmadi: {error}",
  "marketing.instagram.expires": "Token amal qiladi",
  "marketing.instagram.since": "Ulangan",
  "marketing.instagram.disconnect": "Uzish",
  "marketing.instagram.disconnectBody":
    "Saqlangan token o'chiriladi; qayta ulanmaguncha Instagramdan yangi xabarlar kelmaydi.",
  "marketing.instagram.disconnected": "Instagram uzildi.",
  "audit.action.instagram.connect": "Instagram ulandi",
  "audit.action.instagram.refresh": "Instagram tokeni yangilandi",
  "audit.action.instagram.disconnect": "Instagram uzildi",
  "audit.entity.Instagram": "Instagram",
  "audit.instagram.connect": "Instagram @{username} ulandi",
  "audit.instagram.refresh": "Instagram tokeni yangilandi",
  "audit.instagram.disconnect": "Instagram @{username} uzildi",
};
