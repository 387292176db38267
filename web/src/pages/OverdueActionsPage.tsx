import { Link } from "react-router";
import { api } from "../api.ts";
import { Breadcrumbs, LoadError, Loading, Select, TableWrapper } from "../components/govuk.tsx";
import { FilterActions, ListCount, ListPagination, useListFilters } from "../components/listing.tsx";
import { forceGroups, useOcgReference } from "../components/OcgFields.tsx";
import { ActionStatusTag, STRAND_LABELS, STRANDS } from "../components/ocg.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatDate } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { ocgPath } from "./OcgFormPages.tsx";

const PAGE_SIZE = 50;
const FILTERS = ["strand", "forceId"] as const;

export function OverdueActionsPage() {
  useTitle("Overdue plan actions", "Organised crime");
  const listing = useListFilters({ filters: FILTERS, pageSize: PAGE_SIZE, maxPageSize: 200 });
  const { draft, setDraft, hrefWith, filtered } = listing;
  const reference = useOcgReference();
  const actions = useAsync(() => api.planActions({ overdue: "true", ...listing.query }), [listing.queryKey]);

  const data = actions.data;

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", text: "Home" },
          { to: "/organised-crime", text: "Organised crime" },
        ]}
      />
      <PursueNav />
      <span className="govuk-caption-l">Organised crime</span>
      <h1 className="govuk-heading-l">Overdue plan actions</h1>
      <p className="govuk-body">
        Open or in-progress actions in 4P management plans whose due date has passed, oldest first.
      </p>
      <search className="rocu-filters" aria-label="Filter overdue actions">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <Select
              id="filter-strand"
              label="Strand"
              value={draft.strand}
              onChange={(strand) => setDraft({ ...draft, strand })}
              placeholder="All strands"
              options={STRANDS.map((strand) => ({ value: strand, label: STRAND_LABELS[strand] }))}
            />
            <Select
              id="filter-forceId"
              label="Force"
              value={draft.forceId}
              onChange={(forceId) => setDraft({ ...draft, forceId })}
              placeholder="All forces"
              groups={reference.data ? forceGroups(reference.data.forces, reference.data.regions) : []}
            />
          </div>
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>
      {actions.error ? <LoadError error={actions.error} retry={actions.reload} /> : null}
      {actions.loading && !data ? <Loading what="Loading overdue actions" /> : null}
      {data ? (
        data.total === 0 ? (
          <div className="rocu-empty" data-testid="actions-empty">
            <h2 className="govuk-heading-m">No overdue actions{filtered ? " match these filters" : ""}</h2>
            <p className="govuk-body">
              Actions are added to each group’s 4P management plan on its record page. When one passes its due
              date without being done or cancelled, it is listed here.
            </p>
          </div>
        ) : (
          <>
            <ListCount data={data} noun="overdue action" filtered={filtered} testId="actions-count" />
            <TableWrapper label="Overdue plan actions">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={actions.loading}>
                <caption className="govuk-table__caption govuk-visually-hidden">
                  Overdue plan actions, oldest due date first
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Due
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Group
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Strand
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Action
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Owner
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Status
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((action) => (
                    <tr className="govuk-table__row" key={action.id} data-testid="overdue-action">
                      <td data-label="Due" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(action.dueOn)}
                      </td>
                      <td data-label="Group" className="govuk-table__cell">
                        <Link className="govuk-link" to={ocgPath(action.ocg.id)}>
                          {action.ocg.reference}
                        </Link>{" "}
                        {action.ocg.name}
                      </td>
                      <td data-label="Strand" className="govuk-table__cell">
                        {STRAND_LABELS[action.strand]}
                      </td>
                      <td data-label="Action" className="govuk-table__cell">
                        {action.description}
                      </td>
                      <td data-label="Owner" className="govuk-table__cell">
                        {action.owner}
                      </td>
                      <td data-label="Status" className="govuk-table__cell">
                        <ActionStatusTag status={action.status} overdue={action.overdue} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="overdue actions" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
