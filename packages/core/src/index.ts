/**
 * The domain core: every business rule of the CRM, called by the API's routers, the bot and
 * the worker alike. Services take the database and an actor, enforce the access policy
 * themselves and throw AppError codes; none of them knows about HTTP.
 */
export {
  AppError,
  notFound,
  ERROR_CODES,
  ERROR_TITLES,
  type ErrorCode,
  type FieldError,
} from "./errors";
export { ownerScope, ownedOrNotFound, type Actor } from "./access";
export { audit, auditMany, type AuditActor } from "./audit";
export * from "./local-time";
export * as leads from "./leads/leads.service";
/** The lead list's data access, for tests that compare its two search paths. */
export { findLeadPage } from "./leads/leads.repository";
export * as savedFilters from "./saved-filters/saved-filters.service";
export * as activity from "./activity/activity.service";
export * as complexes from "./inventory/complexes";
export * as grid from "./inventory/grid";
export * as flats from "./inventory/flats";
export * as flatSearch from "./inventory/flat-search";
export * as booking from "./inventory/booking";
export * as bookingQueue from "./inventory/booking-queue";
export * as holds from "./inventory/holds";
export * as importFlats from "./import";
export * as deals from "./deals/deals";
export * as payments from "./deals/payments";
export * as finance from "./finance/finance.service";
export * as stats from "./stats/stats.service";
export * as dashboard from "./dashboard/dashboard";
export * as auditLog from "./audit-log/audit-log";
export * as users from "./users/users.service";
export * as settings from "./settings/settings";
export * from "./sql";
export { encodeCursor, decodeCursor } from "./cursor";
export * as leadRequests from "./leads/intake";
export * as catalog from "./catalog/catalog";
export * as receipts from "./deals/receipts";
export * as demo from "./demo/demo-data";
export * as notifications from "./notifications/notifications";
export * as reminders from "./notifications/reminders";
export * as draws from "./draws/draws";
export * as drawAlgorithm from "./draws/draw-algorithm";
export * as assignment from "./leads/assignment";
export * as telegramProfiles from "./telegram/profiles";
export * as botConversations from "./telegram/conversations";
export * as telegramLink from "./telegram/link";
export * as buyers from "./telegram/buyers";
export * as telegramOutbox from "./telegram/outbox";
export * as telegramTexts from "./telegram/texts";
export * as search from "./search/search";
export * as expenses from "./expenses/expenses";
export * as expenseReceipts from "./expenses/attachments";
export * as budgets from "./expenses/budgets";
export * as currency from "./expenses/currency";
export * as marketing from "./expenses/roi";
export * as attendance from "./attendance/attendance";
export * as paymentsRegister from "./finance/payments-register";
export * as emailDelivery from "./notifications/email-delivery";
export { renderNotificationEmail, emailLanguage } from "./notifications/email-templates";
export * as exportsService from "./exports/exports.service";
export * as exportFiles from "./exports/files";
export * as landing from "./landing/landing";
export * as landingMedia from "./landing/media";
export {
  LandingCache,
  memoryLandingStore,
  redisLandingStore,
  type LandingStore,
  type LandingRedis,
} from "./landing/landing-cache";
export { onPublicChange } from "./landing/changes";
export * as landingRequests from "./landing/landing-request";
export * as instagram from "./instagram/instagram";
export {
  ZInstagramEnv,
  instagramConfigFromEnv,
  type InstagramConfig,
  type InstagramEnv,
} from "./instagram/instagram-config";
