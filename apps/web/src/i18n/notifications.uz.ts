import type { notificationsEn } from "./notifications.en";

export const notificationsUz: Record<keyof typeof notificationsEn, string> = {
  "notifications.open": "Bildirishnomalar",
  "notifications.openUnread": "Bildirishnomalar, o'qilmagan: {count}",
  "notifications.title": "Bildirishnomalar",
  "notifications.markAll": "Hammasini o'qilgan deb belgilash",
  "notifications.markOne": "O'qilgan deb belgilash",
  "notifications.empty": "Hozircha bildirishnomalar yo'q",
  "notifications.unread": "O'qilmagan",
  "notifications.kind.lead.assigned": "Sizga {lead} lidi biriktirildi",
  "notifications.kind.callback.due": "{lead} ga {time} da qo'ng'iroq qiling",
  "notifications.kind.hold.expiring":
    "№ {flat} xonadon ({complex}) broni {lead} uchun {time} da tugaydi",
  "notifications.kind.deal.awaiting-approval":
    "{deal} shartnoma ({lead}) tasdiqni kutmoqda: chegirma {pct}%",
  "notifications.kind.deal.approved": "{deal} shartnoma tasdiqlandi",
  "notifications.kind.deal.rejected": "{deal} shartnoma rad etildi",
  "notifications.kind.instalment.overdue":
    "{deal} shartnoma ({lead}) bo'yicha {amount} to'lov muddati o'tdi",
  "notifications.kind.import.finished":
    "{complex} ga import tugadi: yangi {created}, yangilangan {updated}, rad etilgan {rejected}",
  "notifications.kind.import.failed": "{complex} ga import muvaffaqiyatsiz tugadi",
  "notifications.kind.export.ready": "{file} fayli tayyor",
};
