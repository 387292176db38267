import { Link } from "react-router";
import { api } from "../api.ts";
import {
  CLAIM_STATUS_LABELS,
  CLAIM_STATUSES,
  ClaimStatusTag,
  claimFormPath,
  disruptionPath,
  GRADE_LABELS,
  GRADES,
  ModeratedGrade,
} from "../components/disruption.tsx";
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
import { STRAND_LABELS, STRANDS } from "../components/ocg.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatDate } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { ocgPath } from "./OcgFormPages.tsx";

const PAGE_SIZE = 25;
const DEFAULT_SORT = "-disruptedOn";
/** Filters with a control on the page. */
const FILTERS = [
  "q",
  "status",
  "grade",
  "claimedGrade",
  "strand",
  "crimeType",
  "forceId",
  "from",
  "to",
] as const;
/** Filters that arrive in links (from an OCG, an operation, a panel or a total) and are kept until cleared. */
const LINKED = ["ocgId", "operationId", "panelId", "regionId", "claimingOrganisationId"] as const;
type SortKey = "reference" | "disruptedOn" | "status" | "updatedAt";

const SORT_WORDS: Record<string, string> = {
  reference: "reference",
  disruptedOn: "date of the disruption",
  status: "status",
  updatedAt: "date updated",
};

/** How a linked filter is said while it narrows the list. */
const LINKED_WORDS: Record<(typeof LINKED)[number], string> = {
  ocgId: "against one group",
  operationId: "from one operation",
  panelId: "on one panel’s agenda",
  regionId: "of one region",
  claimingOrganisationId: "made by one force or unit",
};

export function DisruptionListPage() {
  useTitle("Disruptions", "Organised crime");
  const { can } = useSession();
  const message = useArrivalMessage();
  const listing = useListFilters({
    filters: [...FILTERS, ...LINKED],
    defaultSort: DEFAULT_SORT,
    pageSize: PAGE_SIZE,
  });
  const { filters, draft, setDraft, sort, hrefWith, filtered } = listing;

  const reference = useOcgReference();
  const claims = useAsync(() => api.disruptions(listing.query), [listing.queryKey]);
  const linked = LINKED.filter((key) => filters[key] !== "");

  const data = claims.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));
  const claimButton = can("disruptions.claim") ? (
    <Link to={claimFormPath()} className="govuk-button" data-module="govuk-button">
      Claim a disruption
    </Link>
  ) : null;

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
          <h1 className="govuk-heading-l">Disruptions</h1>
        </div>
        {claimButton}
      </div>
      <p className="govuk-body">
        Disruption claims against organised crime groups. A claim counts only once a moderation panel has
        accepted or regraded it, and only at the <strong>moderated grade</strong> the panel gave.
      </p>

      <search className="rocu-filters" aria-label="Filter disruption claims">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <TextInput
              id="filter-q"
              name="q"
              type="search"
              label="Reference"
              hint="All or part, like DIS-0042"
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
              options={CLAIM_STATUSES.map((status) => ({
                value: status,
                label: CLAIM_STATUS_LABELS[status],
              }))}
            />
            <Select
              id="filter-grade"
              label="Moderated grade"
              value={draft.grade}
              onChange={(grade) => setDraft({ ...draft, grade })}
              placeholder="Moderated or not"
              options={[
                { value: "any", label: "Any moderated grade (counted)" },
                ...GRADES.map((grade) => ({ value: grade, label: GRADE_LABELS[grade] })),
              ]}
            />
            <Select
              id="filter-claimedGrade"
              label="Claimed grade"
              value={draft.claimedGrade}
              onChange={(claimedGrade) => setDraft({ ...draft, claimedGrade })}
              placeholder="Any claimed grade"
              options={GRADES.map((grade) => ({ value: grade, label: GRADE_LABELS[grade] }))}
            />
            <Select
              id="filter-strand"
              label="4P strand"
              value={draft.strand}
              onChange={(strand) => setDraft({ ...draft, strand })}
              placeholder="Any strand"
              options={STRANDS.map((strand) => ({ value: strand, label: STRAND_LABELS[strand] }))}
            />
            <Select
              id="filter-crimeType"
              label="Crime type"
              value={draft.crimeType}
              onChange={(crimeType) => setDraft({ ...draft, crimeType })}
              placeholder="Any crime type"
              options={(reference.data?.crimeTypes ?? []).map((type) => ({
                value: type.code,
                label: type.name,
              }))}
            />
            <Select
              id="filter-forceId"
              label="Lead force"
              hint="The OCG’s lead force, which owns the claim"
              value={draft.forceId}
              onChange={(forceId) => setDraft({ ...draft, forceId })}
              placeholder="Any force"
              groups={reference.data ? forceGroups(reference.data.forces, reference.data.regions) : []}
            />
            <TextInput
              id="filter-from"
              name="from"
              type="date"
              label="Disrupted from"
              value={draft.from}
              onChange={(value) => setDraft({ ...draft, from: value })}
            />
            <TextInput
              id="filter-to"
              name="to"
              type="date"
              label="Disrupted to"
              value={draft.to}
              onChange={(value) => setDraft({ ...draft, to: value })}
            />
          </div>
          {linked.length > 0 ? (
            <p className="govuk-body" data-testid="linked-filters">
              Only claims {linked.map((key) => LINKED_WORDS[key]).join(", ")} are shown.{" "}
              <Link
                className="govuk-link"
                to={hrefWith(Object.fromEntries([...linked.map((key) => [key, null]), ["page", null]]))}
              >
                Show them all
              </Link>
            </p>
          ) : null}
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {claims.error ? <LoadError error={claims.error} retry={claims.reload} /> : null}
      {claims.loading && !data ? <Loading what="Loading disruption claims" /> : null}
      {data ? (
        data.total === 0 ? (
          <div className="rocu-empty" data-testid="disruptions-empty">
            {filtered ? (
              <>
                <h2 className="govuk-heading-m">No claims match these filters</h2>
                <p className="govuk-body">
                  Check the reference or{" "}
                  <Link className="govuk-link" to={listing.clearHref}>
                    clear the filters
                  </Link>
                  .
                </p>
              </>
            ) : (
              <>
                <h2 className="govuk-heading-m">No disruption claims yet</h2>
                <p className="govuk-body">
                  This list shows the claims you may see: those against your area’s groups, and those your
                  force or unit made.
                </p>
                <p className="govuk-body">
                  {can("disruptions.claim") ? (
                    <Link className="govuk-link" to={claimFormPath()}>
                      Claim the first disruption
                    </Link>
                  ) : (
                    "Investigators and analysts claim disruptions; they will appear here."
                  )}
                </p>
              </>
            )}
          </div>
        ) : (
          <>
            <ListCount data={data} noun="claim" filtered={filtered} testId="disruptions-count" />
            <TableWrapper label="Disruption claims">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={claims.loading}>
                <SortCaption what="Disruption claims" sort={sort} words={SORT_WORDS} />
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="reference" sort={sort} hrefWith={hrefWith}>
                      Reference
                    </SortHeader>
                    <SortHeader<SortKey> field="status" sort={sort} hrefWith={hrefWith}>
                      Status
                    </SortHeader>
                    <th scope="col" className="govuk-table__header rocu-counts-column">
                      Moderated grade (counts)
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Claimed grade
                    </th>
                    <th scope="col" className="govuk-table__header">
                      OCG
                    </th>
                    <SortHeader<SortKey> field="disruptedOn" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Date
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Strand and crime type
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Claimed by
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((claim) => (
                    <tr className="govuk-table__row" key={claim.id} data-testid="disruption-row">
                      <td className="govuk-table__cell rocu-nowrap">
                        <Link className="govuk-link" to={disruptionPath(claim.id)}>
                          {claim.reference}
                        </Link>
                      </td>
                      <td data-label="Status" className="govuk-table__cell">
                        <ClaimStatusTag status={claim.status} />
                      </td>
                      <td
                        data-label="Moderated grade (counts)"
                        className="govuk-table__cell rocu-counts-column"
                      >
                        <ModeratedGrade grade={claim.moderatedGrade} status={claim.status} />
                      </td>
                      <td data-label="Claimed grade" className="govuk-table__cell">
                        <span className="rocu-claimed-grade">{GRADE_LABELS[claim.claimedGrade]}</span>
                      </td>
                      <td data-label="OCG" className="govuk-table__cell">
                        <Link className="govuk-link rocu-nowrap" to={ocgPath(claim.ocg.id)}>
                          {claim.ocg.reference}
                        </Link>
                        <span className="rocu-block rocu-muted">{claim.ocg.name}</span>
                      </td>
                      <td data-label="Date" className="govuk-table__cell rocu-nowrap-desktop">
                        {formatDate(claim.disruptedOn)}
                      </td>
                      <td data-label="Strand and crime type" className="govuk-table__cell">
                        {STRAND_LABELS[claim.strand]}
                        <span className="rocu-block rocu-muted">{claim.crimeType.name}</span>
                      </td>
                      <td data-label="Claimed by" className="govuk-table__cell">
                        {claim.claimingOrganisation.name}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="disruption claims" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
