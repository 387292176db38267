import { Link } from "react-router";
import { api, type Formula, fundingApi } from "../api.ts";
import { FundingNav, financialYearOptions, formulaPath } from "../components/funding.tsx";
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
const FILTERS = ["q", "ownerOrganisationId", "financialYear"] as const;
type SortKey = "name" | "updatedAt";

const SORT_WORDS: Record<string, string> = { name: "name", updatedAt: "date updated" };

/** The latest version decided: versions come oldest first. */
export function latestVersion(formula: Formula) {
  return formula.versions.at(-1);
}

export function FormulaListPage() {
  useTitle("Cost-sharing formulas", "Funding");
  const { can } = useSession();
  const listing = useListFilters({ filters: FILTERS, defaultSort: DEFAULT_SORT, pageSize: PAGE_SIZE });
  const { draft, setDraft, sort, hrefWith, filtered } = listing;
  const organisations = useAsync(() => api.organisations(), []);
  const formulas = useAsync(() => fundingApi.formulas(listing.query), [listing.queryKey]);

  const data = formulas.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));

  return (
    <>
      <FundingNav />
      <div className="rocu-heading-row">
        <div>
          <span className="govuk-caption-l">Funding</span>
          <h1 className="govuk-heading-l">Cost-sharing formulas</h1>
        </div>
        {can("funding.manage") ? (
          <Link to="/funding/formulas/new" className="govuk-button" data-module="govuk-button">
            Record a formula
          </Link>
        ) : null}
      </div>
      <p className="govuk-body">
        How shared costs are split between forces, by percentage, for each financial year, with the decision
        that set the shares.
      </p>

      <search className="rocu-filters" aria-label="Filter formulas">
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
              id="filter-ownerOrganisationId"
              label="Kept by"
              value={draft.ownerOrganisationId}
              onChange={(ownerOrganisationId) => setDraft({ ...draft, ownerOrganisationId })}
              placeholder="Anyone"
              groups={organisations.data ? organisationGroups(organisations.data.items) : []}
            />
            <Select
              id="filter-financialYear"
              label="In effect in"
              value={draft.financialYear}
              onChange={(financialYear) => setDraft({ ...draft, financialYear })}
              placeholder="Any year"
              options={financialYearOptions()}
            />
          </div>
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {formulas.error ? <LoadError error={formulas.error} retry={formulas.reload} /> : null}
      {formulas.loading && !data ? <Loading what="Loading formulas" /> : null}
      {data ? (
        data.total === 0 ? (
          <EmptyList
            testId="formulas-empty"
            filtered={filtered}
            clearHref={listing.clearHref}
            what="formulas"
            title="No formulas are recorded yet"
          >
            <p className="govuk-body">
              This list shows the formulas kept in your scope and those your force pays a part of.
            </p>
            <p className="govuk-body">
              {can("funding.manage") ? (
                <Link className="govuk-link" to="/funding/formulas/new">
                  Record the first formula
                </Link>
              ) : (
                "A finance officer records formulas; they will appear here."
              )}
            </p>
          </EmptyList>
        ) : (
          <>
            <ListCount data={data} noun="formula" filtered={filtered} testId="formulas-count" />
            <TableWrapper label="Formulas">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={formulas.loading}>
                <SortCaption what="Formulas" sort={sort} words={SORT_WORDS} />
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="name" sort={sort} hrefWith={hrefWith}>
                      Name
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Covers
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Kept by
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Years decided
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Latest shares
                    </th>
                    <SortHeader<SortKey> field="updatedAt" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Updated
                    </SortHeader>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((formula) => (
                    <tr className="govuk-table__row" key={formula.id} data-testid="formula-row">
                      <td className="govuk-table__cell">
                        <Link className="govuk-link" to={formulaPath(formula.id)}>
                          {formula.name}
                        </Link>
                      </td>
                      <td data-label="Covers" className="govuk-table__cell">
                        {formula.scopeDescription}
                      </td>
                      <td data-label="Kept by" className="govuk-table__cell">
                        {formula.owner.name}
                      </td>
                      <td data-label="Years decided" className="govuk-table__cell">
                        {formula.versions.map((version) => version.financialYear).join(", ")}
                      </td>
                      <td data-label="Latest shares" className="govuk-table__cell">
                        <ul className="govuk-list govuk-!-margin-bottom-0 rocu-inline-list">
                          {(latestVersion(formula)?.parts ?? []).map((part) => (
                            <li key={part.position}>
                              {part.party?.name ?? part.nestedFormula?.name}{" "}
                              <span className="rocu-money">{part.share}</span>
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td data-label="Updated" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(formula.updatedAt)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="formulas" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
