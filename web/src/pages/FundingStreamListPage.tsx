import { Link } from "react-router";
import { formatPence } from "#src/lib/money.ts";
import { api, type FundingStream, fundingApi } from "../api.ts";
import { FundingNav, financialYearOptions, SOURCE_OPTIONS, streamPath } from "../components/funding.tsx";
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
import { organisationGroups } from "../components/OperationFields.tsx";
import { formatDate } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

const PAGE_SIZE = 25;
const DEFAULT_SORT = "name";
const FILTERS = ["q", "source", "recipientOrganisationId", "financialYear", "decisionReference"] as const;
type SortKey = "name" | "source" | "updatedAt";

const SORT_WORDS: Record<string, string> = { name: "name", source: "source", updatedAt: "date updated" };

/** A stream's money in the year filtered, or in all its years. */
function amountIn(stream: FundingStream, financialYear: string): number {
  if (!financialYear) return stream.totalPence;
  return stream.amounts.find((amount) => amount.financialYear === financialYear)?.amountPence ?? 0;
}

export function FundingStreamListPage() {
  useTitle("Funding streams", "Funding");
  const { can } = useSession();
  const listing = useListFilters({ filters: FILTERS, defaultSort: DEFAULT_SORT, pageSize: PAGE_SIZE });
  const { filters, draft, setDraft, sort, hrefWith, filtered } = listing;
  const organisations = useAsync(() => api.organisations(), []);
  const streams = useAsync(() => fundingApi.streams(listing.query), [listing.queryKey]);

  const data = streams.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));
  const year = filters.financialYear;

  return (
    <>
      <FundingNav />
      <div className="rocu-heading-row">
        <div>
          <span className="govuk-caption-l">Funding</span>
          <h1 className="govuk-heading-l">Funding streams</h1>
        </div>
        {can("funding.manage") ? (
          <Link to="/funding/streams/new" className="govuk-button" data-module="govuk-button">
            Record a funding stream
          </Link>
        ) : null}
      </div>
      <p className="govuk-body">
        The money your units receive: where it comes from, who receives it, how much in each financial year,
        and what it may be spent on.
      </p>

      <search className="rocu-filters" aria-label="Filter funding streams">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <TextInput
              id="filter-q"
              name="q"
              type="search"
              label="Name"
              value={draft.q}
              onChange={(q) => setDraft({ ...draft, q })}
              spellCheck={false}
            />
            <Select
              id="filter-source"
              label="Source"
              value={draft.source}
              onChange={(source) => setDraft({ ...draft, source })}
              placeholder="Any source"
              options={SOURCE_OPTIONS}
            />
            <Select
              id="filter-recipientOrganisationId"
              label="Recipient"
              value={draft.recipientOrganisationId}
              onChange={(recipientOrganisationId) => setDraft({ ...draft, recipientOrganisationId })}
              placeholder="Any recipient"
              groups={organisations.data ? organisationGroups(organisations.data.items) : []}
            />
            <Select
              id="filter-financialYear"
              label="Financial year"
              value={draft.financialYear}
              onChange={(financialYear) => setDraft({ ...draft, financialYear })}
              placeholder="Any year"
              options={financialYearOptions()}
            />
            <TextInput
              id="filter-decisionReference"
              name="decisionReference"
              type="search"
              label="Decision reference"
              value={draft.decisionReference}
              onChange={(decisionReference) => setDraft({ ...draft, decisionReference })}
              spellCheck={false}
            />
          </div>
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {streams.error ? <LoadError error={streams.error} retry={streams.reload} /> : null}
      {streams.loading && !data ? <Loading what="Loading funding streams" /> : null}
      {data ? (
        data.total === 0 ? (
          <EmptyList
            testId="streams-empty"
            filtered={filtered}
            clearHref={listing.clearHref}
            what="funding streams"
            title="No funding streams are recorded yet"
          >
            <p className="govuk-body">
              This list shows the grants and contributions received by organisations in your scope, with their
              amounts per financial year, so that boards can see what the units are funded for.
            </p>
            <p className="govuk-body">
              {can("funding.manage") ? (
                <Link className="govuk-link" to="/funding/streams/new">
                  Record the first funding stream
                </Link>
              ) : (
                "A finance officer records funding streams; they will appear here."
              )}
            </p>
          </EmptyList>
        ) : (
          <>
            <ListCount data={data} noun="funding stream" filtered={filtered} testId="streams-count" />
            <p className="govuk-body-l rocu-money" data-testid="streams-sum">
              {year ? `Total in ${year}: ` : "Total in all years: "}
              <strong>{formatPence(data.sumPence)}</strong>
            </p>
            <TableWrapper label="Funding streams">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={streams.loading}>
                <SortCaption what="Funding streams" sort={sort} words={SORT_WORDS} />
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="name" sort={sort} hrefWith={hrefWith}>
                      Name
                    </SortHeader>
                    <SortHeader<SortKey> field="source" sort={sort} hrefWith={hrefWith}>
                      Source
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Recipient
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Decision
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Years
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      {year ? `Amount in ${year}` : "Total"}
                    </th>
                    <SortHeader<SortKey> field="updatedAt" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Updated
                    </SortHeader>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((stream) => (
                    <tr className="govuk-table__row" key={stream.id} data-testid="stream-row">
                      <td className="govuk-table__cell">
                        <Link className="govuk-link" to={streamPath(stream.id)}>
                          {stream.name}
                        </Link>
                      </td>
                      <td data-label="Source" className="govuk-table__cell">
                        {stream.sourceName}
                      </td>
                      <td data-label="Recipient" className="govuk-table__cell">
                        {stream.recipient.name}
                      </td>
                      <td data-label="Decision" className="govuk-table__cell">
                        {stream.decisionReference || <span className="rocu-muted">None recorded</span>}
                      </td>
                      <td data-label="Years" className="govuk-table__cell">
                        {stream.amounts.map((amount) => amount.financialYear).join(", ")}
                      </td>
                      <td
                        data-label={year ? `Amount in ${year}` : "Total"}
                        className="govuk-table__cell govuk-table__cell--numeric rocu-money"
                      >
                        {formatPence(amountIn(stream, year))}
                      </td>
                      <td data-label="Updated" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(stream.updatedAt)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="funding streams" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
