import { Link } from "react-router";
import type { Operation } from "../api.ts";
import { useSession } from "../session.tsx";
import { claimFormPath, disruptionListPath } from "./disruption.tsx";

/** What follows from an operation: disruptions claimed against its targets, and its outcomes. */
export function OperationFollowUps({ operation }: { operation: Operation }) {
  const { can } = useSession();
  const claim = can("disruptions.claim") && operation.targets.length > 0;
  const record = can("outcomes.record");
  const read = can("disruptions.read");
  if (!claim && !record && !read) return null;
  return (
    <section className="rocu-section" aria-labelledby="follow-ups-heading" data-testid="operation-follow-ups">
      <h2 className="govuk-heading-m" id="follow-ups-heading">
        Disruptions and outcomes
      </h2>
      <ul className="govuk-list">
        {claim
          ? operation.targets.map((target) => (
              <li key={target.id}>
                <Link
                  className="govuk-link"
                  to={claimFormPath({ ocgId: target.id, operationId: operation.id })}
                >
                  Claim a disruption
                  {operation.targets.length > 1 ? ` against ${target.reference}` : ""}
                </Link>
              </li>
            ))
          : null}
        {record ? (
          <li>
            <Link
              className="govuk-link"
              to={`/organised-crime/outcomes/new?operationId=${encodeURIComponent(operation.id)}`}
            >
              Record an outcome
            </Link>
          </li>
        ) : null}
        {read ? (
          <li>
            <Link className="govuk-link" to={disruptionListPath({ operationId: operation.id })}>
              Disruptions claimed under Operation {operation.codeName}
            </Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
