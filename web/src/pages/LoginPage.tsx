import { type FormEvent, useState } from "react";
import { Navigate, useLocation, useSearchParams } from "react-router";
import { safeNext } from "../App.tsx";
import { ApiError, ROLES } from "../api.ts";
import {
  FormErrorSummary,
  type FormErrors,
  formErrorsFrom,
  hasErrors,
  InfoBanner,
  noErrors,
  TextInput,
} from "../components/govuk.tsx";
import { roleLabel } from "../format.ts";
import { useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

export function LoginPage() {
  const { me, signIn, instance, expired } = useSession();
  const [params] = useSearchParams();
  const location = useLocation();
  const next = safeNext(params.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  useTitle(hasErrors(errors) ? "Error: Sign in" : "Sign in");

  if (me) {
    if (me.mustChangePassword) {
      const suffix = next === "/" ? "" : `?next=${encodeURIComponent(next)}`;
      return <Navigate to={`/change-password${suffix}`} replace />;
    }
    return <Navigate to={next} replace />;
  }

  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (email.trim() === "") fields.email = "Enter your email address";
    if (password === "") fields.password = "Enter your password";
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      return;
    }
    setBusy(true);
    try {
      await signIn(email.trim(), password);
      // The redirect happens on the next render, once the session knows the user.
    } catch (error) {
      setPassword("");
      if (error instanceof ApiError && error.status === 401) {
        const detail = error.problem.detail ?? "Email or password is incorrect";
        setErrors({ fields: { email: detail } });
      } else if (error instanceof ApiError && error.status === 429) {
        setErrors({
          description:
            error.problem.detail ??
            "There have been too many attempts to sign in. Wait a while and try again.",
          fields: {},
        });
      } else {
        setErrors(formErrorsFrom(error));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrorSummary errors={errors} />
        {signedOut && !hasErrors(errors) ? (
          <InfoBanner title="Signed out">
            <p className="govuk-notification-banner__heading">You have signed out of ROCU Hub.</p>
          </InfoBanner>
        ) : null}
        {expired && !hasErrors(errors) ? (
          <InfoBanner title="Session ended">
            <p className="govuk-notification-banner__heading">
              Your session has ended. Sign in again to carry on.
            </p>
          </InfoBanner>
        ) : null}
        <h1 className="govuk-heading-l">Sign in to ROCU Hub</h1>
        <form onSubmit={submit} noValidate>
          <TextInput
            id="email"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onChange={setEmail}
            error={errors.fields.email}
          />
          <TextInput
            id="password"
            label="Password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            error={errors.fields.password}
          />
          <button type="submit" className="govuk-button" data-module="govuk-button" disabled={busy}>
            Sign in
          </button>
        </form>
        <p className="govuk-body">
          If you have forgotten your password or your account is locked, ask an administrator in your
          organisation to reset it.
        </p>
        {instance?.demo ? (
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Demo accounts</span>
            </summary>
            <div className="govuk-details__text">
              <p className="govuk-body">
                This is a demonstration instance. There is one demo account for each role; they all use the
                demo password set when the instance was started.
              </p>
              <ul className="govuk-list govuk-body-s">
                {ROLES.map((role) => (
                  <li key={role}>
                    {roleLabel(role)}: <code className="rocu-code">{role}@demo.rocu.test</code>
                  </li>
                ))}
              </ul>
            </div>
          </details>
        ) : null}
      </div>
    </div>
  );
}
