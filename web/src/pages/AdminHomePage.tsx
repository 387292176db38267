import { Link } from "react-router";
import { Breadcrumbs } from "../components/govuk.tsx";
import { useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

export function AdminHomePage() {
  useTitle("Admin");
  const { can } = useSession();
  return (
    <>
      <Breadcrumbs items={[{ to: "/", text: "Home" }]} />
      <h1 className="govuk-heading-l">Admin</h1>
      <ul className="govuk-list rocu-area-list">
        {can("users.read") ? (
          <li>
            <Link className="govuk-link govuk-!-font-weight-bold" to="/admin/users">
              Users
            </Link>
            <p className="govuk-body govuk-!-margin-bottom-0">
              Find users, create accounts, change roles and access, disable accounts and reset passwords.
            </p>
          </li>
        ) : null}
        {can("audit.read") ? (
          <li>
            <Link className="govuk-link govuk-!-font-weight-bold" to="/admin/audit">
              Audit log
            </Link>
            <p className="govuk-body govuk-!-margin-bottom-0">
              Who did what and when, and a check that the log has not been altered.
            </p>
          </li>
        ) : null}
        <li>
          <Link className="govuk-link govuk-!-font-weight-bold" to="/admin/organisations">
            Organisations
          </Link>
          <p className="govuk-body govuk-!-margin-bottom-0">
            Forces, ROCUs and national bodies, and the commissioners' offices and partnerships that funding
            needs.
          </p>
        </li>
        <li>
          <Link className="govuk-link govuk-!-font-weight-bold" to="/admin/unit-types">
            Organisation unit types
          </Link>
          <p className="govuk-body govuk-!-margin-bottom-0">
            The kinds of unit that forces and ROCUs are organised into.
          </p>
        </li>
      </ul>
    </>
  );
}
