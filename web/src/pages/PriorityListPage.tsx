import { Link } from "react-router";
import { api } from "../api.ts";
import { Breadcrumbs, LoadError, Loading, Select, TableWrapper } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { ListCount, ListPagination, useListFilters } from "../components/listing.tsx";
import { forceGroups, useOcgReference } from "../components/OcgFields.tsx";
import { BandTag, bandLabel, bandsOf, formatScore, Movement, useScoringModels } from "../components/ocg.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatDate, plural } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { ocgPath } from "./OcgFormPages.tsx";

const PAGE_SIZE = 50;
const FILTERS = ["regionId", "forceId", "crimeType", "band", "compareModelId"] as const;

export function PriorityListPage() {
  useTitle("Priority list", "Organised crime");
  const listing = useListFilters({ filters: FILTERS, pageSize: PAGE_SIZE, maxPageSize: 200 });
  const { filters, draft, setDraft, hrefWith } = listing;

  const reference = useOcgReference();
  const models = useScoringModels();
  const list = useAsync(() => api.priorityList(listing.query), [listing.queryKey]);

  const data = list.data;
  useClassification(highestMarking((data?.items ?? []).map((entry) => entry.ocg.classification)));
  const comparison = data?.comparisonModel ?? null;
  const forces = reference.data?.forces ?? [];
  const crimeTypes = reference.data?.crimeTypes ?? [];
  const crimeTypeName = (code: string) => crimeTypes.find((type) => type.code === code)?.name ?? code;
  const forceName = (id: string) => forces.find((force) => force.id === id)?.name ?? id;
  const comparable = models.items.filter((model) => model.status !== "active");
  const comparisonBands = bandsOf(models.items.find((model) => model.id === comparison?.id));
  // Comparing with another model is not a filter: it narrows nothing.
  const filtered = FILTERS.some((key) => key !== "compareModelId" && filters[key] !== "");

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
      <h1 className="govuk-heading-l">Priority list</h1>
      <p className="govuk-body">
        Organised crime groups ranked by the score of their latest final assessment
        {models.active ? ` under scoring model version ${models.active.version}` : ""}. Groups never assessed
        are listed last. Draft assessments do not count.
      </p>

      <search className="rocu-filters" aria-label="Filter the priority list">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <Select
              id="filter-regionId"
              label="Region"
              value={draft.regionId}
              onChange={(regionId) => setDraft({ ...draft, regionId })}
              placeholder="All regions you can see"
              options={[...(reference.data?.regions ?? [])]
                .sort((a, b) => a.name.localeCompare(b.name, "en-GB"))
                .map((region) => ({ value: region.id, label: region.name }))}
            />
            <Select
              id="filter-forceId"
              label="Force"
              value={draft.forceId}
              onChange={(forceId) => setDraft({ ...draft, forceId })}
              placeholder="All forces"
              groups={reference.data ? forceGroups(reference.data.forces, reference.data.regions) : []}
            />
            <Select
              id="filter-crimeType"
              label="Crime type"
              value={draft.crimeType}
              onChange={(crimeType) => setDraft({ ...draft, crimeType })}
              placeholder="Any crime type"
              options={crimeTypes.map((type) => ({ value: type.code, label: type.name }))}
            />
            <Select
              id="filter-band"
              label="Priority band"
              value={draft.band}
              onChange={(band) => setDraft({ ...draft, band })}
              placeholder="Any band"
              options={models.bands.map((band) => ({ value: band, label: bandLabel(band) }))}
            />
            <Select
              id="filter-compareModelId"
              label="Compare with model version"
              hint="How the list would rank under another version"
              value={draft.compareModelId}
              onChange={(compareModelId) => setDraft({ ...draft, compareModelId })}
              placeholder="No comparison"
              options={comparable.map((model) => ({
                value: model.id,
                label: `Version ${model.version}: ${model.name} (${model.status})`,
              }))}
            />
          </div>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--secondary">
              Apply
            </button>
            {filtered || filters.compareModelId ? (
              <Link className="govuk-link" to="?">
                Clear filters and comparison
              </Link>
            ) : null}
          </div>
        </form>
      </search>

      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      {list.loading && !data ? <Loading what="Loading the priority list" /> : null}
      {data ? (
        data.total === 0 ? (
          <div className="rocu-empty" data-testid="priority-empty">
            <h2 className="govuk-heading-m">
              {filtered ? "No groups match these filters" : "No organised crime groups to rank yet"}
            </h2>
            <p className="govuk-body">
              The priority list ranks the groups you may see by their latest final assessment.{" "}
              <Link className="govuk-link" to="/organised-crime">
                Go to the list of groups
              </Link>{" "}
              to record or score one.
            </p>
          </div>
        ) : (
          <>
            <ListCount data={data} noun="group" filtered={filtered} testId="priority-count">
              {comparison
                ? ` Compared with version ${comparison.version} (${comparison.name}, ${comparison.status}).`
                : ""}
            </ListCount>
            <TableWrapper label="Priority list">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={list.loading}>
                <caption className="govuk-table__caption govuk-visually-hidden">
                  Organised crime groups by rank
                  {comparison ? `, with their rank under model version ${comparison.version}` : ""}
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      Rank
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Group
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Crime type
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Score and band
                    </th>
                    {comparison ? null : (
                      <th scope="col" className="govuk-table__header">
                        Assessed
                      </th>
                    )}
                    {comparison ? (
                      <>
                        <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                          Rank under v{comparison.version}
                        </th>
                        <th scope="col" className="govuk-table__header">
                          Score and band under v{comparison.version}
                        </th>
                        <th scope="col" className="govuk-table__header">
                          Movement
                        </th>
                      </>
                    ) : null}
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((entry) => (
                    <tr className="govuk-table__row" key={entry.ocg.id} data-testid="priority-row">
                      <td data-label="Rank" className="govuk-table__cell govuk-table__cell--numeric">
                        {entry.rank ?? <span className="rocu-muted">—</span>}
                      </td>
                      <td className="govuk-table__cell">
                        <Link className="govuk-link rocu-nowrap" to={ocgPath(entry.ocg.id)}>
                          {entry.ocg.reference}
                        </Link>
                        <br />
                        {entry.ocg.name}
                        <br />
                        <span className="rocu-muted">{forceName(entry.ocg.forceId)}</span>
                      </td>
                      <td data-label="Crime type" className="govuk-table__cell">
                        {crimeTypeName(entry.ocg.primaryCrimeType)}
                      </td>
                      <td data-label="Score and band" className="govuk-table__cell rocu-nowrap">
                        {entry.score === null ? (
                          <span className="rocu-muted">Not scored</span>
                        ) : (
                          <>
                            <span className="rocu-score">{formatScore(entry.score)}</span>{" "}
                            <BandTag band={entry.band} bands={models.bands} />
                          </>
                        )}
                      </td>
                      {comparison ? null : (
                        <td data-label="Assessed" className="govuk-table__cell rocu-nowrap-desktop">
                          {entry.assessedOn
                            ? `${formatDate(entry.assessedOn)}${entry.modelVersion ? ` (v${entry.modelVersion})` : ""}`
                            : "Never"}
                        </td>
                      )}
                      {comparison ? (
                        <>
                          <td
                            data-label={`Rank under v${comparison.version}`}
                            className="govuk-table__cell govuk-table__cell--numeric"
                          >
                            {entry.rankUnderComparison ?? "—"}
                          </td>
                          <td
                            data-label={`Score and band under v${comparison.version}`}
                            className="govuk-table__cell"
                          >
                            {entry.scoreUnderComparison === null ? (
                              <span className="rocu-muted">Not scored</span>
                            ) : (
                              <span className="rocu-nowrap">
                                <span className="rocu-score">{formatScore(entry.scoreUnderComparison)}</span>{" "}
                                <BandTag band={entry.bandUnderComparison} bands={comparisonBands} />
                              </span>
                            )}
                            {entry.missing.length > 0 ? (
                              <span className="rocu-muted">
                                {" "}
                                (provisional: {plural(entry.missing.length, "dimension")} not rated)
                              </span>
                            ) : null}
                          </td>
                          <td data-label="Movement" className="govuk-table__cell rocu-nowrap">
                            <Movement movement={entry.rank === null ? null : entry.movement} />
                          </td>
                        </>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="the priority list" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
