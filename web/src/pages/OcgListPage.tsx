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
import {
  BandTag,
  bandLabel,
  formatScore,
  LEVEL_LABELS,
  OCG_LEVELS,
  OCG_STATUSES,
  OcgStatusTag,
  STATUS_LABELS,
  useScoringModels,
} from "../components/ocg.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatDate, formatNumber } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

const PAGE_SIZE = 25;
const DEFAULT_SORT = "-score";
const FILTERS = ["q", "status", "crimeType", "level", "forceId", "band"] as const;
type SortKey = "reference" | "name" | "score" | "updatedAt";

const SORT_WORDS: Record<string, string> = {
  reference: "reference",
  name: "name",
  score: "score",
  updatedAt: "date updated",
};

export function OcgListPage() {
  useTitle("Organised crime groups", "Organised crime");
  const { can } = useSession();
  const listing = useListFilters({ filters: FILTERS, defaultSort: DEFAULT_SORT, pageSize: PAGE_SIZE });
  const { draft, setDraft, sort, hrefWith, filtered } = listing;

  const reference = useOcgReference();
  const models = useScoringModels();
  const ocgs = useAsync(() => api.ocgs(listing.query), [listing.queryKey]);

  const data = ocgs.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));
  const crimeTypes = reference.data?.crimeTypes ?? [];

  return (
    <>
      <PursueNav />
      <div className="rocu-heading-row">
        <div>
          <span className="govuk-caption-l">Organised crime</span>
          <h1 className="govuk-heading-l">Organised crime groups</h1>
        </div>
        {can("ocgs.manage") ? (
          <Link to="/organised-crime/ocgs/new" className="govuk-button" data-module="govuk-button">
            Record an OCG
          </Link>
        ) : null}
      </div>
      <p className="govuk-body">The groups mapped in your area, highest threat, risk and harm score first.</p>

      <search className="rocu-filters" aria-label="Filter organised crime groups">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <TextInput
              id="filter-q"
              name="q"
              type="search"
              label="Reference, name or alias"
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
              options={OCG_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
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
              id="filter-level"
              label="Level of activity"
              value={draft.level}
              onChange={(level) => setDraft({ ...draft, level })}
              placeholder="Any level"
              options={OCG_LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))}
            />
            <Select
              id="filter-forceId"
              label="Force"
              value={draft.forceId}
              onChange={(forceId) => setDraft({ ...draft, forceId })}
              placeholder="Any force"
              groups={reference.data ? forceGroups(reference.data.forces, reference.data.regions) : []}
            />
            <Select
              id="filter-band"
              label="Priority band"
              value={draft.band}
              onChange={(band) => setDraft({ ...draft, band })}
              placeholder="Any band"
              options={models.bands.map((band) => ({ value: band, label: bandLabel(band) }))}
            />
          </div>
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {ocgs.error ? <LoadError error={ocgs.error} retry={ocgs.reload} /> : null}
      {ocgs.loading && !data ? <Loading what="Loading organised crime groups" /> : null}
      {data ? (
        data.total === 0 ? (
          <EmptyList
            testId="ocgs-empty"
            filtered={filtered}
            clearHref={listing.clearHref}
            what="groups"
            title="No organised crime groups are mapped yet"
          >
            <p className="govuk-body">
              This list shows the organised crime groups you may see, with their latest threat, risk and harm
              score, so that the highest priorities come first.
            </p>
            <p className="govuk-body">
              {can("ocgs.manage") ? (
                <>
                  <Link className="govuk-link" to="/organised-crime/ocgs/new">
                    Record the first OCG
                  </Link>
                  , then score it to place it on the priority list.
                </>
              ) : (
                "An analyst or supervisor records OCGs; they will appear here."
              )}
            </p>
          </EmptyList>
        ) : (
          <>
            <ListCount data={data} noun="group" filtered={filtered} testId="ocgs-count" />
            <TableWrapper label="Organised crime groups">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={ocgs.loading}>
                <SortCaption what="Organised crime groups" sort={sort} words={SORT_WORDS} />
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="reference" sort={sort} hrefWith={hrefWith}>
                      Reference
                    </SortHeader>
                    <SortHeader<SortKey> field="name" sort={sort} hrefWith={hrefWith}>
                      Name
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Status
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Crime type
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Level
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Lead force
                    </th>
                    <SortHeader<SortKey>
                      field="score"
                      sort={sort}
                      hrefWith={hrefWith}
                      descendingFirst
                      className="govuk-table__header--numeric"
                    >
                      Score and band
                    </SortHeader>
                    <SortHeader<SortKey> field="updatedAt" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Updated
                    </SortHeader>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((ocg) => (
                    <tr className="govuk-table__row" key={ocg.id} data-testid="ocg-row">
                      <td className="govuk-table__cell rocu-nowrap">
                        <Link
                          className="govuk-link"
                          to={`/organised-crime/ocgs/${encodeURIComponent(ocg.id)}`}
                        >
                          {ocg.reference}
                        </Link>
                      </td>
                      <td data-label="Name" className="govuk-table__cell">
                        {ocg.name}
                      </td>
                      <td data-label="Status" className="govuk-table__cell">
                        <OcgStatusTag status={ocg.status} />
                        {ocg.overdueActions > 0 ? (
                          <strong className="rocu-overdue rocu-block">
                            {formatNumber(ocg.overdueActions)} overdue action
                            {ocg.overdueActions === 1 ? "" : "s"}
                          </strong>
                        ) : null}
                      </td>
                      <td data-label="Crime type" className="govuk-table__cell">
                        {ocg.primaryCrimeType.name}
                        {ocg.secondaryCrimeTypes.length > 0 ? (
                          <span className="govuk-hint govuk-!-margin-bottom-0 rocu-inline-hint">
                            {" "}
                            +{ocg.secondaryCrimeTypes.length}
                            <span className="govuk-visually-hidden"> secondary</span>
                          </span>
                        ) : null}
                      </td>
                      <td data-label="Level" className="govuk-table__cell">
                        {LEVEL_LABELS[ocg.level] ?? ocg.level}
                      </td>
                      <td data-label="Lead force" className="govuk-table__cell">
                        {ocg.leadForce.name}
                      </td>
                      <td
                        data-label="Score and band"
                        className="govuk-table__cell govuk-table__cell--numeric"
                      >
                        {formatScore(ocg.latestAssessment?.score)}{" "}
                        <BandTag band={ocg.latestAssessment?.band} bands={models.bands} />
                      </td>
                      <td data-label="Updated" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(ocg.updatedAt)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="organised crime groups" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
