import type { notificationsEn } from "./notifications.en";

export const notificationsRu: Record<keyof typeof notificationsEn, string> = {
  "notifications.open": "Уведомления",
  "notifications.openUnread": "Уведомления, непрочитанных: {count}",
  "notifications.title": "Уведомления",
  "notifications.markAll": "Прочитать все",
  "notifications.markOne": "Отметить прочитанным",
  "notifications.empty": "Уведомлений пока нет",
  "notifications.unread": "Не прочитано",
  "notifications.kind.lead.assigned": "Вам назначен лид {lead}",
  "notifications.kind.callback.due": "Перезвонить {lead} в {time}",
  "notifications.kind.hold.expiring": "Бронь кв. № {flat} ({complex}) для {lead} истекает {time}",
  "notifications.kind.deal.awaiting-approval":
    "Договор {deal} ({lead}) ждёт одобрения: скидка {pct}%",
  "notifications.kind.deal.approved": "Договор {deal} одобрен",
  "notifications.kind.deal.rejected": "Договор {deal} отклонён",
  "notifications.kind.instalment.overdue": "Просрочен платёж {amount} по договору {deal} ({lead})",
  "notifications.kind.import.finished":
    "Импорт в {complex} завершён: новых {created}, обновлено {updated}, отклонено {rejected}",
  "notifications.kind.import.failed": "Импорт в {complex} не удался",
  "notifications.kind.export.ready": "Файл {file} готов",
};
