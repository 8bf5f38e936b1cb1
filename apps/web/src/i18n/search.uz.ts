import type { searchEn } from "./search.en";

export const searchUz: Record<keyof typeof searchEn, string> = {
  "search.open": "Qidiruv",
  "search.shortcut": "Ctrl K",
  "search.title": "Qidiruv",
  "search.label": "Lid ismi yoki telefoni, xonadon yoki shartnoma raqami, xodim",
  "search.placeholder": "Ism, telefon, xonadon yoki shartnoma raqami…",
  "search.tooShort": "Kamida ikki belgi kiriting",
  "search.empty": "«{q}» bo‘yicha hech narsa topilmadi",
  "search.loading": "Qidirilmoqda…",
  "search.hint": "↑ ↓ — tanlash, Enter — ochish, Esc — yopish",
  "search.kind.lead": "Lidlar",
  "search.kind.flat": "Xonadonlar",
  "search.kind.deal": "Shartnomalar",
  "search.kind.user": "Xodimlar",
};
