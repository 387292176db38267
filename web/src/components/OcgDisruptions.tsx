import { Link } from "react-router";
import { api } from "../api.ts";
import { formatDate, plural } from "../format.ts";
import { useAsync } from "../hooks.ts";
import { useSession } from "../session.tsx";
import {
  ClaimStatusTag,
  claimFormPath,
  disruptionListPath,
  disruptionPath,
  GRADE_LABELS,
  GRADES,
  ModeratedGrade,
} from "./disruption.tsx";
import { LoadError, Loading, TableWrapper } from "./govuk.tsx";

const SHOWN = 25;

/** The disruption claims against one OCG, for its record page; shown to those who read disruptions. */
export function OcgDisruptions({ ocgId }: { ocgId: string }) {
  const { can } = useSession();
  if (!can("disruptions.read")) return null;
  return <DisruptionsOf ocgId={ocgId} claim={can("disruptions.claim")} />;
}

function DisruptionsOf({ ocgId, claim }: { ocgId: string; claim: boolean }) {
  const claims = useAsync(() => api.disruptions({ ocgId, sort: "-disruptedOn", pageSize: SHOWN }), [ocgId]);
  // The counts by moderated grade, from the list's own totals so they match its links.
  const counted = useAsync(
    () =>
      Promise.all(GRADES.map((grade) => api.disruptions({ ocgId, grade, pageSize: 1 }))).then((pages) =>
        GRADES.map((grade, index) => ({ grade, count: pages[index]?.total ?? 0 })),
      ),
    [ocgId],
  );
  const data = claims.data;
  const claimLink = claim ? (
    <Link className="govuk-link" to={claimFormPath({ ocgId })}>
      Claim a disruption against this group
    </Link>
  ) : null;
  return (
    <section className="rocu-section" aria-labelledby="disruptions-heading" data-testid="ocg-disruptions">
      <h2 className="govuk-heading-m" id="disruptions-heading">
        Disruptions
      </h2>
      {claims.error ? <LoadError error={claims.error} retry={claims.reload} /> : null}
      {!data && !claims.error ? <Loading what="Loading disruptions" /> : null}
      {data ? (
        data.total === 0 ? (
          <p className="govuk-body">
            No disruption claims you can see are recorded against this group. {claimLink}
          </p>
        ) : (
          <>
            {counted.data ? (
              <p className="govuk-body" data-testid="ocg-disruption-counts">
                Moderated grades only:{" "}
                {counted.data.map((entry, index) => (
                  <span key={entry.grade}>
                    {index > 0 ? ", " : ""}
                    {entry.count > 0 ? (
                      <Link className="govuk-link" to={disruptionListPath({ ocgId, grade: entry.grade })}>
                        {entry.count} {entry.grade}
                      </Link>
                    ) : (
                      `${entry.count} ${entry.grade}`
                    )}
                  </span>
                ))}
                . Claims a panel has not yet accepted or regraded do not count.
              </p>
            ) : null}
            <TableWrapper label="Disruption claims against this group">
              <table className="govuk-table rocu-table--dense rocu-table--stack">
                <caption className="govuk-table__caption govuk-visually-hidden">
                  Disruption claims against this group, latest first
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Reference
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Status
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Moderated grade (counts)
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Claimed grade
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Date
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Claimed by
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((item) => (
                    <tr className="govuk-table__row" key={item.id} data-testid="ocg-disruption">
                      <td className="govuk-table__cell rocu-nowrap">
                        <Link className="govuk-link" to={disruptionPath(item.id)}>
                          {item.reference}
                        </Link>
                      </td>
                      <td data-label="Status" className="govuk-table__cell">
                        <ClaimStatusTag status={item.status} />
                      </td>
                      <td data-label="Moderated grade (counts)" className="govuk-table__cell">
                        <ModeratedGrade grade={item.moderatedGrade} status={item.status} />
                      </td>
                      <td data-label="Claimed grade" className="govuk-table__cell">
                        {GRADE_LABELS[item.claimedGrade]}
                      </td>
                      <td data-label="Date" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(item.disruptedOn)}
                      </td>
                      <td data-label="Claimed by" className="govuk-table__cell">
                        {item.claimingOrganisation.name}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            {data.total > data.items.length ? (
              <p className="govuk-body">
                <Link className="govuk-link" to={disruptionListPath({ ocgId })}>
                  See all {plural(data.total, "claim")} against this group
                </Link>
              </p>
            ) : null}
            {claimLink ? <p className="govuk-body">{claimLink}</p> : null}
          </>
        )
      ) : null}
    </section>
  );
}
