import { Link } from "react-router";
import { fundingApi } from "../api.ts";
import { bidPath, FundingNav, outcomeLabel } from "../components/funding.tsx";
import { LoadError, Loading, TableWrapper } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { ListPagination, rangeOf, useListFilters } from "../components/listing.tsx";
import { formatDate, plural } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";

/** Filters reached by links (a pot's or a bid's decisions, an office's in a year from the funding report); the page has no filter form. */
const FILTERS = ["potId", "bidId", "decisionMakerOrganisationId", "financialYear"] as const;

export function DecisionListPage() {
  useTitle("Commissioners’ decisions", "Funding");
  const listing = useListFilters({ filters: FILTERS, pageSize: 25 });
  const decisions = useAsync(() => fundingApi.decisions(listing.query), [listing.queryKey]);
  const data = decisions.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));
  const { from, to } = data ? rangeOf(data) : { from: 0, to: 0 };
  return (
    <>
      <FundingNav />
      <span className="govuk-caption-l">Funding</span>
      <h1 className="govuk-heading-l">Commissioners’ decisions</h1>
      <p className="govuk-body">
        Each commissioner’s decision on their office’s share of a bid, newest first.
      </p>
      {listing.filtered ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={listing.clearHref}>
            Show all decisions
          </Link>
        </p>
      ) : null}
      {decisions.error ? <LoadError error={decisions.error} retry={decisions.reload} /> : null}
      {decisions.loading && !data ? <Loading what="Loading decisions" /> : null}
      {data ? (
        data.total === 0 ? (
          <p className="govuk-body" data-testid="decisions-empty">
            No decisions are recorded yet. Finance records each commissioner’s decision from the bid’s page.
          </p>
        ) : (
          <>
            <p className="govuk-body" data-testid="decisions-count">
              {plural(data.total, "decision")}
              {data.total > data.pageSize ? `, showing ${from} to ${to}` : ""}, giving{" "}
              <strong className="rocu-money">{data.sum}</strong> in all.
            </p>
            <TableWrapper label="Decisions">
              <table className="govuk-table rocu-table--dense rocu-table--stack">
                <caption className="govuk-table__caption govuk-visually-hidden">
                  Commissioners’ decisions, newest first
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Reference
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Decision maker
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Date
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Outcome
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      Amount
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Bid
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((decision) => (
                    <tr className="govuk-table__row" key={decision.id} data-testid="decision-row">
                      <td className="govuk-table__cell">{decision.reference}</td>
                      <td data-label="Decision maker" className="govuk-table__cell">
                        {decision.decisionMaker.name}
                      </td>
                      <td data-label="Date" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(decision.decidedOn)}
                      </td>
                      <td data-label="Outcome" className="govuk-table__cell">
                        {outcomeLabel(decision.outcome)}
                      </td>
                      <td
                        data-label="Amount"
                        className="govuk-table__cell govuk-table__cell--numeric rocu-money"
                      >
                        {decision.total}
                      </td>
                      <td data-label="Bid" className="govuk-table__cell">
                        <Link className="govuk-link" to={bidPath(decision.bid.id)}>
                          {decision.bid.title}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="decisions" hrefWith={listing.hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
