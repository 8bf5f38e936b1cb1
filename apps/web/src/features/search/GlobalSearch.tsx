import type { TSearchHit } from "@crm/contracts";
import { useEffect, useId, useMemo, useState } from "react";
import type { KeyboardEvent } from "react";
import { useNavigate } from "react-router";
import { useShellT } from "../../i18n";
import type { ShellKey } from "../../i18n";
import { Dialog } from "../../ui/Dialog";
import { useGlobalSearch } from "./search.queries";

const KIND_LABEL: Record<TSearchHit["kind"], ShellKey> = {
  lead: "search.kind.lead",
  flat: "search.kind.flat",
  deal: "search.kind.deal",
  user: "search.kind.user",
};

/**
 * The header's search: a button (and Ctrl/Cmd-K anywhere) opens a dialog that finds leads,
 * flats, deals and colleagues as far as the role may see them; arrows choose, Enter opens.
 */
export function GlobalSearch() {
  const t = useShellT();
  const [isOpen, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button
        type="button"
        className="button button--secondary topbar__search"
        onClick={() => setOpen(true)}
        aria-keyshortcuts="Control+K Meta+K"
      >
        <span aria-hidden="true">⌕</span>
        <span className="topbar__search-label">{t("search.open")}</span>
        <kbd className="topbar__kbd">{t("search.shortcut")}</kbd>
      </button>
      {isOpen && <SearchDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function useDebounced(value: string, ms: number) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function SearchDialog({ onClose }: { onClose: () => void }) {
  const t = useShellT();
  const navigate = useNavigate();
  const [q, setQ] = useState("");
  const term = useDebounced(q, 200);
  const search = useGlobalSearch(term);
  const [active, setActive] = useState(0);
  const listId = useId();
  const items = useMemo(
    () => (term.trim().length >= 2 ? (search.data?.items ?? []) : []),
    [search.data, term],
  );
  useEffect(() => setActive(0), [items]);

  const open = (hit: TSearchHit) => {
    onClose();
    void navigate(hit.href);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setActive((index) => Math.min(items.length - 1, index + 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => Math.max(0, index - 1));
    } else if (event.key === "Enter" && items[active]) {
      event.preventDefault();
      open(items[active]);
    }
  };

  let lastKind: TSearchHit["kind"] | null = null;
  return (
    <Dialog title={t("search.title")} onClose={onClose}>
      <div className="search">
        <input
          className="input search__input"
          type="search"
          autoFocus
          value={q}
          maxLength={100}
          onChange={(event) => setQ(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t("search.placeholder")}
          aria-label={t("search.label")}
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls={listId}
          aria-activedescendant={items[active] ? `${listId}-${active}` : undefined}
          aria-autocomplete="list"
        />
        <p className="muted search__status" role="status">
          {q.trim().length < 2
            ? t("search.tooShort")
            : search.isFetching && items.length === 0
              ? t("search.loading")
              : search.isSuccess && items.length === 0 && term === q
                ? t("search.empty", { q: q.trim() })
                : ""}
        </p>
        <ul id={listId} className="search__results" role="listbox" aria-label={t("search.title")}>
          {items.map((hit, index) => {
            const heading = hit.kind !== lastKind ? t(KIND_LABEL[hit.kind]) : null;
            lastKind = hit.kind;
            return (
              <li
                key={`${hit.kind}-${hit.id}`}
                id={`${listId}-${index}`}
                role="option"
                aria-selected={index === active}
                className={index === active ? "search__hit search__hit--active" : "search__hit"}
                onMouseEnter={() => setActive(index)}
                onClick={() => open(hit)}
              >
                {heading && <span className="search__kind">{heading}</span>}
                <span className="search__title">{hit.title}</span>
                <span className="search__subtitle muted">{hit.subtitle}</span>
              </li>
            );
          })}
        </ul>
        <p className="muted search__hint">{t("search.hint")}</p>
      </div>
    </Dialog>
  );
}
