import { ZId } from "@crm/contracts";
import { useSearchParams } from "react-router";
import { useCurrentUser } from "../../app/current-user";
import { useDocumentTitle, useT } from "../../i18n";
import { BUCKETS, CallbacksWidget } from "./CallbacksWidget";

/**
 * `/callbacks?bucket=overdue&scope=team&userId=7`: the calls behind a dashboard figure, up to
 * the API's page size; the widget's tabs and scope switch work from there.
 */
export function CallbacksPage() {
  const t = useT();
  useDocumentTitle(t("callbacksPage.title"));
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const isManager = user.role === "MOP" || user.role === "ADMIN";
  const bucket = BUCKETS.find((value) => value === params.get("bucket")) ?? "today";
  const scope = isManager && params.get("scope") === "team" ? "team" : "mine";
  const person = ZId.safeParse(params.get("userId") ?? undefined);
  return (
    <section className="page" aria-labelledby="callbacks-page-title">
      <header className="page__header">
        <h1 id="callbacks-page-title">{t("callbacksPage.title")}</h1>
      </header>
      <CallbacksWidget
        key={params.toString()}
        defaultScope={scope}
        canSwitchScope={isManager}
        defaultBucket={bucket}
        userId={person.success ? person.data : undefined}
        limit={200}
      />
    </section>
  );
}
