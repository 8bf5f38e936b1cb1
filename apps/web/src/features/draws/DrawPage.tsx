import { ZId } from "@crm/contracts";
import type { TDraw } from "@crm/contracts";
import { useState } from "react";
import { Link, useParams } from "react-router";
import type { MessageKey } from "../../i18n";
import { useDocumentTitle, useT } from "../../i18n";
import { errorMessage } from "../../lib/error-message";
import { ConfirmDialog } from "../../ui/Dialog";
import { LoadError, Loading } from "../../ui/Status";
import { drawStatusLabel, useDateTime } from "./DrawsPage";
import { useDraw, useDrawStep, type DrawStep } from "./draws.queries";
import "./draws.css";

/** The next step a draw can take, if any. */
const NEXT_STEP: Partial<Record<TDraw["status"], DrawStep>> = {
  DRAFT: "open",
  OPEN: "close",
  CLOSED: "draw",
};

function Hash({ label, value }: { label: string; value: string | null }) {
  const t = useT();
  return (
    <div className="draw-hash">
      <dt>{label}</dt>
      <dd>{value ? <code>{value}</code> : <span className="muted">{t("draws.notYet")}</span>}</dd>
    </div>
  );
}

/** `/admin/draws/:id` (ADMIN): a draw's state, its next step, the published values, winners. */
export function DrawPage() {
  const t = useT();
  const params = useParams();
  const id = ZId.catch(0).parse(params.id);
  const draw = useDraw(id);
  const step = useDrawStep();
  const when = useDateTime();
  const [confirming, setConfirming] = useState<DrawStep | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDocumentTitle(draw.data?.title ?? t("draws.title"));

  if (draw.isPending) return <Loading />;
  if (draw.isError) return <LoadError error={draw.error} onRetry={() => void draw.refetch()} />;
  const data = draw.data;
  const next = NEXT_STEP[data.status];
  const publicUrl = `${window.location.origin}/api/public/draws/${data.id}`;

  const run = (chosen: DrawStep) => {
    setError(null);
    step.mutate(
      { id: data.id, step: chosen },
      {
        onSuccess: () => setConfirming(null),
        onError: (failure) => setError(errorMessage(t, failure)),
      },
    );
  };

  return (
    <section className="page draw-page" aria-labelledby="draw-title">
      <p>
        <Link to="/admin/draws">{t("draws.back")}</Link>
      </p>
      <header className="page__header">
        <h1 id="draw-title">{data.title}</h1>
        <p>
          <span className={`badge draws-status draws-status--${data.status.toLowerCase()}`}>
            {drawStatusLabel(t, data.status)}
          </span>
        </p>
      </header>
      <dl className="draw-facts">
        <div>
          <dt>{t("draws.field.prizes")}</dt>
          <dd>{data.prizes.join(", ")}</dd>
        </div>
        <div>
          <dt>{t("draws.field.winnersCount")}</dt>
          <dd>{data.winnersCount}</dd>
        </div>
        <div>
          <dt>{t("draws.field.eligibility")}</dt>
          <dd>{t(`draws.eligibility.${data.eligibility}` as MessageKey)}</dd>
        </div>
        <div>
          <dt>{t("draws.field.window")}</dt>
          <dd>
            {when(data.entryOpensAt)} — {when(data.entryClosesAt)}
          </dd>
        </div>
        <div>
          <dt>{t("draws.field.entries")}</dt>
          <dd data-testid="draw-entries">{data.entriesCount}</dd>
        </div>
      </dl>
      {next ? (
        <p>
          <button
            type="button"
            className="button button--primary"
            disabled={step.isPending}
            onClick={() => {
              setError(null);
              setConfirming(next);
            }}
          >
            {t(`draws.step.${next}` as MessageKey)}
          </button>
        </p>
      ) : null}

      <section aria-labelledby="draw-proof-title">
        <h2 id="draw-proof-title">{t("draws.proof")}</h2>
        <dl className="draw-hashes">
          <Hash label={t("draws.commitment")} value={data.commitment} />
          <Hash label={t("draws.entriesHash")} value={data.entriesHash} />
          <Hash label={t("draws.seed")} value={data.seed} />
        </dl>
      </section>

      {data.status === "DRAWN" ? (
        <section aria-labelledby="draw-winners-title">
          <h2 id="draw-winners-title">{t("draws.winners")}</h2>
          {data.winners.length === 0 ? (
            <p className="muted">{t("draws.noWinners")}</p>
          ) : (
            <ol className="draw-winners">
              {data.winners.map((winner) => (
                <li key={winner.place}>
                  {t("draws.winner", { ticket: winner.ticket, prize: winner.prize })}
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}

      <section aria-labelledby="draw-verify-title" className="panel draw-verify">
        <h2 id="draw-verify-title">{t("draws.verify.title")}</h2>
        <ol>
          <li>{t("draws.verify.commitment")}</li>
          <li>{t("draws.verify.entries")}</li>
          <li>{t("draws.verify.winners")}</li>
        </ol>
        <p>{t("draws.verify.data")}</p>
        <p>
          <code className="draw-code">{publicUrl}</code>
        </p>
        <p>{t("draws.verify.script")}</p>
        <pre className="draw-code">
          <code>{`node scripts/verify-draw.mjs ${publicUrl}`}</code>
        </pre>
        <p className="muted">{t("draws.verify.shell")}</p>
        <pre className="draw-code">
          <code>{`printf %s "$SEED" | sha256sum   # = commitment\ncurl -s ${publicUrl} | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(JSON.parse(s).entries.map(e=>e+'\\n').join('')))" | sha256sum   # = entriesHash`}</code>
        </pre>
        <details>
          <summary>{t("draws.verify.exact")}</summary>
          <p className="draw-algorithm">{data.algorithm}</p>
        </details>
      </section>

      {confirming ? (
        <ConfirmDialog
          title={t(`draws.step.${confirming}` as MessageKey)}
          body={t(`draws.confirm.${confirming}` as MessageKey)}
          confirmLabel={t(`draws.step.${confirming}` as MessageKey)}
          tone="primary"
          isBusy={step.isPending}
          error={error}
          onConfirm={() => run(confirming)}
          onClose={() => setConfirming(null)}
        />
      ) : null}
    </section>
  );
}
