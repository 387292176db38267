import { Link } from "react-router";
import { api, fundingApi } from "../api.ts";
import {
  bidPath,
  FundingNav,
  financialYearOptions,
  OUTCOME_OPTIONS,
  outcomeLabel,
} from "../components/funding.tsx";
import { LoadError, Loading, Select, TableWrapper, TextInput } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import {
  EmptyList,
  FilterActions,
  ListCount,
  ListPagination,
  SortCaption,
  SortHeader,
  useListFilters,
} from "../components/listing.tsx";
import { formatDate } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";

const DEFAULT_SORT = "-decidedOn";
/** The form's filters, and those reached by links (a pot's decisions, a bid's decisions). */
const FILTERS = ["q", "decisionMakerOrganisationId", "outcome", "financialYear", "potId", "bidId"] as const;
type SortKey = "reference" | "decidedOn";
const SORT_WORDS: Record<string, string> = { reference: "reference", decidedOn: "date decided" };

export function DecisionListPage() {
  useTitle("Commissioners’ decisions", "Funding");
  const listing = useListFilters({ filters: FILTERS, defaultSort: DEFAULT_SORT, pageSize: 25 });
  const { draft, setDraft, sort, hrefWith, filtered } = listing;
  const decisions = useAsync(() => fundingApi.decisions(listing.query), [listing.queryKey]);
  const organisations = useAsync(() => api.organisations(), []);
  const offices = (organisations.data?.items ?? [])
    .filter((organisation) => organisation.kind === "opcc")
    .map((organisation) => ({ value: organisation.id, label: organisation.name }));
  const data = decisions.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));
  return (
    <>
      <FundingNav />
      <span className="govuk-caption-l">Funding</span>
      <h1 className="govuk-heading-l">Commissioners’ decisions</h1>
      <p className="govuk-body">Each commissioner’s decision on their office’s share of a bid.</p>

      <search className="rocu-filters" aria-label="Filter decisions">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <TextInput
              id="filter-q"
              name="q"
              type="search"
              label="Reference, or part of it"
              value={draft.q}
              onChange={(q) => setDraft({ ...draft, q })}
              spellCheck={false}
            />
            <Select
              id="filter-decisionMakerOrganisationId"
              label="Commissioner’s office"
              value={draft.decisionMakerOrganisationId}
              onChange={(decisionMakerOrganisationId) => setDraft({ ...draft, decisionMakerOrganisationId })}
              placeholder="Any office"
              options={offices}
            />
            <Select
              id="filter-outcome"
              label="Outcome"
              value={draft.outcome}
              onChange={(outcome) => setDraft({ ...draft, outcome })}
              placeholder="Any outcome"
              options={OUTCOME_OPTIONS}
            />
            <Select
              id="filter-financialYear"
              label="Giving money in"
              value={draft.financialYear}
              onChange={(financialYear) => setDraft({ ...draft, financialYear })}
              placeholder="Any year"
              options={financialYearOptions()}
            />
          </div>
          {listing.filters.potId || listing.filters.bidId ? (
            <p className="govuk-body-s">
              Showing only the decisions {listing.filters.potId ? "drawing on one pot" : "on one bid"}, as the
              link you followed asked.
            </p>
          ) : null}
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>
      {decisions.error ? <LoadError error={decisions.error} retry={decisions.reload} /> : null}
      {decisions.loading && !data ? <Loading what="Loading decisions" /> : null}
      {data ? (
        data.total === 0 ? (
          <EmptyList
            testId="decisions-empty"
            filtered={filtered}
            clearHref={listing.clearHref}
            what="decisions"
            title="No decisions are recorded yet"
          >
            <p className="govuk-body">
              Finance records each commissioner’s decision from the bid’s page; they will appear here.
            </p>
          </EmptyList>
        ) : (
          <>
            <ListCount data={data} noun="decision" filtered={filtered} testId="decisions-count" />
            <p className="govuk-body">
              {data.items.length < data.total ? "They give" : "Giving"}{" "}
              <strong className="rocu-money">{data.sum}</strong>
              {listing.filters.financialYear ? ` in ${listing.filters.financialYear}` : " in all"}.
            </p>
            <TableWrapper label="Decisions">
              <table className="govuk-table rocu-table--dense rocu-table--stack">
                <SortCaption what="Commissioners’ decisions" sort={sort} words={SORT_WORDS} />
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="reference" sort={sort} hrefWith={hrefWith}>
                      Reference
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Decision maker
                    </th>
                    <SortHeader<SortKey> field="decidedOn" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Date
                    </SortHeader>
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
            <ListPagination data={data} label="decisions" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
