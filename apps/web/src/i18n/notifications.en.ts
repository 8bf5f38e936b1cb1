/** The header's bell (features/notifications), merged into `en`. */
export const notificationsEn = {
  "notifications.open": "Notifications",
  "notifications.openUnread": "Notifications, {count} unread",
  "notifications.title": "Notifications",
  "notifications.markAll": "Mark all read",
  "notifications.markOne": "Mark read",
  "notifications.empty": "No notifications yet",
  "notifications.unread": "Unread",
  "notifications.kind.lead.assigned": "Lead {lead} was assigned to you",
  "notifications.kind.callback.due": "Call {lead} back at {time}",
  "notifications.kind.hold.expiring": "Hold of flat No. {flat} ({complex}) for {lead} ends {time}",
  "notifications.kind.deal.awaiting-approval":
    "Contract {deal} ({lead}) awaits approval: {pct}% discount",
  "notifications.kind.deal.approved": "Contract {deal} was approved",
  "notifications.kind.deal.rejected": "Contract {deal} was rejected",
  "notifications.kind.instalment.overdue":
    "Instalment of {amount} on contract {deal} ({lead}) is overdue",
  "notifications.kind.import.finished":
    "Import into {complex} finished: {created} new, {updated} updated, {rejected} rejected",
  "notifications.kind.import.failed": "Import into {complex} failed",
  "notifications.kind.export.ready": "File {file} is ready",
};
