import { ROLE_CODES, ZPassword, ZRoleCode } from "@crm/contracts";
import type { TUser } from "@crm/contracts";
import { useState } from "react";
import { useCurrentUser } from "../../app/current-user";
import { useLanguage, useT } from "../../i18n";
import { errorMessage } from "../../lib/error-message";
import { ConfirmDialog, Dialog, DialogFooter } from "../../ui/Dialog";
import { TextField } from "../../ui/Field";
import { Notice } from "../../ui/Status";
import { useUpdateUser } from "./user-writes.queries";
import { useResetPassword } from "./users.queries";

type Pending =
  | { kind: "role"; user: TUser; role: TUser["role"] }
  | { kind: "deactivate"; user: TUser }
  | { kind: "password"; user: TUser };

/** A new password for someone, typed twice is not asked: the admin tells it to them. */
function PasswordDialog({
  user,
  onClose,
  onDone,
}: {
  user: TUser;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const reset = useResetPassword();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  return (
    <Dialog title={t("users.resetPassword.title", { login: user.login })} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!ZPassword.safeParse(password).success) {
            setError(t("validation.tooShort", { min: 8 }));
            return;
          }
          reset.mutate({ id: user.id, password }, { onSuccess: onDone });
        }}
      >
        <p>{t("users.resetPassword.body")}</p>
        <TextField
          label={t("users.resetPassword.field")}
          type="password"
          autoComplete="new-password"
          value={password}
          error={error}
          onChange={(event) => setPassword(event.target.value)}
        />
        <DialogFooter
          confirmLabel={t("users.resetPassword")}
          isBusy={reset.isPending}
          error={reset.isError ? errorMessage(t, reset.error) : null}
          onClose={onClose}
        />
      </form>
    </Dialog>
  );
}

export function UsersTable({ users }: { users: TUser[] }) {
  const t = useT();
  const { locale } = useLanguage();
  const me = useCurrentUser();
  const updateUser = useUpdateUser();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" });

  const update = (user: TUser, patch: { role?: TUser["role"]; isActive?: boolean }) => {
    setNotice(null);
    setError(null);
    updateUser.mutate(
      { id: user.id, patch },
      {
        onSuccess: (updated) => setNotice(t("users.updated", { login: updated.login })),
        onError: (failure) => setError(errorMessage(t, failure)),
      },
    );
  };

  const isBusy = (user: TUser) => updateUser.isPending && updateUser.variables?.id === user.id;
  // Role changes and deactivation are confirmed first; a password reset asks for the password.
  const [pending, setPending] = useState<Pending | null>(null);

  const dialog =
    pending?.kind === "role" ? (
      <ConfirmDialog
        title={t("users.roleConfirm.title")}
        body={t("users.roleConfirm.body", {
          login: pending.user.login,
          role: t(`role.${pending.role}`),
        })}
        tone="primary"
        confirmLabel={t("users.roleConfirm.action")}
        onClose={() => setPending(null)}
        onConfirm={() => {
          update(pending.user, { role: pending.role });
          setPending(null);
        }}
      />
    ) : pending?.kind === "deactivate" ? (
      <ConfirmDialog
        title={t("users.deactivateConfirm.title", { login: pending.user.login })}
        body={t("users.deactivateConfirm.body")}
        confirmLabel={t("users.deactivate")}
        onClose={() => setPending(null)}
        onConfirm={() => {
          update(pending.user, { isActive: false });
          setPending(null);
        }}
      />
    ) : pending?.kind === "password" ? (
      <PasswordDialog
        user={pending.user}
        onClose={() => setPending(null)}
        onDone={() => {
          setNotice(t("users.resetPassword.done", { login: pending.user.login }));
          setPending(null);
        }}
      />
    ) : null;

  return (
    <>
      {dialog}
      {notice ? <Notice>{notice}</Notice> : null}
      {error ? (
        <div className="alert alert--error" role="alert">
          {error}
        </div>
      ) : null}
      {users.length === 0 ? (
        <p className="empty-state">{t("users.empty")}</p>
      ) : (
        <div
          className="table-wrap"
          role="region"
          aria-labelledby="users-table-caption"
          tabIndex={0}
        >
          <table className="table table--cards">
            <caption id="users-table-caption" className="visually-hidden">
              {t("users.table")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("users.col.login")}</th>
                <th scope="col">{t("users.col.name")}</th>
                <th scope="col">{t("users.col.phone")}</th>
                <th scope="col">{t("users.col.role")}</th>
                <th scope="col">{t("users.col.status")}</th>
                <th scope="col">{t("users.col.lastLogin")}</th>
                <th scope="col">{t("users.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => {
                // An admin cannot lock themselves out by demoting or deactivating their own account.
                const isSelf = user.id === me.id;
                return (
                  <tr key={user.id} className={user.isActive ? undefined : "row--inactive"}>
                    <td>
                      <span className="mono">{user.login}</span>
                      {isSelf ? <span className="badge badge--muted">{t("users.you")}</span> : null}
                    </td>
                    <td data-label={t("users.col.name")}>
                      {[user.firstName, user.lastName].filter(Boolean).join(" ")}
                    </td>
                    <td className="nowrap" data-label={t("users.col.phone")}>
                      {user.phone ?? "—"}
                    </td>
                    <td data-label={t("users.col.role")}>
                      <select
                        aria-label={t("users.roleOf", { login: user.login })}
                        value={user.role}
                        disabled={isSelf || isBusy(user)}
                        onChange={(event) => {
                          const role = ZRoleCode.safeParse(event.target.value);
                          if (role.success && role.data !== user.role) {
                            setPending({ kind: "role", user, role: role.data });
                          }
                        }}
                      >
                        {ROLE_CODES.map((role) => (
                          <option key={role} value={role}>
                            {t(`role.${role}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td data-label={t("users.col.status")}>
                      <span className={user.isActive ? "badge badge--ok" : "badge badge--off"}>
                        {user.isActive ? t("users.active") : t("users.inactive")}
                      </span>
                    </td>
                    <td className="nowrap" data-label={t("users.col.lastLogin")}>
                      {user.lastLoginAt
                        ? dateTime.format(new Date(user.lastLoginAt))
                        : t("users.never")}
                    </td>
                    <td>
                      {isSelf ? null : (
                        <button
                          type="button"
                          className="button button--small button--secondary"
                          aria-label={
                            user.isActive
                              ? t("users.deactivateLabel", { login: user.login })
                              : t("users.activateLabel", { login: user.login })
                          }
                          disabled={isBusy(user)}
                          onClick={() =>
                            user.isActive
                              ? setPending({ kind: "deactivate", user })
                              : update(user, { isActive: true })
                          }
                        >
                          {user.isActive ? t("users.deactivate") : t("users.activate")}
                        </button>
                      )}
                      <button
                        type="button"
                        className="button button--small button--secondary"
                        aria-label={t("users.resetPasswordLabel", { login: user.login })}
                        onClick={() => setPending({ kind: "password", user })}
                      >
                        {t("users.resetPassword")}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
