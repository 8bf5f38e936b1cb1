/**
 * What Lead."searchText" holds: the lower-cased name and the phone's digits. Every writer of a
 * lead (API, bot, seeds) fills it this way; list search and its trigram index read it.
 */
export const leadSearchText = (fullName: string, phone: string) =>
  `${fullName.toLowerCase()} ${phone.replace(/\D/g, "")}`;
