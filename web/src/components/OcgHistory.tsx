import { Link } from "react-router";
import { ApiError, api } from "../api.ts";
import { formatDate } from "../format.ts";
import { useAsync } from "../hooks.ts";
import { ocgPath } from "../pages/OcgFormPages.tsx";
import { ClaimStatusTag, disruptionListPath, disruptionPath, GRADE_LABELS, GradeTag } from "./disruption.tsx";
import { LoadError, Loading } from "./govuk.tsx";
import { BandTag, formatScore, LEVEL_LABELS, OcgStatusTag } from "./ocg.tsx";
import { OperationStatusTag, operationPath } from "./operation.tsx";

const SHOWN = 20;

/**
 * What a panel needs to know of a group beside a claim against it: its latest threat score, its
 * other disruptions at the grades panels gave, and the operations against it.
 */
export function OcgHistory({
  ocgId,
  claimId,
  generation,
}: {
  ocgId: string;
  /** The claim being heard, left out of the group's other disruptions. */
  claimId: string;
  /** Bumped after each decision, so the other disruptions show their new grades. */
  generation: number;
}) {
  const ocg = useAsync(() => api.ocg(ocgId), [ocgId]);
  const claims = useAsync(
    () => api.disruptions({ ocgId, sort: "-disruptedOn", pageSize: SHOWN + 1 }),
    [ocgId, generation],
  );
  const operations = useAsync(() => api.operations({ ocgId, sort: "-startedOn", pageSize: SHOWN }), [ocgId]);
  const group = ocg.data;
  const others = (claims.data?.items ?? []).filter((claim) => claim.id !== claimId).slice(0, SHOWN);
  const moreClaims = claims.data ? claims.data.total > claims.data.items.length : false;

  return (
    <section className="rocu-history" aria-labelledby="history-heading" data-testid="ocg-history">
      <h2 className="govuk-heading-m" id="history-heading">
        The group’s history
      </h2>
      {ocg.error instanceof ApiError && ocg.error.status === 404 ? (
        <p className="govuk-body">You cannot see this group’s record.</p>
      ) : ocg.error ? (
        <LoadError error={ocg.error} retry={ocg.reload} />
      ) : !group ? (
        <Loading what="Loading the group" />
      ) : (
        <div className="rocu-history__group" data-testid="history-assessment">
          <p className="govuk-body govuk-!-margin-bottom-1">
            <Link className="govuk-link govuk-!-font-weight-bold" to={ocgPath(group.id)}>
              {group.reference}
            </Link>{" "}
            {group.name} <OcgStatusTag status={group.status} />
          </p>
          <p className="govuk-body-s govuk-!-margin-bottom-2">
            {LEVEL_LABELS[group.level]}; led by {group.leadForce.name}; {group.primaryCrimeType.name}
          </p>
          {group.latestAssessment ? (
            <p className="govuk-body govuk-!-margin-bottom-0">
              Threat score <span className="rocu-score">{formatScore(group.latestAssessment.score)}</span>{" "}
              <BandTag band={group.latestAssessment.band} />
              <span className="rocu-block govuk-body-s rocu-muted">
                Assessed {formatDate(group.latestAssessment.assessedOn)} (model v
                {group.latestAssessment.modelVersion})
              </span>
            </p>
          ) : (
            <p className="govuk-body govuk-!-margin-bottom-0">Not scored yet.</p>
          )}
        </div>
      )}

      <h3 className="govuk-heading-s">Other disruptions</h3>
      {claims.error ? <LoadError error={claims.error} retry={claims.reload} /> : null}
      {!claims.data && !claims.error ? <Loading what="Loading its disruptions" /> : null}
      {claims.data ? (
        others.length === 0 ? (
          <p className="govuk-body-s">None you can see.</p>
        ) : (
          <ul className="govuk-list rocu-history__list" data-testid="history-disruptions">
            {others.map((claim) => (
              <li key={claim.id}>
                <Link className="govuk-link" to={disruptionPath(claim.id)}>
                  {claim.reference}
                </Link>
                , {formatDate(claim.disruptedOn)}:{" "}
                {claim.moderatedGrade ? (
                  <>
                    <GradeTag grade={claim.moderatedGrade} />
                    <span className="govuk-visually-hidden"> moderated grade</span>
                  </>
                ) : (
                  <ClaimStatusTag status={claim.status} />
                )}
                <span className="rocu-block govuk-body-s rocu-muted">
                  Claimed {GRADE_LABELS[claim.claimedGrade].toLowerCase()}
                </span>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {moreClaims ? (
        <p className="govuk-body-s">
          <Link className="govuk-link" to={disruptionListPath({ ocgId })}>
            See every claim against this group
          </Link>
        </p>
      ) : null}

      <h3 className="govuk-heading-s">Operations against it</h3>
      {operations.error ? <LoadError error={operations.error} retry={operations.reload} /> : null}
      {!operations.data && !operations.error ? <Loading what="Loading its operations" /> : null}
      {operations.data ? (
        operations.data.items.length === 0 ? (
          <p className="govuk-body-s">None you can see.</p>
        ) : (
          <ul className="govuk-list rocu-history__list" data-testid="history-operations">
            {operations.data.items.map((operation) => (
              <li key={operation.id}>
                <Link className="govuk-link" to={operationPath(operation.id)}>
                  Operation {operation.codeName}
                </Link>{" "}
                <OperationStatusTag status={operation.status} />
                <span className="rocu-block govuk-body-s rocu-muted">
                  {operation.leadOrganisation.name}, started {formatDate(operation.startedOn, "not yet")}
                </span>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
