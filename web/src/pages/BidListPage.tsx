import { Link } from "react-router";
import { fundingApi } from "../api.ts";
import {
  BID_STATUS_OPTIONS,
  BidStatusTag,
  bidPath,
  CRIME_AREA_OPTIONS,
  crimeAreaLabel,
  FundingNav,
  financialYearOptions,
  STRAND_OPTIONS,
  strandLabel,
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
import { useSession } from "../session.tsx";

const PAGE_SIZE = 25;
const DEFAULT_SORT = "-updatedAt";
const FILTERS = ["q", "status", "crimeArea", "strand", "financialYear"] as const;
type SortKey = "title" | "status" | "updatedAt";

const SORT_WORDS: Record<string, string> = { title: "title", status: "status", updatedAt: "date updated" };

export function BidListPage() {
  useTitle("Bids", "Funding");
  const { can } = useSession();
  const listing = useListFilters({ filters: FILTERS, defaultSort: DEFAULT_SORT, pageSize: PAGE_SIZE });
  const { draft, setDraft, sort, hrefWith, filtered } = listing;
  const bids = useAsync(() => fundingApi.bids(listing.query), [listing.queryKey]);

  const data = bids.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));

  return (
    <>
      <FundingNav />
      <div className="rocu-heading-row">
        <div>
          <span className="govuk-caption-l">Funding</span>
          <h1 className="govuk-heading-l">Bids</h1>
        </div>
        {can("funding.bid") ? (
          <Link to="/funding/bids/new" className="govuk-button" data-module="govuk-button">
            Start a bid
          </Link>
        ) : null}
      </div>
      <p className="govuk-body">
        Bids for money from the commissioners: the board reviews each one, then each commissioner’s office
        decides on its share.
      </p>

      <search className="rocu-filters" aria-label="Filter bids">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <TextInput
              id="filter-q"
              name="q"
              type="search"
              label="Title"
              value={draft.q}
              onChange={(q) => setDraft({ ...draft, q })}
              spellCheck={false}
            />
            <Select
              id="filter-status"
              label="Status"
              value={draft.status}
              onChange={(status) => setDraft({ ...draft, status })}
              placeholder="Any status"
              options={BID_STATUS_OPTIONS}
            />
            <Select
              id="filter-crimeArea"
              label="Crime area"
              value={draft.crimeArea}
              onChange={(crimeArea) => setDraft({ ...draft, crimeArea })}
              placeholder="Any crime area"
              options={CRIME_AREA_OPTIONS}
            />
            <Select
              id="filter-strand"
              label="4P strand"
              value={draft.strand}
              onChange={(strand) => setDraft({ ...draft, strand })}
              placeholder="Any strand"
              options={STRAND_OPTIONS}
            />
            <Select
              id="filter-financialYear"
              label="Financial year"
              value={draft.financialYear}
              onChange={(financialYear) => setDraft({ ...draft, financialYear })}
              placeholder="Any year"
              options={financialYearOptions()}
            />
          </div>
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {bids.error ? <LoadError error={bids.error} retry={bids.reload} /> : null}
      {bids.loading && !data ? <Loading what="Loading bids" /> : null}
      {data ? (
        data.total === 0 ? (
          <EmptyList
            testId="bids-empty"
            filtered={filtered}
            clearHref={listing.clearHref}
            what="bids"
            title="No bids yet"
          >
            <p className="govuk-body">
              This list shows the bids for commissioners’ money that you can see, with where each one has got
              to.
            </p>
            <p className="govuk-body">
              {can("funding.bid") ? (
                <Link className="govuk-link" to="/funding/bids/new">
                  Start the first bid
                </Link>
              ) : (
                "Community safety partnerships and units start bids; they will appear here."
              )}
            </p>
          </EmptyList>
        ) : (
          <>
            <ListCount data={data} noun="bid" filtered={filtered} testId="bids-count" />
            <TableWrapper label="Bids">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={bids.loading}>
                <SortCaption what="Bids" sort={sort} words={SORT_WORDS} />
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="title" sort={sort} hrefWith={hrefWith}>
                      Title
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Applicant
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Crime area
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Strand
                    </th>
                    <SortHeader<SortKey> field="status" sort={sort} hrefWith={hrefWith}>
                      Status
                    </SortHeader>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      Total
                    </th>
                    <SortHeader<SortKey> field="updatedAt" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Updated
                    </SortHeader>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((bid) => (
                    <tr className="govuk-table__row" key={bid.id} data-testid="bid-row">
                      <td className="govuk-table__cell">
                        <Link className="govuk-link" to={bidPath(bid.id)}>
                          {bid.title}
                        </Link>
                      </td>
                      <td data-label="Applicant" className="govuk-table__cell">
                        {bid.applicant.name}
                      </td>
                      <td data-label="Crime area" className="govuk-table__cell">
                        {crimeAreaLabel(bid.crimeArea)}
                      </td>
                      <td data-label="Strand" className="govuk-table__cell">
                        {strandLabel(bid.strand)}
                      </td>
                      <td data-label="Status" className="govuk-table__cell">
                        <BidStatusTag status={bid.status} />
                      </td>
                      <td
                        data-label="Total"
                        className="govuk-table__cell govuk-table__cell--numeric rocu-money"
                      >
                        {bid.total}
                      </td>
                      <td data-label="Updated" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(bid.updatedAt)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="bids" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
