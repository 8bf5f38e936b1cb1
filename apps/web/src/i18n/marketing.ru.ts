import type { marketingEn } from "./marketing.en";

export const marketingRu: Record<keyof typeof marketingEn, string> = {
  "nav.marketing": "Маркетинг",
  "marketing.title": "Маркетинг",
  "marketing.instagram.explain":
    "Подключите профессиональный аккаунт компании в Instagram: сообщения и комментарии с номером телефона станут лидами.",
  "marketing.instagram.connect": "Подключить Instagram",
  "marketing.instagram.connected": "Instagram подключён.",
  "marketing.instagram.denied": "Доступ в Instagram не выдан; ничего не подключено.",
  "marketing.instagram.expired": "Запрос на подключение устарел. Нажмите «Подключить» ещё раз.",
  "marketing.instagram.notConfigured": "Instagram не настроен на сервере. Не заданы: {missing}.",
  "marketing.instagram.account": "Аккаунт",
  "marketing.instagram.status": "Состояние",
  "marketing.instagram.active": "Работает",
  "marketing.instagram.refreshFailed": "Не удалось обновить токен: {error}",
  "marketing.instagram.expires": "Токен действует до",
  "marketing.instagram.since": "Подключён",
  "marketing.instagram.disconnect": "Отключить",
  "marketing.instagram.disconnectBody":
    "Сохранённый токен будет удалён; новые сообщения из Instagram не придут, пока его не подключат снова.",
  "marketing.instagram.disconnected": "Instagram отключён.",
  "audit.action.instagram.connect": "Подключён Instagram",
  "audit.action.instagram.refresh": "Обновлён токен Instagram",
  "audit.action.instagram.disconnect": "Отключён Instagram",
  "audit.entity.Instagram": "Instagram",
  "audit.instagram.connect": "Подключён Instagram @{username}",
  "audit.instagram.refresh": "Токен Instagram обновлён",
  "audit.instagram.disconnect": "Отключён Instagram @{username}",
};
