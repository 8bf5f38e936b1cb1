import { settingDefs, settingsRoutes, type TPolicySettings } from "@crm/contracts/settings";
import { useQuery } from "@tanstack/react-query";
import { api } from "../lib/api";

/** Until the server answers, the declared defaults (the values of settings never changed). */
const DEFAULTS: TPolicySettings = {
  booking: {
    defaultDays: settingDefs["booking.defaultDays"].default,
    maxDays: settingDefs["booking.maxDays"].default,
    maxHoldsPerLead: settingDefs["booking.maxHoldsPerLead"].default,
    maxTotalDays: settingDefs["booking.maxTotalDays"].default,
  },
  pricing: {
    maxDiscountPct: null,
    minDownPaymentPct: settingDefs["pricing.minDownPaymentPct"].default,
    startDateGraceDays: settingDefs["pricing.startDateGraceDays"].default,
  },
};

export const policySettingsKey = ["settings", "policy"] as const;

/**
 * The settings that decide what the user may do (hold lengths, the price policy), as the API enforces them, so a
 * form offers only what will be accepted. Loaded once per session by the app layout.
 */
export function usePolicySettings(): TPolicySettings {
  const query = useQuery({
    queryKey: policySettingsKey,
    queryFn: ({ signal }) => api(settingsRoutes.policy, { signal }),
    staleTime: 5 * 60_000,
  });
  return query.data ?? DEFAULTS;
}
