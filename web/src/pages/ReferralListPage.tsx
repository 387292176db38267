import { Link } from "react-router";
import { api, type ReferralPage } from "../api.ts";
import { CyberNav } from "../components/CyberNav.tsx";
import { LoadError, Loading, Select, TableWrapper, TextInput } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import {
  FilterActions,
  ListPagination,
  rangeOf,
  SortHeader,
  useListFilters,
} from "../components/listing.tsx";
import { forceGroups, leadForceFilter, useOcgReference } from "../components/OcgFields.tsx";
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  BandTag,
  ClockText,
  decisionText,
  formatPence,
  REFERRAL_STATUSES,
  reasonsText,
  referralPath,
  STATUS_LABELS,
  UNIT_LABELS,
  UNITS,
  VICTIM_TYPE_LABELS,
  VICTIM_TYPES,
  VULNERABILITIES,
  VULNERABILITY_LABELS,
  victimText,
} from "../components/referral.tsx";
import { formatDate, formatNumber, plural } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

const PAGE_SIZE = 25;
/** Filters with a control on the page. */
const FILTERS = [
  "status",
  "band",
  "vulnerability",
  "victimType",
  "victimAgeBand",
  "allocatedUnit",
  "forceId",
  "nfibCode",
  "q",
] as const;
/** Filters that arrive in links (from the dashboard or a linked identifier) and are kept until cleared. */
const LINKED = [
  "category",
  "contactTarget",
  "month",
  "reportedFrom",
  "reportedTo",
  "overdue",
  "repeatVictim",
  "identifier",
] as const;
type SortKey = "priority" | "received" | "reported" | "loss" | "due";

const LINKED_WORDS: Record<(typeof LINKED)[number], (value: string) => string> = {
  category: (value) => `NFIB codes that are ${value}`,
  contactTarget: (value) => `victim contact target ${value}`,
  month: (value) => `reported in ${value}`,
  reportedFrom: (value) => `reported from ${formatDate(value)}`,
  reportedTo: (value) => `reported to ${formatDate(value)}`,
  overdue: () => "overdue for triage",
  repeatVictim: (value) => (value === "true" ? "repeat victims" : "first-time victims"),
  identifier: (value) => `sharing the suspect identifier ${value}`,
};

function countText(data: ReferralPage, queue: boolean): string {
  const [one, many] = queue
    ? ["referral awaiting triage", "referrals awaiting triage"]
    : ["referral", "referrals"];
  return data.totalIsAtLeast
    ? `More than ${formatNumber(data.total)} ${many}`
    : plural(data.total, one, many);
}

/**
 * The triage queue (referrals awaiting triage, highest priority first, with why each scored what
 * it did and its clock) and the list of all referrals share this page.
 */
export function ReferralListPage({ queue = false }: { queue?: boolean }) {
  const title = queue ? "Triage queue" : "Cyber crime referrals";
  useTitle(title, "Cyber crime");
  const { me, can } = useSession();
  const listing = useListFilters({
    filters: [...FILTERS, ...LINKED],
    defaultSort: queue ? "-priority" : "-received",
    pageSize: PAGE_SIZE,
  });
  const { filters, draft, setDraft, sort, hrefWith, filtered } = listing;
  const query = queue ? { ...listing.query, status: "awaiting-triage" } : listing.query;
  const referrals = useAsync(() => api.referrals(query), [listing.queryKey, queue]);
  const codes = useAsync(() => api.nfibCodes(), []);
  const reference = useOcgReference();
  const data = referrals.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));
  const { from, to } = data ? rangeOf(data) : { from: 0, to: 0 };
  const linked = LINKED.filter((key) => filters[key] !== "");

  return (
    <>
      <CyberNav />
      <div className="rocu-heading-row">
        <div>
          <span className="govuk-caption-l">Cyber crime</span>
          <h1 className="govuk-heading-l">{title}</h1>
        </div>
        {can("referrals.intake") ? (
          <Link to="/cyber-crime/referrals/new" className="govuk-button" data-module="govuk-button">
            Record a referral
          </Link>
        ) : null}
      </div>
      {queue ? (
        <p className="govuk-body">
          Referrals waiting for a triage decision, highest priority first and, among equals, whoever has
          waited longest. Each shows why it scored what it did and how long is left against the target for its
          priority.
        </p>
      ) : null}

      <search className="rocu-filters" aria-label={`Filter ${queue ? "the triage queue" : "referrals"}`}>
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <TextInput
              id="filter-q"
              name="q"
              label="Crime reference"
              value={draft.q}
              onChange={(q) => setDraft({ ...draft, q })}
              width="10"
            />
            {queue ? null : (
              <Select
                id="filter-status"
                label="Status"
                value={draft.status}
                onChange={(status) => setDraft({ ...draft, status })}
                placeholder="Any status"
                options={REFERRAL_STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))}
              />
            )}
            <Select
              id="filter-band"
              label="Priority"
              value={draft.band}
              onChange={(band) => setDraft({ ...draft, band })}
              placeholder="Any priority"
              options={["P1", "P2", "P3", "P4"].map((band) => ({ value: band, label: band }))}
            />
            <Select
              id="filter-vulnerability"
              label="Vulnerability"
              value={draft.vulnerability}
              onChange={(vulnerability) => setDraft({ ...draft, vulnerability })}
              placeholder="Any"
              options={VULNERABILITIES.map((level) => ({ value: level, label: VULNERABILITY_LABELS[level] }))}
            />
            <Select
              id="filter-nfibCode"
              label="NFIB code"
              value={draft.nfibCode}
              onChange={(nfibCode) => setDraft({ ...draft, nfibCode })}
              placeholder="Any code"
              options={(codes.data?.items ?? []).map((code) => ({
                value: code.code,
                label: `${code.code} ${code.name}`,
              }))}
            />
            <Select
              id="filter-victimType"
              label="Victim"
              value={draft.victimType}
              onChange={(victimType) => setDraft({ ...draft, victimType })}
              placeholder="Any victim"
              options={VICTIM_TYPES.map((type) => ({ value: type, label: VICTIM_TYPE_LABELS[type] }))}
            />
            <Select
              id="filter-victimAgeBand"
              label="Age band"
              value={draft.victimAgeBand}
              onChange={(victimAgeBand) => setDraft({ ...draft, victimAgeBand })}
              placeholder="Any age"
              options={AGE_BANDS.map((band) => ({ value: band, label: AGE_BAND_LABELS[band] }))}
            />
            {queue ? null : (
              <Select
                id="filter-allocatedUnit"
                label="Allocated to"
                value={draft.allocatedUnit}
                onChange={(allocatedUnit) => setDraft({ ...draft, allocatedUnit })}
                placeholder="Any unit"
                options={UNITS.map((unit) => ({ value: unit, label: UNIT_LABELS[unit] }))}
              />
            )}
            {me?.scope === "force" ? null : (
              <Select
                id="filter-forceId"
                label="Force area"
                value={draft.forceId}
                onChange={(forceId) => setDraft({ ...draft, forceId })}
                placeholder="Any force"
                groups={
                  reference.data
                    ? forceGroups(reference.data.forces, reference.data.regions, leadForceFilter(me))
                    : []
                }
              />
            )}
          </div>
          {linked.length > 0 ? (
            <p className="govuk-body" data-testid="linked-filters">
              Only referrals {linked.map((key) => LINKED_WORDS[key](filters[key])).join(", ")}.{" "}
              <Link
                className="govuk-link"
                to={hrefWith(Object.fromEntries(linked.map((key) => [key, null])))}
              >
                Remove these conditions
              </Link>
            </p>
          ) : null}
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {referrals.error ? <LoadError error={referrals.error} retry={referrals.reload} /> : null}
      {referrals.loading && !data ? (
        <Loading what={`Loading the ${queue ? "triage queue" : "referrals"}`} />
      ) : null}
      {data ? (
        data.total === 0 ? (
          <div className="rocu-empty" data-testid="referrals-empty">
            <h2 className="govuk-heading-m">
              {filtered
                ? "No referrals match these filters"
                : queue
                  ? "Nothing is waiting for triage"
                  : "No referrals yet"}
            </h2>
            <p className="govuk-body">
              {filtered ? (
                <Link className="govuk-link" to={listing.clearHref}>
                  Clear the filters
                </Link>
              ) : queue ? (
                "Every referral you can see has a triage decision."
              ) : (
                "Referrals arrive from Action Fraud by import, or are recorded by hand."
              )}
            </p>
          </div>
        ) : (
          <>
            <p className="govuk-body" aria-live="polite" data-testid="referrals-count">
              {countText(data, queue)}
              {filtered
                ? data.total === 1 && !data.totalIsAtLeast
                  ? " matches these filters"
                  : " match these filters"
                : ""}
              {data.total > data.pageSize ? `, showing ${from} to ${to}` : ""}.
            </p>
            <TableWrapper label={title}>
              <table
                className="govuk-table rocu-table--dense rocu-table--stack"
                aria-busy={referrals.loading}
              >
                <caption className="govuk-table__caption govuk-visually-hidden">{title}</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="priority" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Priority
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Referral
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Victim
                    </th>
                    <SortHeader<SortKey>
                      field="loss"
                      sort={sort}
                      hrefWith={hrefWith}
                      descendingFirst
                      className="govuk-table__header--numeric"
                    >
                      Loss
                    </SortHeader>
                    {queue ? (
                      <SortHeader<SortKey> field="due" sort={sort} hrefWith={hrefWith}>
                        Triage clock
                      </SortHeader>
                    ) : (
                      <SortHeader<SortKey> field="received" sort={sort} hrefWith={hrefWith} descendingFirst>
                        Received
                      </SortHeader>
                    )}
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((item) => (
                    <tr className="govuk-table__row" key={item.id} data-testid="referral-row">
                      <td data-label="Priority" className="govuk-table__cell">
                        <BandTag priority={item.priority} />
                        <span className="rocu-block rocu-muted govuk-!-font-size-16">
                          {reasonsText(item.priority)}
                        </span>
                      </td>
                      <td data-label="Referral" className="govuk-table__cell">
                        <Link className="govuk-link" to={referralPath(item.id)}>
                          {item.crimeReference}
                        </Link>
                        <span className="rocu-block">
                          {item.nfib.code} {item.nfib.name}
                        </span>
                        <span className="rocu-block rocu-muted govuk-!-font-size-16">
                          {item.force.name}, reported {formatDate(item.reportedOn)}
                          {queue ? "" : ` · ${decisionText(item)}`}
                        </span>
                      </td>
                      <td data-label="Victim" className="govuk-table__cell">
                        {victimText(item)}
                        <span className="rocu-block rocu-muted govuk-!-font-size-16">
                          {VULNERABILITY_LABELS[item.vulnerability]}
                          {item.repeatVictim ? ", repeat victim" : ""}
                        </span>
                      </td>
                      <td data-label="Loss" className="govuk-table__cell govuk-table__cell--numeric">
                        {formatPence(item.lossPence)}
                      </td>
                      <td data-label={queue ? "Triage clock" : "Received"} className="govuk-table__cell">
                        {queue ? <ClockText clock={item.clock} /> : formatDate(item.receivedAt)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label={queue ? "triage queue" : "referrals"} hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}
