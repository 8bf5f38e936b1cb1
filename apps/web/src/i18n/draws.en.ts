/** Prize draws, the profile's Telegram link, and their audit events. */
export const drawsEn = {
  "draws.title": "Prize draws",
  "draws.intro":
    "Users enter in the Telegram bot. Anyone can check a draw: the seed's hash is published before entries close, the seed after the draw.",
  "draws.empty": "No draws yet.",
  "draws.window": "Entries: {from} — {to}",
  "draws.entries": "Entries: {n}",
  "draws.status.DRAFT": "Draft",
  "draws.status.OPEN": "Open for entries",
  "draws.status.CLOSED": "Entries closed",
  "draws.status.DRAWN": "Drawn",
  "draws.eligibility.ANYONE": "Anyone",
  "draws.eligibility.LEADS": "Our leads",
  "draws.eligibility.BUYERS": "Buyers",
  "draws.create.title": "New draw",
  "draws.create.submit": "Create draw",
  "draws.field.title": "Title",
  "draws.field.prizes": "Prizes",
  "draws.field.prizesHint":
    "One per line, first place first; the last one also goes to further winners.",
  "draws.field.winnersCount": "Winners",
  "draws.field.eligibility": "Who may enter",
  "draws.field.entryOpensAt": "Entries open",
  "draws.field.entryClosesAt": "Entries close",
  "draws.field.window": "Entry window",
  "draws.field.entries": "Entries",
  "draws.back": "← All draws",
  "draws.step.open": "Open entries",
  "draws.step.close": "Close entries",
  "draws.step.draw": "Draw the winners",
  "draws.confirm.open":
    "Users will be able to enter in the bot. The commitment is already published.",
  "draws.confirm.close":
    "No more entries will be taken; the list is frozen and its hash published.",
  "draws.confirm.draw":
    "The seed will be revealed and the winners drawn and told in the bot. This cannot be undone.",
  "draws.proof": "Published values",
  "draws.commitment": "Commitment (SHA-256 of the seed)",
  "draws.entriesHash": "Entries hash",
  "draws.seed": "Seed",
  "draws.notYet": "not yet",
  "draws.winners": "Winners",
  "draws.noWinners": "There were no entries.",
  "draws.winner": "Ticket No. {ticket} — {prize}",
  "draws.verify.title": "How to verify",
  "draws.verify.commitment":
    "SHA-256 of the seed (its 64-character text) must equal the commitment published when the draw was created.",
  "draws.verify.entries":
    "SHA-256 of the ticket numbers in list order, each followed by a line feed, must equal the entries hash.",
  "draws.verify.winners":
    'Winners: for i = 0, 1, …: h = HMAC-SHA256(key = seed, message = entries hash + ":" + i); r = first 8 bytes of h as a number; swap position i with position i + (r mod (entries − i)). Positions 0, 1, … are first place, second place, …',
  "draws.verify.data": "The data (no login needed):",
  "draws.verify.script":
    "Recompute everything with the script in the repository (Node, no dependencies):",
  "draws.verify.shell": "Or check the two hashes by hand:",
  "draws.verify.exact": "The exact algorithm",
  "profile.title": "Profile",
  "profile.telegram.title": "Telegram notifications",
  "profile.telegram.linked":
    "Your account is linked to Telegram: notifications come to the bot. You can also send /unlink to the bot.",
  "profile.telegram.notLinked":
    "Link your account to get new leads, calls due, expiring holds and approvals in Telegram.",
  "profile.telegram.getCode": "Get a link code",
  "profile.telegram.code":
    "Send /link {code} to the company's bot in Telegram before {time}. The code works once.",
  "profile.telegram.check": "I have sent it",
  "profile.telegram.unlink": "Unlink Telegram",
  "audit.draw.create": "Draw created",
  "audit.draw.open": "Entries opened",
  "audit.draw.enter": "Entry, ticket No. {ticket}",
  "audit.draw.close": "Entries closed: {n}",
  "audit.draw.draw": "Winners drawn",
  "audit.user.telegram_link": "Telegram linked",
  "audit.user.telegram_unlink": "Telegram unlinked",
  "audit.user.absence": "Absence: {from} — {to}",
  "audit.user.absence_remove": "Absence removed",
};
