import { Link } from "react-router";
import { useTitle } from "../hooks.ts";

export function NotFoundPage() {
  useTitle("Page not found");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">If you typed the web address, check it is correct.</p>
        <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Go to the ROCU Hub home page
          </Link>
        </p>
      </div>
    </div>
  );
}

export function ForbiddenPage() {
  useTitle("You do not have access to this page");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You do not have access to this page</h1>
        <p className="govuk-body">
          Your roles in ROCU Hub do not include this page. If you need it for your work, ask an administrator
          in your organisation.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Go to the ROCU Hub home page
          </Link>
        </p>
      </div>
    </div>
  );
}
