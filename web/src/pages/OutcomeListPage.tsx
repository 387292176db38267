import { Link } from "react-router";
import { api } from "../api.ts";
import { LoadError, Loading, Select, SuccessBanner, TableWrapper, TextInput } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import {
  FilterActions,
  ListCount,
  ListPagination,
  SortCaption,
  SortHeader,
  useListFilters,
} from "../components/listing.tsx";
import { forceGroups, useOcgReference } from "../components/OcgFields.tsx";
import { operationPath } from "../components/operation.tsx";
import {
  COMMODITIES,
  COMMODITY_LABELS,
  formatQuantity,
  GROUP_LABELS,
  KIND_LABELS,
  OUTCOME_KINDS,
  outcomePath,
  outcomeTitle,
  SAFEGUARDED_GROUPS,
} from "../components/outcome.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatDate, plural } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { ocgPath } from "./OcgFormPages.tsx";

const PAGE_SIZE = 25;
const DEFAULT_SORT = "-occurredOn";
/** Filters with a control on the page. */
const FILTERS = ["kind", "commodity", "safeguardedGroup", "forceId", "regionId", "from", "to"] as const;
/** Filters that arrive in links (from an OCG, an operation or a total) and are kept until cleared. */
const LINKED = ["ocgId", "operationId", "disruptionId"] as const;
type SortKey = "occurredOn" | "kind" | "quantity";

const SORT_WORDS: Record<string, string> = { occurredOn: "date", kind: "kind", quantity: "quantity" };

export function OutcomeListPage() {
  useTitle("Outcomes", "Organised crime");
  const { can } = useSession();
  const message = useArrivalMessage();
  const listing = useListFilters({
    filters: [...FILTERS, ...LINKED],
    defaultSort: DEFAULT_SORT,
    pageSize: PAGE_SIZE,
  });
  const { filters, draft, setDraft, sort, hrefWith, filtered } = listing;

  const reference = useOcgReference();
  const outcomes = useAsync(() => api.outcomes(listing.query), [listing.queryKey]);
  const linked = LINKED.filter((key) => filters[key] !== "");

  const data = outcomes.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));
  const recordLink = can("outcomes.record") ? (
    <Link to="/organised-crime/outcomes/new" className="govuk-button" data-module="govuk-button">
      Record an outcome
    </Link>
  ) : null;
  const first = data?.items[0];

  return (
    <>
      <PursueNav />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      <div className="rocu-heading-row">
        <div>
          <span className="govuk-caption-l">Organised crime</span>
          <h1 className="govuk-heading-l">Outcomes</h1>
        </div>
        {recordLink}
      </div>
      <p className="govuk-body">
        Arrests, charges, convictions, seizures, orders and people safeguarded, each against an operation and
        one of its target groups. The{" "}
        <Link className="govuk-link" to="/organised-crime/totals">
          totals
        </Link>{" "}
        add them up by period, force and region.
      </p>

      <search className="rocu-filters" aria-label="Filter outcomes">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <Select
              id="filter-kind"
              label="Kind"
              value={draft.kind}
              onChange={(kind) => setDraft({ ...draft, kind })}
              placeholder="Any kind"
              options={OUTCOME_KINDS.map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
            />
            <Select
              id="filter-commodity"
              label="Seized"
              value={draft.commodity}
              onChange={(commodity) => setDraft({ ...draft, commodity })}
              placeholder="Anything"
              options={COMMODITIES.map((commodity) => ({
                value: commodity,
                label: COMMODITY_LABELS[commodity],
              }))}
            />
            <Select
              id="filter-safeguardedGroup"
              label="Safeguarded"
              value={draft.safeguardedGroup}
              onChange={(safeguardedGroup) => setDraft({ ...draft, safeguardedGroup })}
              placeholder="Anyone"
              options={SAFEGUARDED_GROUPS.map((group) => ({ value: group, label: GROUP_LABELS[group] }))}
            />
            <Select
              id="filter-forceId"
              label="Force credited"
              value={draft.forceId}
              onChange={(forceId) => setDraft({ ...draft, forceId })}
              placeholder="Any force"
              groups={reference.data ? forceGroups(reference.data.forces, reference.data.regions) : []}
            />
            <Select
              id="filter-regionId"
              label="Region"
              value={draft.regionId}
              onChange={(regionId) => setDraft({ ...draft, regionId })}
              placeholder="Any region"
              options={(reference.data?.regions ?? []).map((region) => ({
                value: region.id,
                label: region.name,
              }))}
            />
            <TextInput
              id="filter-from"
              name="from"
              type="date"
              label="From"
              value={draft.from}
              onChange={(value) => setDraft({ ...draft, from: value })}
            />
            <TextInput
              id="filter-to"
              name="to"
              type="date"
              label="To"
              value={draft.to}
              onChange={(value) => setDraft({ ...draft, to: value })}
            />
          </div>
          {linked.length > 0 ? (
            <p className="govuk-body" data-testid="linked-filters">
              Only the outcomes of{" "}
              {linked
                .map((key) =>
                  key === "ocgId"
                    ? `the OCG ${first?.ocg?.reference ?? ""}`.trim()
                    : key === "operationId"
                      ? `Operation ${first?.operation?.codeName ?? ""}`.trim()
                      : `the disruption ${first?.disruption?.reference ?? ""}`.trim(),
                )
                .join(", ")}
              .{" "}
              <Link
                className="govuk-link"
                to={hrefWith(Object.fromEntries(linked.map((key) => [key, null])))}
              >
                Show all outcomes
              </Link>
            </p>
          ) : null}
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {outcomes.error ? <LoadError error={outcomes.error} retry={outcomes.reload} /> : null}
      {outcomes.loading && !data ? <Loading what="Loading outcomes" /> : null}
      {data ? (
        data.total === 0 ? (
          <div className="rocu-empty" data-testid="outcomes-empty">
            {filtered ? (
              <>
                <h2 className="govuk-heading-m">No outcomes match these filters</h2>
                <p className="govuk-body">
                  <Link className="govuk-link" to={listing.clearHref}>
                    Clear the filters
                  </Link>{" "}
                  to see every outcome you can read.
                </p>
              </>
            ) : (
              <>
                <h2 className="govuk-heading-m">No outcomes are recorded yet</h2>
                <p className="govuk-body">
                  This ledger lists what operations achieved against organised crime groups, so that totals
                  can be reported by period, force and region.
                </p>
                <p className="govuk-body">
                  {can("outcomes.record") ? (
                    <Link className="govuk-link" to="/organised-crime/outcomes/new">
                      Record the first outcome
                    </Link>
                  ) : (
                    "Investigators, analysts and supervisors record outcomes; they will appear here."
                  )}
                </p>
              </>
            )}
          </div>
        ) : (
          <>
            <ListCount data={data} noun="outcome" filtered={filtered} testId="outcomes-count" />
            <TableWrapper label="Outcomes">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={outcomes.loading}>
                <SortCaption what="Outcomes" sort={sort} words={SORT_WORDS} />
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="occurredOn" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Date
                    </SortHeader>
                    <SortHeader<SortKey> field="kind" sort={sort} hrefWith={hrefWith}>
                      Outcome
                    </SortHeader>
                    <SortHeader<SortKey>
                      field="quantity"
                      sort={sort}
                      hrefWith={hrefWith}
                      descendingFirst
                      className="govuk-table__header--numeric"
                    >
                      Quantity
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Operation
                    </th>
                    <th scope="col" className="govuk-table__header">
                      OCG
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Force credited
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((outcome) => (
                    <tr className="govuk-table__row" key={outcome.id} data-testid="outcome-row">
                      <td className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(outcome.occurredOn)}
                      </td>
                      <td data-label="Outcome" className="govuk-table__cell">
                        <Link className="govuk-link" to={outcomePath(outcome.id)}>
                          {outcomeTitle(outcome)}
                        </Link>
                        {outcome.kind === "conviction" && outcome.sentenceMonths !== null ? (
                          <span className="rocu-block rocu-muted">
                            {plural(outcome.sentenceMonths, "month")} sentence
                          </span>
                        ) : null}
                      </td>
                      <td data-label="Quantity" className="govuk-table__cell govuk-table__cell--numeric">
                        {formatQuantity(outcome)}
                      </td>
                      <td data-label="Operation" className="govuk-table__cell">
                        {outcome.operation ? (
                          <Link className="govuk-link" to={operationPath(outcome.operation.id)}>
                            {outcome.operation.codeName}
                          </Link>
                        ) : (
                          <span className="rocu-muted">Not visible to you</span>
                        )}
                      </td>
                      <td data-label="OCG" className="govuk-table__cell">
                        {outcome.ocg ? (
                          <Link className="govuk-link" to={ocgPath(outcome.ocg.id)}>
                            {outcome.ocg.reference}
                          </Link>
                        ) : (
                          <span className="rocu-muted">Not visible to you</span>
                        )}
                      </td>
                      <td data-label="Force credited" className="govuk-table__cell">
                        {outcome.force.name}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="outcomes" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
