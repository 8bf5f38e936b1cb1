import { expenseRoutes } from "@crm/contracts";
import { useState } from "react";
import { useCurrentUser } from "../../app/current-user";
import { useT } from "../../i18n";
import { isApiError } from "../../lib/api";
import { errorMessage } from "../../lib/error-message";
import { TextPromptDialog } from "../../ui/Dialog";
import { TextField } from "../../ui/Field";
import { LoadError, Loading } from "../../ui/Status";
import { useCategories, useCreateCategory, useUpdateCategory } from "./expenses.queries";

const WRITERS: readonly string[] = expenseRoutes.createCategory.access;

/** The managed list of categories: add, rename, deactivate (never delete). */
export function CategoriesPanel() {
  const t = useT();
  const user = useCurrentUser();
  const canWrite = WRITERS.includes(user.role);
  const categories = useCategories();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const [name, setName] = useState("");
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const failure = (error: unknown) =>
    isApiError(error, 409) ? t("categories.taken") : errorMessage(t, error);

  return (
    <section className="panel" aria-labelledby="categories-title">
      <h2 id="categories-title">{t("categories.title")}</h2>
      {canWrite ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim() === "") return;
            create.mutate({ name: name.trim() }, { onSuccess: () => setName("") });
          }}
        >
          <TextField
            label={t("categories.name")}
            value={name}
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
            error={create.error ? failure(create.error) : undefined}
          />
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {t("categories.add")}
          </button>
        </form>
      ) : null}
      {categories.isPending ? (
        <Loading />
      ) : categories.isError ? (
        <LoadError error={categories.error} onRetry={() => void categories.refetch()} />
      ) : categories.data.items.length === 0 ? (
        <p className="empty-state">{t("categories.empty")}</p>
      ) : (
        <ul className="plain-list">
          {categories.data.items.map((category) => (
            <li key={category.id} className="inline-form">
              <span>
                {category.name}{" "}
                {category.isActive ? null : (
                  <span className="badge badge--muted">{t("categories.inactive")}</span>
                )}
              </span>
              {canWrite ? (
                <span className="inline-actions">
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => setRenaming(category)}
                  >
                    {t("categories.rename")}
                  </button>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={update.isPending}
                    onClick={() =>
                      update.mutate({ id: category.id, body: { isActive: !category.isActive } })
                    }
                  >
                    {t(category.isActive ? "categories.deactivate" : "categories.activate")}
                  </button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {renaming ? (
        <TextPromptDialog
          title={t("categories.rename")}
          label={t("categories.name")}
          isRequired
          maxLength={100}
          confirmLabel={t("expenses.form.save")}
          isBusy={update.isPending}
          error={update.error ? failure(update.error) : null}
          validate={(text) => (text ? undefined : t("expenses.void.required"))}
          onClose={() => {
            update.reset();
            setRenaming(null);
          }}
          onSubmit={(text) =>
            update.mutate(
              { id: renaming.id, body: { name: text } },
              { onSuccess: () => setRenaming(null) },
            )
          }
        />
      ) : null}
    </section>
  );
}
