import { userWriteRoutes } from "@crm/contracts";
import type { TCreateUserRequest, TUpdateUserRequest } from "@crm/contracts";
import type { InfiniteData } from "@tanstack/react-query";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";
import { usersKeys, type UsersPage } from "./users.queries";

// Creating and changing users: apart from users.queries.ts because their contracts check phone
// numbers (see @crm/contracts/user-writes), so the pages that only list people (the lead owner
// pickers, the audit log's filter) do not load libphonenumber.

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateUserRequest) => api(userWriteRoutes.create, { body }),
    // `all`: the lead owner pickers' list changes too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKeys.all }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: TUpdateUserRequest }) =>
      api(userWriteRoutes.update, { params: { id }, body: patch }),
    onSuccess: (user) => {
      // Show the change at once in every loaded list, then refetch: a role or status change
      // can move the user out of the current filter.
      queryClient.setQueriesData<InfiniteData<UsersPage>>(
        { queryKey: usersKeys.lists() },
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) => (item.id === user.id ? user : item)),
            })),
          },
      );
      // `all`: a role or active flag change also changes who may own leads.
      return queryClient.invalidateQueries({ queryKey: usersKeys.all });
    },
  });
}
