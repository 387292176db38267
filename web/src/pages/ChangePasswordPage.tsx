import { Navigate, useSearchParams } from "react-router";
import { safeNext } from "../App.tsx";
import { refreshCsrfToken } from "../api.ts";
import { ChangePasswordForm } from "../components/ChangePasswordForm.tsx";
import { useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

/** Where a user who must change their password is kept until they have changed it. */
export function ChangePasswordPage() {
  useTitle("Change your password");
  const { me, reloadMe } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  // Once the password is changed the session no longer requires it: carry on to where the user was going.
  if (me && !me.mustChangePassword) return <Navigate to={next} replace state={{ passwordChanged: true }} />;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Change your password</h1>
        <p className="govuk-body">
          You must choose a new password before you can use ROCU Hub. Your administrator set your current one.
        </p>
        <ChangePasswordForm
          submitText="Change password and continue"
          onChanged={async () => {
            await refreshCsrfToken().catch(() => undefined);
            await reloadMe();
          }}
        />
      </div>
    </div>
  );
}
