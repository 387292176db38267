import { Link } from "react-router";
import type { Area } from "../areas.ts";
import { useTitle } from "../hooks.ts";

export function AreaPage({ area }: { area: Area }) {
  useTitle(area.name);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{area.name}</h1>
        <div className="govuk-inset-text">
          <p className="govuk-body">
            This part of ROCU Hub is being built and is not yet available. No records are shown here yet.
          </p>
        </div>
        <p className="govuk-body">
          When it is ready, it will cover: {area.summary.charAt(0).toLowerCase()}
          {area.summary.slice(1)}
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Back to the home page
          </Link>
        </p>
      </div>
    </div>
  );
}
