import { Link, useLocation } from "react-router";
import { areasFor } from "../areas.ts";
import { SuccessBanner } from "../components/govuk.tsx";
import { roleLabel, scopeLabel } from "../format.ts";
import { useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

export function HomePage() {
  useTitle("Home");
  const { me, can } = useSession();
  const location = useLocation();
  const passwordChanged = (location.state as { passwordChanged?: boolean } | null)?.passwordChanged === true;
  if (!me) return null;
  const showAdmin = can("users.read") || can("audit.read");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {passwordChanged ? (
          <SuccessBanner>
            <p className="govuk-notification-banner__heading">Your password has been changed.</p>
          </SuccessBanner>
        ) : null}
        <span className="govuk-caption-l">{me.organisation.name}</span>
        <h1 className="govuk-heading-l">Welcome to ROCU Hub, {me.name}</h1>
        <p className="govuk-body">
          You are signed in as {me.roles.map((role) => roleLabel(role).toLowerCase()).join(", ")} with{" "}
          {scopeLabel(me.scope).toLowerCase()} scope and {me.clearance} clearance.
        </p>
        <h2 className="govuk-heading-m">Areas</h2>
        <ul className="govuk-list rocu-area-list">
          {areasFor(can).map((area) => (
            <li key={area.slug}>
              <Link
                className="govuk-link govuk-link--no-visited-state govuk-!-font-weight-bold"
                to={`/${area.slug}`}
              >
                {area.name}
              </Link>
              <p className="govuk-body govuk-!-margin-bottom-0">{area.summary}</p>
            </li>
          ))}
          {showAdmin ? (
            <li>
              <Link className="govuk-link govuk-link--no-visited-state govuk-!-font-weight-bold" to="/admin">
                Admin
              </Link>
              <p className="govuk-body govuk-!-margin-bottom-0">
                Users and their access, the audit log and reference data.
              </p>
            </li>
          ) : null}
        </ul>
      </div>
      <div className="govuk-grid-column-one-third">
        <aside className="rocu-related" aria-labelledby="related-heading">
          <h2 className="govuk-heading-s" id="related-heading">
            Your account
          </h2>
          <ul className="govuk-list govuk-body-s">
            <li>
              <Link className="govuk-link" to="/account">
                Change your password
              </Link>
            </li>
            <li>
              <Link className="govuk-link" to="/account#tokens">
                Manage your API tokens
              </Link>
            </li>
            <li>
              <a className="govuk-link" href="/api/docs">
                API documentation
              </a>
            </li>
          </ul>
        </aside>
      </div>
    </div>
  );
}
