import { Link } from "react-router";
import { api } from "../api.ts";
import { PANEL_STATUS_LABELS, PANEL_STATUSES, PanelStatusTag, panelPath } from "../components/disruption.tsx";
import { LoadError, Loading, Select, TableWrapper } from "../components/govuk.tsx";
import {
  FilterActions,
  ListCount,
  ListPagination,
  SortHeader,
  useListFilters,
} from "../components/listing.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatDate } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

const PAGE_SIZE = 25;
const DEFAULT_SORT = "-period";
const FILTERS = ["regionId", "status"] as const;
type SortKey = "period" | "heldOn";

export function PanelListPage() {
  useTitle("Moderation panels", "Organised crime");
  const { me, can } = useSession();
  const listing = useListFilters({ filters: FILTERS, defaultSort: DEFAULT_SORT, pageSize: PAGE_SIZE });
  const { draft, setDraft, sort, hrefWith, filtered } = listing;

  // Only national users see more than their own region's panels: only they need the region filter.
  const national = me?.scope === "national";
  const regions = useAsync(() => (national ? api.regions() : Promise.resolve(null)), [national]);
  const panels = useAsync(() => api.panels(listing.query), [listing.queryKey]);
  const moderate = can("disruptions.moderate");

  const data = panels.data;

  return (
    <>
      <PursueNav />
      <div className="rocu-heading-row">
        <div>
          <span className="govuk-caption-l">Organised crime</span>
          <h1 className="govuk-heading-l">Moderation panels</h1>
        </div>
        {moderate ? (
          <Link to="/organised-crime/panels/new" className="govuk-button" data-module="govuk-button">
            Set up a panel
          </Link>
        ) : null}
      </div>
      <p className="govuk-body">
        Each region’s monthly panel moderates the disruption claims submitted for its month: it accepts,
        regrades, rejects or returns each one. A closed panel is locked.
      </p>

      <search className="rocu-filters" aria-label="Filter moderation panels">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            {national ? (
              <Select
                id="filter-regionId"
                label="Region"
                value={draft.regionId}
                onChange={(regionId) => setDraft({ ...draft, regionId })}
                placeholder="Any region"
                options={(regions.data?.items ?? []).map((region) => ({
                  value: region.id,
                  label: region.name,
                }))}
              />
            ) : null}
            <Select
              id="filter-status"
              label="Status"
              value={draft.status}
              onChange={(status) => setDraft({ ...draft, status })}
              placeholder="Open or closed"
              options={PANEL_STATUSES.map((status) => ({
                value: status,
                label: PANEL_STATUS_LABELS[status],
              }))}
            />
          </div>
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {panels.error ? <LoadError error={panels.error} retry={panels.reload} /> : null}
      {panels.loading && !data ? <Loading what="Loading panels" /> : null}
      {data ? (
        data.total === 0 ? (
          <div className="rocu-empty" data-testid="panels-empty">
            <h2 className="govuk-heading-m">
              {filtered ? "No panels match these filters" : "No moderation panels yet"}
            </h2>
            <p className="govuk-body">
              {moderate ? (
                <Link className="govuk-link" to="/organised-crime/panels/new">
                  Set up the first panel
                </Link>
              ) : (
                "The region’s moderators set up a panel each month; it will appear here."
              )}
            </p>
          </div>
        ) : (
          <>
            <ListCount data={data} noun="panel" filtered={filtered} testId="panels-count" />
            <TableWrapper label="Moderation panels">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={panels.loading}>
                <caption className="govuk-table__caption govuk-visually-hidden">
                  Moderation panels, {sort.replace("-", "") === "heldOn" ? "by meeting date" : "by month"}
                  {sort.startsWith("-") ? ", latest first" : ", earliest first"}
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="period" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Month
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Region
                    </th>
                    <SortHeader<SortKey> field="heldOn" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Held on
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Chair
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Status
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Decisions
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((panel) => (
                    <tr className="govuk-table__row" key={panel.id} data-testid="panel-row">
                      <td className="govuk-table__cell rocu-nowrap">
                        <Link className="govuk-link" to={panelPath(panel.id)}>
                          {panel.periodLabel}
                          <span className="govuk-visually-hidden"> panel, {panel.region.name}</span>
                        </Link>
                      </td>
                      <td data-label="Region" className="govuk-table__cell">
                        {panel.region.name}
                      </td>
                      <td data-label="Held on" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(panel.heldOn)}
                      </td>
                      <td data-label="Chair" className="govuk-table__cell">
                        {panel.chair.name}
                      </td>
                      <td data-label="Status" className="govuk-table__cell">
                        <PanelStatusTag status={panel.status} />
                      </td>
                      <td data-label="Decisions" className="govuk-table__cell">
                        {panel.counts.decided} of {panel.counts.onAgenda} decided
                        {panel.counts.undecided > 0 ? (
                          <span className="rocu-block rocu-muted">{panel.counts.undecided} undecided</span>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="panels" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
