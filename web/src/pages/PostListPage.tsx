import { Link } from "react-router";
import { formatPence } from "#src/lib/money.ts";
import { api, type FundingPost, fundingApi, postsApi } from "../api.ts";
import { FundingNav, financialYearOptions, postPath } from "../components/funding.tsx";
import { LoadError, Loading, type Option, Select, TableWrapper, TextInput } from "../components/govuk.tsx";
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
const DEFAULT_SORT = "organisation";
const FILTERS = ["q", "organisationId", "formulaId", "financialYear", "fundingSource"] as const;
type SortKey = "roleTitle" | "organisation" | "annualCost" | "startsOn";

const SORT_WORDS: Record<string, string> = {
  roleTitle: "role",
  organisation: "force",
  annualCost: "annual cost",
  startsOn: "start date",
};

export const FUNDING_SOURCE_OPTIONS: Option[] = [
  { value: "force-contribution", label: "The force’s own contribution" },
  { value: "stream", label: "A funding stream" },
];

/** "From 1 April 2018", or "1 April 2018 to 31 March 2019". */
export function postDates(post: Pick<FundingPost, "startsOn" | "endsOn">): string {
  return post.endsOn
    ? `${formatDate(post.startsOn)} to ${formatDate(post.endsOn)}`
    : `From ${formatDate(post.startsOn)}`;
}

export function fundedBy(post: Pick<FundingPost, "fundingStream">): string {
  return post.fundingStream ? post.fundingStream.name : "Force contribution";
}

/** The posts list's address with these filters, for figures that link to the posts behind them. */
export function postsListPath(filters: Partial<Record<(typeof FILTERS)[number], string>>): string {
  const search = new URLSearchParams(Object.entries(filters).filter(([, value]) => value));
  return `/funding/posts${search.size > 0 ? `?${search.toString()}` : ""}`;
}

export function PostListPage() {
  useTitle("Staff posts", "Funding");
  const { can } = useSession();
  const listing = useListFilters({ filters: FILTERS, defaultSort: DEFAULT_SORT, pageSize: PAGE_SIZE });
  const { filters, draft, setDraft, sort, hrefWith, filtered } = listing;
  const reference = useAsync(
    () =>
      Promise.all([api.organisations(), fundingApi.formulas({ pageSize: 200 })]).then(
        ([organisations, formulas]) => ({
          forces: organisations.items
            .filter((organisation) => organisation.kind === "force")
            .sort((a, b) => a.name.localeCompare(b.name, "en-GB"))
            .map((organisation) => ({ value: organisation.id, label: organisation.name })),
          formulas: formulas.items.map((formula) => ({ value: formula.id, label: formula.name })),
        }),
      ),
    [],
  );
  const posts = useAsync(() => postsApi.posts(listing.query), [listing.queryKey]);
  const data = posts.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));
  const year = filters.financialYear;

  return (
    <>
      <FundingNav />
      <div className="rocu-heading-row">
        <div>
          <span className="govuk-caption-l">Funding</span>
          <h1 className="govuk-heading-l">Staff posts</h1>
        </div>
        {can("funding.manage") ? (
          <Link to="/funding/posts/new" className="govuk-button" data-module="govuk-button">
            Record a post
          </Link>
        ) : null}
      </div>
      <p className="govuk-body">
        The staff forces provide to the ROCU: what each post costs, who pays it and when it is filled. Posts
        paid from a force’s own contribution count towards its share of the{" "}
        <Link className="govuk-link" to="/funding/contributions">
          contributions
        </Link>
        .
      </p>

      <search className="rocu-filters" aria-label="Filter staff posts">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <TextInput
              id="filter-q"
              name="q"
              type="search"
              label="Role"
              value={draft.q}
              onChange={(q) => setDraft({ ...draft, q })}
              spellCheck={false}
            />
            <Select
              id="filter-organisationId"
              label="Force"
              value={draft.organisationId}
              onChange={(organisationId) => setDraft({ ...draft, organisationId })}
              placeholder="Any force"
              options={reference.data?.forces ?? []}
            />
            <Select
              id="filter-formulaId"
              label="Formula"
              value={draft.formulaId}
              onChange={(formulaId) => setDraft({ ...draft, formulaId })}
              placeholder="Any formula"
              options={reference.data?.formulas ?? []}
            />
            <Select
              id="filter-financialYear"
              label="Filled in"
              value={draft.financialYear}
              onChange={(financialYear) => setDraft({ ...draft, financialYear })}
              placeholder="Any year"
              options={financialYearOptions()}
            />
            <Select
              id="filter-fundingSource"
              label="Paid from"
              value={draft.fundingSource}
              onChange={(fundingSource) => setDraft({ ...draft, fundingSource })}
              placeholder="Anything"
              options={FUNDING_SOURCE_OPTIONS}
            />
          </div>
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {posts.error ? <LoadError error={posts.error} retry={posts.reload} /> : null}
      {posts.loading && !data ? <Loading what="Loading staff posts" /> : null}
      {data ? (
        data.total === 0 ? (
          <EmptyList
            testId="posts-empty"
            filtered={filtered}
            clearHref={listing.clearHref}
            what="posts"
            title="No staff posts are recorded yet"
          >
            <p className="govuk-body">
              This list shows the posts forces provide to the ROCU, so that each force’s contribution can be
              reconciled with its share of the funding formula.
            </p>
            <p className="govuk-body">
              {can("funding.manage") ? (
                <Link className="govuk-link" to="/funding/posts/new">
                  Record the first post
                </Link>
              ) : (
                "A finance officer records posts; they will appear here."
              )}
            </p>
          </EmptyList>
        ) : (
          <>
            <ListCount data={data} noun="post" filtered={filtered} testId="posts-count" />
            <p className="govuk-body" data-testid="posts-totals">
              {data.totals.fte} full-time equivalent, annual cost{" "}
              <strong className="rocu-money">{data.totals.annualCost}</strong>
              {data.totals.yearCost ? (
                <>
                  ; cost in {year} <strong className="rocu-money">{data.totals.yearCost}</strong>
                </>
              ) : null}
              .
            </p>
            <TableWrapper label="Staff posts">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={posts.loading}>
                <SortCaption what="Staff posts" sort={sort} words={SORT_WORDS} />
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="roleTitle" sort={sort} hrefWith={hrefWith}>
                      Role
                    </SortHeader>
                    <SortHeader<SortKey> field="organisation" sort={sort} hrefWith={hrefWith}>
                      Force
                    </SortHeader>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      FTE
                    </th>
                    <SortHeader<SortKey>
                      field="annualCost"
                      sort={sort}
                      hrefWith={hrefWith}
                      descendingFirst
                      className="govuk-table__header--numeric"
                    >
                      Annual cost
                    </SortHeader>
                    {year ? (
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        Cost in {year}
                      </th>
                    ) : null}
                    <th scope="col" className="govuk-table__header">
                      Paid from
                    </th>
                    <SortHeader<SortKey> field="startsOn" sort={sort} hrefWith={hrefWith}>
                      Dates
                    </SortHeader>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((post) => (
                    <tr className="govuk-table__row" key={post.id} data-testid="post-row">
                      <td className="govuk-table__cell">
                        <Link className="govuk-link" to={postPath(post.id)}>
                          {post.roleTitle}
                        </Link>
                      </td>
                      <td data-label="Force" className="govuk-table__cell">
                        {post.organisation.name}
                      </td>
                      <td data-label="FTE" className="govuk-table__cell govuk-table__cell--numeric">
                        {post.fte}
                      </td>
                      <td
                        data-label="Annual cost"
                        className="govuk-table__cell govuk-table__cell--numeric rocu-money"
                      >
                        {post.annualCost}
                      </td>
                      {year ? (
                        <td
                          data-label={`Cost in ${year}`}
                          className="govuk-table__cell govuk-table__cell--numeric rocu-money"
                        >
                          {formatPence(
                            post.years.find((entry) => entry.financialYear === year)?.costPence ?? 0,
                          )}
                        </td>
                      ) : null}
                      <td data-label="Paid from" className="govuk-table__cell">
                        {fundedBy(post)}
                      </td>
                      <td data-label="Dates" className="govuk-table__cell">
                        {postDates(post)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="staff posts" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
