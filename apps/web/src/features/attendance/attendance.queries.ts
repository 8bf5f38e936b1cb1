import { attendanceRoutes } from "@crm/contracts";
import type { BodyInput } from "@crm/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

export const attendanceKeys = {
  all: ["attendance"] as const,
  today: ["attendance", "today"] as const,
  timesheet: (month: string) => ["attendance", "timesheet", month] as const,
};

export function useAttendanceToday() {
  return useQuery({
    queryKey: attendanceKeys.today,
    queryFn: ({ signal }) => api(attendanceRoutes.today, { signal }),
  });
}

export function useTimesheet(month: string, enabled: boolean) {
  return useQuery({
    queryKey: attendanceKeys.timesheet(month),
    queryFn: ({ signal }) => api(attendanceRoutes.timesheet, { query: { month }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useAttendanceMutation<V, R>(call: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attendanceKeys.all }),
  });
}

export const useCheckIn = () => useAttendanceMutation(() => api(attendanceRoutes.checkIn));
export const useCheckOut = () => useAttendanceMutation(() => api(attendanceRoutes.checkOut));
export const useCorrectEntry = () =>
  useAttendanceMutation(
    ({ id, body }: { id: number; body: BodyInput<typeof attendanceRoutes.correct> }) =>
      api(attendanceRoutes.correct, { params: { id }, body }),
  );
export const useCreateEntry = () =>
  useAttendanceMutation((body: BodyInput<typeof attendanceRoutes.create>) =>
    api(attendanceRoutes.create, { body }),
  );
