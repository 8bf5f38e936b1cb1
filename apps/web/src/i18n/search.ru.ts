import type { searchEn } from "./search.en";

export const searchRu: Record<keyof typeof searchEn, string> = {
  "search.open": "Поиск",
  "search.shortcut": "Ctrl K",
  "search.title": "Поиск",
  "search.label": "Имя или телефон лида, номер квартиры или договора, сотрудник",
  "search.placeholder": "Имя, телефон, номер квартиры или договора…",
  "search.tooShort": "Введите хотя бы два символа",
  "search.empty": "По запросу «{q}» ничего не найдено",
  "search.loading": "Ищем…",
  "search.hint": "↑ ↓ — выбор, Enter — открыть, Esc — закрыть",
  "search.kind.lead": "Лиды",
  "search.kind.flat": "Квартиры",
  "search.kind.deal": "Договоры",
  "search.kind.user": "Сотрудники",
};
