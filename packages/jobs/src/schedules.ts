import type { JobName, JobPayload } from "@crm/contracts";

/** A repeatable job: its queue, how often, and the payload of each run. */
export interface Schedule<N extends string = string, P = unknown> {
  name: N;
  /** Milliseconds; ticks fall on multiples of it since the epoch, as bull's `every` does. */
  every: number;
  payload: P;
}

type DeclaredSchedule = { [N in JobName]: Schedule<N, JobPayload<N>> }[JobName];

const MINUTE = 60_000;

/**
 * Every schedule, declared once: bull workers register these as repeatable jobs; the in-process
 * runner fires them from its one timer. Either way each tick runs once.
 */
export const SCHEDULES: readonly DeclaredSchedule[] = [
  { name: "release-expired-bookings", every: MINUTE, payload: {} },
  { name: "mark-overdue-payments", every: MINUTE, payload: {} },
  { name: "warm-landing-cache", every: 15 * MINUTE, payload: {} },
  { name: "sync-google-sheet", every: MINUTE, payload: {} },
  { name: "close-attendance", every: 5 * MINUTE, payload: {} },
  { name: "scan-reminders", every: MINUTE, payload: {} },
  { name: "deliver-telegram", every: MINUTE, payload: {} },
  { name: "deliver-emails", every: MINUTE, payload: {} },
  { name: "purge-exports", every: 15 * MINUTE, payload: {} },
  { name: "refresh-instagram-token", every: 6 * 60 * MINUTE, payload: {} },
  { name: "fold-lead-counts", every: MINUTE, payload: {} },
];

/** The first tick after `now`: the next multiple of `every` (bull's rule for `repeat.every`). */
export function nextTick(every: number, now: number): number {
  return Math.floor(now / every) * every + every;
}
