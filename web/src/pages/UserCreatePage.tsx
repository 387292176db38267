import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { api, type Clearance, type Role, type Scope } from "../api.ts";
import { PASSWORD_HINT } from "../components/ChangePasswordForm.tsx";
import {
  Breadcrumbs,
  FormErrorSummary,
  type FormErrors,
  formErrorsFrom,
  hasErrors,
  LoadError,
  Loading,
  noErrors,
  SubmitOrCancel,
  TextInput,
} from "../components/govuk.tsx";
import {
  checkAccessFields,
  USER_FIELD_IDS,
  UserAccessFields,
  type UserFormValues,
  useOrganisations,
} from "../components/UserFields.tsx";
import { useTitle } from "../hooks.ts";

export function UserCreatePage() {
  const navigate = useNavigate();
  const organisations = useOrganisations();
  const [values, setValues] = useState<UserFormValues>({
    name: "",
    organisationId: "",
    roles: [],
    scope: "",
    clearance: "",
  });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  useTitle(hasErrors(errors) ? "Error: Create a user" : "Create a user", "Admin");

  async function submit(event: FormEvent) {
    event.preventDefault();
    const access = checkAccessFields(values);
    // In page order, so the error summary lists them as they appear.
    const fields: Record<string, string> = {};
    if (access.name) fields.name = access.name;
    if (email.trim() === "") fields.email = "Enter the user’s email address";
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      fields.email = "Enter an email address in the correct format, like name@example.police.uk";
    for (const [key, message] of Object.entries(access)) if (key !== "name") fields[key] = message;
    if (password === "") fields.password = "Enter a first password for the user";
    else if (password.length < 12) fields.password = "The password must be at least 12 characters";
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      return;
    }
    setBusy(true);
    try {
      const user = await api.createUser({
        name: values.name.trim(),
        email: email.trim(),
        organisationId: values.organisationId,
        roles: values.roles as Role[],
        scope: values.scope as Scope,
        clearance: values.clearance as Clearance,
        password,
      });
      navigate(`/admin/users/${encodeURIComponent(user.id)}`, { state: { created: true } });
    } catch (error) {
      setErrors(formErrorsFrom(error, USER_FIELD_IDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", text: "Home" },
          { to: "/admin", text: "Admin" },
          { to: "/admin/users", text: "Users" },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <FormErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">Create a user</h1>
          {organisations.error ? (
            <LoadError error={organisations.error} retry={organisations.reload} />
          ) : null}
          {organisations.loading && !organisations.data ? <Loading what="Loading organisations" /> : null}
          {organisations.data ? (
            <form onSubmit={submit} noValidate aria-label="Create a user">
              <TextInput
                id="name"
                label="Full name"
                autoComplete="off"
                value={values.name}
                onChange={(name) => setValues({ ...values, name })}
                error={errors.fields.name}
                width="30"
              />
              <TextInput
                id="email"
                label="Email address"
                hint="Their work email address; they use it to sign in"
                type="email"
                autoComplete="off"
                spellCheck={false}
                value={email}
                onChange={setEmail}
                error={errors.fields.email}
                width="30"
              />
              <UserAccessFields
                values={values}
                onChange={setValues}
                errors={errors.fields}
                organisations={organisations.data.items}
              />
              <TextInput
                id="password"
                label="First password"
                hint={`${PASSWORD_HINT} The user must change it when they first sign in. Give it to them by a different route from their email address.`}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={setPassword}
                error={errors.fields.password}
                width="20"
              />
              <SubmitOrCancel text="Create user" busy={busy} cancelTo="/admin/users" />
            </form>
          ) : null}
        </div>
      </div>
    </>
  );
}
