import { useState, type FormEvent } from "react";
import { MAX_MEDIA_BYTES, MEDIA_TYPES, type TComplexMedia, type TMediaKind } from "@crm/contracts";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/error-message";
import { ConfirmDialog } from "../../ui/Dialog";
import { LoadError, Loading } from "../../ui/Status";
import { useComplexes } from "../inventory/inventory.queries";
import { useComplexMedia, useRemoveMedia, useUploadMedia } from "./media.queries";
import "./media.css";

/** Photos and layout plans of a complex's public landing page: upload, look, remove. */
export function MediaSection() {
  const t = useT();
  const complexes = useComplexes();
  const [complexId, setComplexId] = useState<number | null>(null);
  const selected = complexId ?? complexes.data?.items[0]?.id ?? null;

  return (
    <section className="card media-card" aria-labelledby="media-title">
      <h2 id="media-title">{t("marketing.media.title")}</h2>
      <p className="muted">{t("marketing.media.explain")}</p>
      {complexes.isPending ? (
        <Loading />
      ) : complexes.isError ? (
        <LoadError error={complexes.error} onRetry={() => void complexes.refetch()} />
      ) : selected === null ? (
        <p className="muted">{t("marketing.media.noComplexes")}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="media-complex">{t("marketing.media.complex")}</label>
            <select
              id="media-complex"
              value={selected}
              onChange={(event) => setComplexId(Number(event.target.value))}
            >
              {complexes.data.items.map((complex) => (
                <option key={complex.id} value={complex.id}>
                  {complex.name}
                </option>
              ))}
            </select>
          </div>
          <UploadForm key={`upload-${selected}`} complexId={selected} />
          <MediaList key={`list-${selected}`} complexId={selected} />
        </>
      )}
    </section>
  );
}

function UploadForm({ complexId }: { complexId: number }) {
  const t = useT();
  const upload = useUploadMedia(complexId);
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<TMediaKind>("PHOTO");
  const [rooms, setRooms] = useState("1");
  const [tooLarge, setTooLarge] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    if (file.size > MAX_MEDIA_BYTES) return setTooLarge(true);
    const form = event.currentTarget;
    upload.mutate(
      { file, kind, rooms: kind === "PLAN" ? Number(rooms) : undefined },
      {
        onSuccess: () => {
          form.reset();
          setFile(null);
        },
      },
    );
  };

  return (
    <form className="media-upload" onSubmit={submit}>
      <div className="field">
        <label htmlFor="media-file">{t("marketing.media.file")}</label>
        <input
          id="media-file"
          type="file"
          accept={MEDIA_TYPES.join(",")}
          onChange={(event) => {
            setTooLarge(false);
            setFile(event.target.files?.[0] ?? null);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="media-kind">{t("marketing.media.kind")}</label>
        <select
          id="media-kind"
          value={kind}
          onChange={(event) => setKind(event.target.value as TMediaKind)}
        >
          <option value="PHOTO">{t("marketing.media.kind.PHOTO")}</option>
          <option value="PLAN">{t("marketing.media.kind.PLAN")}</option>
        </select>
      </div>
      {kind === "PLAN" ? (
        <div className="field">
          <label htmlFor="media-rooms">{t("marketing.media.rooms")}</label>
          <input
            id="media-rooms"
            type="number"
            inputMode="numeric"
            min={0}
            max={20}
            required
            value={rooms}
            onChange={(event) => setRooms(event.target.value)}
          />
        </div>
      ) : null}
      {tooLarge ? (
        <p className="alert alert--error" role="alert">
          {t("marketing.media.tooLarge", { mb: MAX_MEDIA_BYTES / 1024 / 1024 })}
        </p>
      ) : upload.isError ? (
        <p className="alert alert--error" role="alert">
          {errorMessage(t, upload.error)}
        </p>
      ) : null}
      <div className="form__actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={!file || upload.isPending}
        >
          {t("marketing.media.upload")}
        </button>
      </div>
    </form>
  );
}

function MediaList({ complexId }: { complexId: number }) {
  const t = useT();
  const media = useComplexMedia(complexId);
  const remove = useRemoveMedia(complexId);
  const [removing, setRemoving] = useState<TComplexMedia | null>(null);

  const label = (item: TComplexMedia) =>
    item.kind === "PLAN"
      ? t("marketing.media.planOf", { rooms: item.rooms ?? 0 })
      : t("marketing.media.kind.PHOTO");

  if (media.isPending) return <Loading />;
  if (media.isError) return <LoadError error={media.error} onRetry={() => void media.refetch()} />;
  if (media.data.items.length === 0) return <p className="muted">{t("marketing.media.empty")}</p>;
  return (
    <>
      <ul className="media-grid">
        {media.data.items.map((item) => (
          <li key={item.id} className="media-grid__item">
            <img
              src={item.url}
              width={item.width}
              height={item.height}
              alt={label(item)}
              loading="lazy"
            />
            <div className="media-grid__meta">
              <span>{label(item)}</span>
              <button type="button" className="button" onClick={() => setRemoving(item)}>
                {t("marketing.media.remove")}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {removing ? (
        <ConfirmDialog
          title={t("marketing.media.remove")}
          body={t("marketing.media.removeBody")}
          confirmLabel={t("marketing.media.remove")}
          isBusy={remove.isPending}
          onClose={() => setRemoving(null)}
          onConfirm={() => remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
        />
      ) : null}
    </>
  );
}
