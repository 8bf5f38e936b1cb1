import type { TSavedFilter } from "@crm/contracts";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { useT } from "../../i18n";
import { refusalMessage } from "../../lib/error-message";
import { ConfirmDialog, TextPromptDialog } from "../../ui/Dialog";
import { SelectField } from "../../ui/Field";
import {
  useCreateSavedFilter,
  useDeleteSavedFilter,
  useSavedFilters,
} from "./saved-filters.queries";

const MAX_NAME = 60;

/**
 * The user's saved views of the lead list: the current query string (filters and sort) saved
 * under a name, and put back into the address when picked. Private to the user.
 */
export function SavedFilters() {
  const t = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const saved = useSavedFilters();
  const create = useCreateSavedFilter();
  const remove = useDeleteSavedFilter();
  const [isNaming, setNaming] = useState(false);
  const [deleting, setDeleting] = useState<TSavedFilter | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = saved.data?.items ?? [];
  const query = searchParams.toString();
  // The saved filter the address shows now, if any: picked, or the same filters set by hand.
  const current = items.find((item) => item.query === query);

  const apply = (id: string) => {
    const item = items.find((candidate) => String(candidate.id) === id);
    if (!item) return;
    setNotice(null);
    void setSearchParams(new URLSearchParams(item.query));
  };

  return (
    <div className="saved-filters">
      {items.length > 0 ? (
        <SelectField
          label={t("savedFilters.label")}
          value={current ? String(current.id) : ""}
          onChange={(event) => apply(event.target.value)}
        >
          <option value="">{t("savedFilters.choose")}</option>
          {items.map((item) => (
            <option key={item.id} value={item.id}>
              {item.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      {current ? (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setDeleting(current)}
        >
          {t("savedFilters.delete")}
        </button>
      ) : null}
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => {
          create.reset();
          setNotice(null);
          setNaming(true);
        }}
      >
        {t("savedFilters.save")}
      </button>
      <p className="saved-filters__notice muted" role="status">
        {notice}
      </p>

      {isNaming ? (
        <TextPromptDialog
          title={t("savedFilters.save")}
          label={t("savedFilters.name")}
          isRequired
          maxLength={MAX_NAME}
          validate={(name) =>
            !name
              ? t("validation.required")
              : name.length > MAX_NAME
                ? t("validation.tooLong", { max: MAX_NAME })
                : undefined
          }
          confirmLabel={t("savedFilters.submit")}
          isBusy={create.isPending}
          error={
            create.isError
              ? refusalMessage(t, create.error, {
                  "You already have": "savedFilters.error.duplicate",
                  "At most": "savedFilters.error.limit",
                })
              : undefined
          }
          onClose={() => setNaming(false)}
          onSubmit={(name) =>
            create.mutate(
              { scope: "leads", name, query },
              {
                onSuccess: (created) => {
                  setNaming(false);
                  setNotice(t("savedFilters.saved", { name: created.name }));
                },
              },
            )
          }
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t("savedFilters.delete")}
          body={t("savedFilters.deleteConfirm", { name: deleting.name })}
          confirmLabel={t("savedFilters.delete")}
          isBusy={remove.isPending}
          error={remove.isError ? refusalMessage(t, remove.error, {}) : undefined}
          onClose={() => setDeleting(null)}
          onConfirm={() =>
            remove.mutate(deleting.id, {
              onSuccess: () => setDeleting(null),
            })
          }
        />
      ) : null}
    </div>
  );
}
