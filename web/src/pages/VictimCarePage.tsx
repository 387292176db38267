import { Link } from "react-router";
import { victimCareApi, type WaitingList } from "../api.ts";
import { CyberNav } from "../components/CyberNav.tsx";
import { LoadError, Loading, Select, TableWrapper, Tag } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { FilterActions, ListPagination, rangeOf, useListFilters } from "../components/listing.tsx";
import { forceGroups, useOcgReference } from "../components/OcgFields.tsx";
import {
  AGE_BAND_LABELS,
  BAND_COLOURS,
  formatDuration,
  referralPath,
  VICTIM_TYPE_LABELS,
  VULNERABILITY_LABELS,
} from "../components/referral.tsx";
import { CHANNEL_LABELS, CONTACT_OUTCOME_LABELS } from "../components/VictimCareSection.tsx";
import { formatDate, formatDateTime, plural } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";

const PAGE_SIZE = 25;
const FILTERS = ["show", "forceId"] as const;

const hourMs = 60 * 60 * 1000;

/** "3 hours overdue", "Overdue by 12 days 4 hours" reads better than hundreds of hours. */
function standing(item: WaitingList["items"][number]): string {
  if (item.overdue)
    return item.hoursOverdue
      ? `Overdue by ${formatDuration(item.hoursOverdue * hourMs)}`
      : "Under an hour overdue";
  return item.hoursRemaining ? `${formatDuration(item.hoursRemaining * hourMs)} left` : "Under an hour left";
}

function FollowUps({ followUps }: { followUps: WaitingList["followUps"] }) {
  return (
    <section aria-labelledby="follow-ups-heading">
      <h2 className="govuk-heading-m" id="follow-ups-heading">
        Follow-ups due
      </h2>
      {followUps.total === 0 ? (
        <p className="govuk-body" data-testid="follow-ups-empty">
          No follow-ups are due. A follow-up date set on a contact attempt brings the victim back here on that
          day, until the next attempt is recorded.
        </p>
      ) : (
        <>
          <p className="govuk-body">
            {plural(followUps.total, "follow-up")} due
            {followUps.total > followUps.items.length ? `, the oldest ${followUps.items.length} shown` : ""}.
          </p>
          <TableWrapper label="Follow-ups due">
            <table className="govuk-table rocu-table--dense rocu-table--stack" data-testid="follow-ups">
              <caption className="govuk-table__caption govuk-visually-hidden">
                Follow-ups due, oldest first
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Referral
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Follow up on
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Last attempt
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Force area
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {followUps.items.map((item) => (
                  <tr className="govuk-table__row" key={item.contactId} data-testid="follow-up-row">
                    <td className="govuk-table__cell">
                      <Link className="govuk-link" to={referralPath(item.referralId)}>
                        {item.crimeReference}
                      </Link>
                    </td>
                    <td data-label="Follow up on" className="govuk-table__cell">
                      {formatDate(item.followUpOn)}
                    </td>
                    <td data-label="Last attempt" className="govuk-table__cell">
                      {formatDateTime(item.attemptedAt)}: {CHANNEL_LABELS[item.channel]},{" "}
                      {CONTACT_OUTCOME_LABELS[item.outcome].toLowerCase()}
                    </td>
                    <td data-label="Force area" className="govuk-table__cell">
                      {item.force.name}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrapper>
        </>
      )}
    </section>
  );
}

/** Vulnerable victims waiting for contact, oldest due first, and the follow-ups that have come due. */
export function VictimCarePage() {
  useTitle("Victim care", "Cyber crime");
  const listing = useListFilters({ filters: FILTERS, pageSize: PAGE_SIZE });
  const { filters, draft, setDraft, hrefWith, filtered } = listing;
  const reference = useOcgReference();
  const waiting = useAsync(() => victimCareApi.waitingVictims(listing.query), [listing.queryKey]);
  const data = waiting.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));
  const { from, to } = data ? rangeOf(data) : { from: 0, to: 0 };
  const overdueOnly = filters.show === "overdue";

  return (
    <>
      <CyberNav />
      <span className="govuk-caption-l">Cyber crime</span>
      <h1 className="govuk-heading-l">Victim care</h1>
      <p className="govuk-body">
        Every vulnerable victim is to be contacted by the target set in the triage settings. This list shows
        who is still waiting, the longest overdue first. Open a referral to record a contact attempt and the
        Protect advice given.
      </p>

      <search className="rocu-filters" aria-label="Filter victims waiting">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <Select
              id="filter-show"
              label="Show"
              value={draft.show}
              onChange={(show) => setDraft({ ...draft, show })}
              placeholder="Everyone waiting"
              options={[{ value: "overdue", label: "Overdue only" }]}
            />
            <Select
              id="filter-forceId"
              label="Force area"
              value={draft.forceId}
              onChange={(forceId) => setDraft({ ...draft, forceId })}
              placeholder="Any force area"
              groups={reference.data ? forceGroups(reference.data.forces, reference.data.regions) : []}
            />
          </div>
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {waiting.error ? <LoadError error={waiting.error} retry={waiting.reload} /> : null}
      {waiting.loading && !data ? <Loading what="Loading victims waiting for contact" /> : null}
      {data ? (
        <>
          <h2 className="govuk-heading-m">{overdueOnly ? "Overdue for contact" : "Waiting for contact"}</h2>
          {data.total === 0 ? (
            <p className="govuk-body" data-testid="waiting-empty">
              {overdueOnly
                ? "Nobody is overdue for contact."
                : "No vulnerable victim is waiting for contact. Referrals of vulnerable victims appear here when they arrive."}
            </p>
          ) : (
            <>
              <p className="govuk-body" aria-live="polite" data-testid="waiting-count">
                {plural(data.total, "victim")} {overdueOnly ? "overdue" : "waiting"}
                {data.total > data.pageSize ? `, showing ${from} to ${to}` : ""}.
              </p>
              <TableWrapper label="Victims waiting for contact">
                <table
                  className="govuk-table rocu-table--dense rocu-table--stack"
                  aria-busy={waiting.loading}
                >
                  <caption className="govuk-table__caption govuk-visually-hidden">
                    Victims waiting for contact, oldest due first
                  </caption>
                  <thead className="govuk-table__head">
                    <tr className="govuk-table__row">
                      <th scope="col" className="govuk-table__header">
                        Referral
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Contact due
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Victim
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Attempts
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Force area
                      </th>
                    </tr>
                  </thead>
                  <tbody className="govuk-table__body">
                    {data.items.map((item) => (
                      <tr className="govuk-table__row" key={item.referralId} data-testid="waiting-row">
                        <td className="govuk-table__cell">
                          <Link className="govuk-link" to={referralPath(item.referralId)}>
                            {item.crimeReference}
                          </Link>{" "}
                          <Tag colour={BAND_COLOURS[item.priorityBand]}>{item.priorityBand}</Tag>
                        </td>
                        <td data-label="Contact due" className="govuk-table__cell">
                          {formatDateTime(item.contactDueAt)}
                          <span className="rocu-block">
                            {item.overdue ? (
                              <strong className="rocu-text-error">{standing(item)}</strong>
                            ) : (
                              standing(item)
                            )}
                          </span>
                        </td>
                        <td data-label="Victim" className="govuk-table__cell">
                          {VULNERABILITY_LABELS[item.vulnerability]}
                          <span className="rocu-block rocu-muted">
                            {VICTIM_TYPE_LABELS[item.victimType]},{" "}
                            {AGE_BAND_LABELS[item.victimAgeBand].toLowerCase()}
                          </span>
                        </td>
                        <td data-label="Attempts" className="govuk-table__cell">
                          {item.attempts === 0 ? "None yet" : plural(item.attempts, "attempt")}
                          {item.lastAttemptAt ? (
                            <span className="rocu-block rocu-muted">
                              last {formatDateTime(item.lastAttemptAt)}
                            </span>
                          ) : null}
                        </td>
                        <td data-label="Force area" className="govuk-table__cell">
                          {item.force.name}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrapper>
              <ListPagination data={data} label="victims waiting" hrefWith={hrefWith} />
            </>
          )}
          <FollowUps followUps={data.followUps} />
        </>
      ) : null}
    </>
  );
}
