import { type FormEvent, useEffect, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { ApiError, api, type Clearance, type Role, type Scope, type User } from "../api.ts";
import { PASSWORD_HINT } from "../components/ChangePasswordForm.tsx";
import {
  Breadcrumbs,
  ConfirmPanel,
  FormErrorSummary,
  type FormErrors,
  formErrorsFrom,
  LoadError,
  Loading,
  noErrors,
  SuccessBanner,
  SummaryList,
  Tag,
  TextInput,
} from "../components/govuk.tsx";
import { TokensSection } from "../components/TokensSection.tsx";
import {
  checkAccessFields,
  USER_FIELD_IDS,
  UserAccessFields,
  type UserFormValues,
  useOrganisations,
} from "../components/UserFields.tsx";
import { formatDateTime, kindLabel, roleLabel, scopeLabel } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";
import { UserStatusTag } from "./UsersPage.tsx";

function valuesOf(user: User): UserFormValues {
  return {
    name: user.name,
    organisationId: user.organisation.id,
    roles: [...user.roles],
    scope: user.scope,
    clearance: user.clearance,
  };
}

type Mode = "view" | "edit" | "disable" | "enable" | "reset";

export function UserDetailPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const { can, me } = useSession();
  const user = useAsync(() => api.user(id), [id]);
  const [mode, setMode] = useState<Mode>("view");
  const [message, setMessage] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? "The user has been created." : null,
  );
  useTitle(user.data?.name ?? "User", "Users", "Admin");

  if (user.error instanceof ApiError && user.error.status === 404) return <NotFoundPage />;

  const crumbs = [
    { to: "/", text: "Home" },
    { to: "/admin", text: "Admin" },
    { to: "/admin/users", text: "Users" },
  ];
  if (user.error) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <LoadError error={user.error} retry={user.reload} />
      </>
    );
  }
  if (!user.data) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <Loading what="Loading user" />
      </>
    );
  }

  const record = user.data;
  const manage = can("users.manage");
  const isSelf = me?.id === record.id;

  function done(updated: User | null, text: string) {
    if (updated) user.setData(updated);
    setMode("view");
    setMessage(text);
  }

  return (
    <>
      <Breadcrumbs items={crumbs} />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      <span className="govuk-caption-l rocu-break">{record.email}</span>
      <h1 className="govuk-heading-l rocu-title-with-tag">
        {record.name} <UserStatusTag user={record} />
      </h1>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              { key: "Name", value: record.name },
              { key: "Email", value: <span className="rocu-break">{record.email}</span> },
              {
                key: "Organisation",
                value: (
                  <>
                    {record.organisation.name}
                    <br />
                    <span className="govuk-hint govuk-!-margin-bottom-0">
                      {kindLabel(record.organisation.kind)}
                    </span>
                  </>
                ),
              },
              { key: "Roles", value: record.roles.map(roleLabel).join(", ") },
              { key: "Scope", value: scopeLabel(record.scope, true) },
              { key: "Clearance", value: record.clearance },
              {
                key: "Status",
                value: (
                  <>
                    <UserStatusTag user={record} />
                    {record.disabled && record.disabledAt
                      ? ` since ${formatDateTime(record.disabledAt)}`
                      : null}
                  </>
                ),
              },
              {
                key: "Password",
                value: record.mustChangePassword ? (
                  <Tag colour="yellow">Must change at next sign in</Tag>
                ) : (
                  "Set by the user"
                ),
              },
              { key: "Created", value: formatDateTime(record.createdAt) },
              { key: "Last updated", value: formatDateTime(record.updatedAt) },
              ...(record.isDemo ? [{ key: "Demo account", value: "Yes — made up for demonstrations" }] : []),
            ]}
          />
          {can("audit.read") ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/admin/audit?entityId=${encodeURIComponent(record.id)}`}>
                View the audit log for this user
              </Link>
            </p>
          ) : null}

          {manage && mode === "view" ? (
            <div className="govuk-button-group">
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => setMode("edit")}
              >
                Change details<span className="govuk-visually-hidden"> of {record.name}</span>
              </button>
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                onClick={() => setMode("reset")}
              >
                Reset password
              </button>
              {record.disabled ? (
                <button type="button" className="govuk-button" onClick={() => setMode("enable")}>
                  Enable user
                </button>
              ) : isSelf ? null : (
                <button
                  type="button"
                  className="govuk-button govuk-button--warning"
                  onClick={() => setMode("disable")}
                >
                  Disable user
                </button>
              )}
            </div>
          ) : null}

          {mode === "edit" ? (
            <EditUser
              user={record}
              onCancel={() => setMode("view")}
              onDone={(u) => done(u, "The changes have been saved.")}
            />
          ) : null}
          {mode === "disable" || mode === "enable" ? (
            <ToggleUser
              user={record}
              action={mode}
              onCancel={() => setMode("view")}
              onDone={(u) =>
                done(u, mode === "disable" ? "The user has been disabled." : "The user has been enabled.")
              }
            />
          ) : null}
          {mode === "reset" ? (
            <ResetPassword
              user={record}
              onCancel={() => setMode("view")}
              onDone={() => {
                done(null, "The password has been reset. The user must change it when they next sign in.");
                user.reload();
              }}
            />
          ) : null}
        </div>
      </div>
      {can("tokens.manage-any") ? (
        <TokensSection userId={record.id} ownerName={record.name} headingId="user-tokens" />
      ) : null}
    </>
  );
}

function EditUser({
  user,
  onCancel,
  onDone,
}: {
  user: User;
  onCancel: () => void;
  onDone: (user: User) => void;
}) {
  const organisations = useOrganisations();
  const [values, setValues] = useState<UserFormValues>(() => valuesOf(user));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.getElementById("edit-heading")?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = checkAccessFields(values);
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      return;
    }
    setBusy(true);
    try {
      const updated = await api.updateUser(user.id, {
        name: values.name.trim(),
        organisationId: values.organisationId,
        roles: values.roles as Role[],
        scope: values.scope as Scope,
        clearance: values.clearance as Clearance,
      });
      onDone(updated);
    } catch (error) {
      setErrors(formErrorsFrom(error, USER_FIELD_IDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="edit-heading" className="rocu-section">
      <h2 className="govuk-heading-m" id="edit-heading" tabIndex={-1}>
        Change details of {user.name}
      </h2>
      {organisations.error ? <LoadError error={organisations.error} retry={organisations.reload} /> : null}
      {organisations.data ? (
        <form onSubmit={submit} noValidate aria-labelledby="edit-heading">
          <FormErrorSummary errors={errors} />
          <TextInput
            id="name"
            label="Full name"
            value={values.name}
            onChange={(name) => setValues({ ...values, name })}
            error={errors.fields.name}
            width="30"
          />
          <UserAccessFields
            values={values}
            onChange={setValues}
            errors={errors.fields}
            organisations={organisations.data.items}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" disabled={busy}>
              Save changes
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <Loading what="Loading organisations" />
      )}
    </section>
  );
}

function ToggleUser({
  user,
  action,
  onCancel,
  onDone,
}: {
  user: User;
  action: "disable" | "enable";
  onCancel: () => void;
  onDone: (user: User) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  async function confirm() {
    setBusy(true);
    try {
      onDone(action === "disable" ? await api.disableUser(user.id) : await api.enableUser(user.id));
    } catch (error) {
      setErrors(formErrorsFrom(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <ConfirmPanel
      heading={action === "disable" ? `Disable ${user.name}?` : `Enable ${user.name}?`}
      confirmText={action === "disable" ? `Yes, disable ${user.name}` : `Yes, enable ${user.name}`}
      warning={action === "disable"}
      busy={busy}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <FormErrorSummary errors={errors} />
      <p className="govuk-body">
        {action === "disable"
          ? `${user.name} (${user.email}) will be signed out and will not be able to sign in or use their API tokens until the account is enabled again.`
          : `${user.name} (${user.email}) will be able to sign in again with their existing password.`}
      </p>
    </ConfirmPanel>
  );
}

function ResetPassword({ user, onCancel, onDone }: { user: User; onCancel: () => void; onDone: () => void }) {
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.getElementById("reset-heading")?.focus();
  }, []);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length < 12) {
      setErrors({
        fields: {
          "reset-password":
            password === "" ? "Enter a new password" : "The password must be at least 12 characters",
        },
      });
      return;
    }
    setBusy(true);
    try {
      await api.resetPassword(user.id, password);
      onDone();
    } catch (error) {
      setErrors(formErrorsFrom(error, { password: "reset-password" }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby="reset-heading" className="rocu-section">
      <h2 className="govuk-heading-m" id="reset-heading" tabIndex={-1}>
        Reset the password of {user.name}
      </h2>
      <form onSubmit={submit} noValidate aria-labelledby="reset-heading">
        <FormErrorSummary errors={errors} />
        <TextInput
          id="reset-password"
          label="New password"
          hint={`${PASSWORD_HINT} ${user.name} must change it when they next sign in.`}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          error={errors.fields["reset-password"]}
          width="20"
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={busy}>
            Reset password
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
