/** The header's global search, merged into `en`. */
export const searchEn = {
  "search.open": "Search",
  "search.shortcut": "Ctrl K",
  "search.title": "Search",
  "search.label": "Lead name or phone, flat or deal number, colleague",
  "search.placeholder": "Name, phone, flat or deal number…",
  "search.tooShort": "Type at least two characters",
  "search.empty": "Nothing found for “{q}”",
  "search.loading": "Searching…",
  "search.hint": "↑ ↓ to choose, Enter to open, Esc to close",
  "search.kind.lead": "Leads",
  "search.kind.flat": "Flats",
  "search.kind.deal": "Deals",
  "search.kind.user": "Users",
};
