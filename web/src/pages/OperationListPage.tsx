import { Fragment } from "react";
import { Link } from "react-router";
import { api } from "../api.ts";
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
import { forceGroups, useOcgReference } from "../components/OcgFields.tsx";
import { LEVEL_LABELS, OCG_LEVELS } from "../components/ocg.tsx";
import {
  OPERATION_STATUS_LABELS,
  OPERATION_STATUSES,
  OperationStatusTag,
  operationPath,
} from "../components/operation.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatDate } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

const PAGE_SIZE = 25;
const DEFAULT_SORT = "-updatedAt";
// ocgId has no control of its own: an OCG's page links here with it.
const FILTERS = ["q", "status", "level", "hostForceId", "ocgId"] as const;
type SortKey = "codeName" | "status" | "startedOn" | "updatedAt";

const SORT_WORDS: Record<string, string> = {
  codeName: "code name",
  status: "status",
  startedOn: "start date",
  updatedAt: "date updated",
};

export function OperationListPage() {
  useTitle("Operations", "Organised crime");
  const { can } = useSession();
  const listing = useListFilters({ filters: FILTERS, defaultSort: DEFAULT_SORT, pageSize: PAGE_SIZE });
  const { filters, draft, setDraft, sort, hrefWith, filtered } = listing;

  const reference = useOcgReference();
  const operations = useAsync(() => api.operations(listing.query), [listing.queryKey]);

  const data = operations.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));

  return (
    <>
      <PursueNav />
      <div className="rocu-heading-row">
        <div>
          <span className="govuk-caption-l">Organised crime</span>
          <h1 className="govuk-heading-l">Operations</h1>
        </div>
        {can("operations.manage") ? (
          <Link to="/organised-crime/operations/new" className="govuk-button" data-module="govuk-button">
            Record an operation
          </Link>
        ) : null}
      </div>
      <p className="govuk-body">
        Operations against organised crime groups hosted in your area, or targeting your force’s groups.
      </p>

      <search className="rocu-filters" aria-label="Filter operations">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <TextInput
              id="filter-q"
              name="q"
              type="search"
              label="Code name"
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
              options={OPERATION_STATUSES.map((status) => ({
                value: status,
                label: OPERATION_STATUS_LABELS[status],
              }))}
            />
            <Select
              id="filter-level"
              label="Level of activity"
              value={draft.level}
              onChange={(level) => setDraft({ ...draft, level })}
              placeholder="Any level"
              options={OCG_LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))}
            />
            <Select
              id="filter-hostForceId"
              label="Host force"
              value={draft.hostForceId}
              onChange={(hostForceId) => setDraft({ ...draft, hostForceId })}
              placeholder="Any force"
              groups={reference.data ? forceGroups(reference.data.forces, reference.data.regions) : []}
            />
          </div>
          {filters.ocgId ? (
            <p className="govuk-body">
              Only operations targeting one group are shown.{" "}
              <Link className="govuk-link" to={hrefWith({ ocgId: null, page: null })}>
                Show operations against every group
              </Link>
            </p>
          ) : null}
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {operations.error ? <LoadError error={operations.error} retry={operations.reload} /> : null}
      {operations.loading && !data ? <Loading what="Loading operations" /> : null}
      {data ? (
        data.total === 0 ? (
          <EmptyList
            testId="operations-empty"
            filtered={filtered}
            clearHref={listing.clearHref}
            what="operations"
            title="No operations are recorded yet"
          >
            <p className="govuk-body">
              This list shows the operations you may see: those hosted by your force or region, and those
              targeting your force’s groups.
            </p>
            <p className="govuk-body">
              {can("operations.manage") ? (
                <Link className="govuk-link" to="/organised-crime/operations/new">
                  Record the first operation
                </Link>
              ) : (
                "An investigator or supervisor records operations; they will appear here."
              )}
            </p>
          </EmptyList>
        ) : (
          <>
            <ListCount data={data} noun="operation" filtered={filtered} testId="operations-count" />
            <TableWrapper label="Operations">
              <table
                className="govuk-table rocu-table--dense rocu-table--stack"
                aria-busy={operations.loading}
              >
                <SortCaption what="Operations" sort={sort} words={SORT_WORDS} />
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="codeName" sort={sort} hrefWith={hrefWith}>
                      Code name
                    </SortHeader>
                    <SortHeader<SortKey> field="status" sort={sort} hrefWith={hrefWith}>
                      Status
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Target OCGs
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Lead and host
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Level
                    </th>
                    <SortHeader<SortKey> field="startedOn" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Started
                    </SortHeader>
                    <SortHeader<SortKey> field="updatedAt" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Updated
                    </SortHeader>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((operation) => (
                    <tr className="govuk-table__row" key={operation.id} data-testid="operation-row">
                      <td className="govuk-table__cell">
                        <Link className="govuk-link" to={operationPath(operation.id)}>
                          {operation.codeName}
                        </Link>
                      </td>
                      <td data-label="Status" className="govuk-table__cell">
                        <OperationStatusTag status={operation.status} />
                      </td>
                      <td data-label="Target OCGs" className="govuk-table__cell">
                        {operation.targets.length === 0 ? (
                          <span className="rocu-muted">Not visible to you</span>
                        ) : (
                          operation.targets.map((target, index) => (
                            <Fragment key={target.id}>
                              {index > 0 ? ", " : ""}
                              <span className="rocu-nowrap">{target.reference}</span>
                            </Fragment>
                          ))
                        )}
                      </td>
                      <td data-label="Lead and host" className="govuk-table__cell">
                        {operation.leadOrganisation.name}
                        {operation.leadOrganisation.id !== operation.hostForce.id ? (
                          <span className="rocu-block rocu-muted">Hosted by {operation.hostForce.name}</span>
                        ) : null}
                      </td>
                      <td data-label="Level" className="govuk-table__cell">
                        {LEVEL_LABELS[operation.level] ?? operation.level}
                      </td>
                      <td data-label="Started" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(operation.startedOn, "Not started")}
                      </td>
                      <td data-label="Updated" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(operation.updatedAt)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="operations" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
