import { leadRoutes } from "@crm/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useT } from "../../i18n";
import { api } from "../../lib/api";
import { formatPhone } from "../../lib/format";
import { SelectField, TextField } from "../../ui/Field";

const SEARCH_DEBOUNCE_MS = 300;
/** Sold and lost leads cannot hold a flat (the API answers 409). */
const OPEN_STATUSES = "NEW,IN_PROGRESS,MEETING,BOOKED";

/**
 * A searchable lead select: type a name or phone, pick from the open leads that match. A
 * seller's search covers only their own leads (the API filters), managers search everyone's.
 */
export function LeadPicker({
  value,
  onChange,
  error,
  statuses = OPEN_STATUSES,
}: {
  value: number | null;
  onChange: (leadId: number | null) => void;
  error?: string | undefined;
  /** Lead statuses to offer, comma-separated as the API filter wants them. */
  statuses?: string;
}) {
  const t = useT();
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(search.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [search]);
  const leads = useBookableLeads(query, statuses);
  const items = leads.data?.items ?? [];

  // A search that narrows to one lead picks it; anything else waits for the user's choice.
  const onlyId = items.length === 1 && !leads.isPlaceholderData ? items[0]?.id : undefined;
  useEffect(() => {
    if (onlyId !== undefined && query !== "") onChange(onlyId);
  }, [onlyId, query, onChange]);

  return (
    <div className="lead-picker">
      <TextField
        label={t("leadPicker.search")}
        type="search"
        placeholder={t("leadPicker.placeholder")}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <SelectField
        label={t("leadPicker.lead")}
        value={value === null ? "" : String(value)}
        error={error}
        hint={
          leads.isSuccess && items.length === 0 && !leads.isPlaceholderData
            ? t("leadPicker.none")
            : undefined
        }
        onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)}
      >
        <option value="">{leads.isPending ? t("app.loading") : t("leadPicker.choose")}</option>
        {items.map((lead) => (
          <option key={lead.id} value={lead.id}>
            {t("leadPicker.option", { name: lead.fullName, phone: formatPhone(lead.phone) })}
          </option>
        ))}
        {value !== null && !items.some((lead) => lead.id === value) ? (
          <option value={value}>{t("leadPicker.chosen", { id: value })}</option>
        ) : null}
      </SelectField>
    </div>
  );
}

/** Leads matching a search, for the lead pickers (a seller's list holds only their own). */
function useBookableLeads(q: string, statuses: string) {
  return useQuery({
    // Not under ["leads", "list"]: the leads feature rewrites those (infinite) pages in place.
    queryKey: ["leads", "picker", statuses, q],
    queryFn: ({ signal }) =>
      api(leadRoutes.list, {
        query: {
          q: q || undefined,
          status: statuses,
          sort: "updatedAt",
          order: "desc",
          limit: 20,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
