import { type FormEvent, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { type AuditEvent, type AuditVerification, api, type Clearance } from "../api.ts";
import {
  Breadcrumbs,
  LoadError,
  Loading,
  Pagination,
  TableWrapper,
  Tag,
  TextInput,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { FilterActions, ListCount } from "../components/listing.tsx";
import { auditValue, formatDateTime, plural } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";

const PAGE_SIZE = 50;
const FILTERS = ["actor", "action", "entityType", "entityId", "from", "to"] as const;
type Filter = (typeof FILTERS)[number];
const LABELS: Record<Filter, string> = {
  actor: "Actor",
  action: "Action",
  entityType: "Record type",
  entityId: "Record id",
  from: "From date",
  to: "To date",
};
const HINTS: Partial<Record<Filter, string>> = {
  actor: "Email address, for example admin@demo.rocu.test",
  action: "For example, user.create",
  entityType: "For example, user",
};

function Changes({ event }: { event: AuditEvent }) {
  const entries = Object.entries(event.changes ?? {});
  if (entries.length === 0) return <span className="govuk-hint govuk-!-margin-bottom-0">None recorded</span>;
  return (
    <details className="govuk-details govuk-!-margin-bottom-0 rocu-changes">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          {plural(entries.length, "change")}
          <span className="govuk-visually-hidden"> in event {String(event.id)}</span>
        </span>
      </summary>
      <div className="govuk-details__text">
        <dl className="rocu-change-list">
          {entries.map(([field, change]) => (
            <div key={field} className="rocu-change-list__row">
              <dt>{field}</dt>
              <dd>
                {"before" in change ? (
                  <>
                    <del>{auditValue(change.before)}</del>
                    <span aria-hidden="true"> → </span>
                    <span className="govuk-visually-hidden"> changed to </span>
                  </>
                ) : null}
                <ins>{auditValue(change.after)}</ins>
              </dd>
            </div>
          ))}
        </dl>
        {event.requestId || event.clientIp ? (
          <p className="govuk-body-s govuk-!-margin-bottom-0">
            {event.requestId ? `Request ${event.requestId}` : ""}
            {event.clientIp ? ` from ${event.clientIp}` : ""}
          </p>
        ) : null}
      </div>
    </details>
  );
}

export function AuditPage() {
  useTitle("Audit log", "Admin");
  const [params, setParams] = useSearchParams();
  const current = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ""])) as Record<
    Filter,
    string
  >;
  const pageNumber = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const pageSize = Math.min(100, Math.max(1, Number.parseInt(params.get("pageSize") ?? "", 10) || PAGE_SIZE));
  const key = params.toString();
  const [draft, setDraft] = useState(current);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the form when the URL changes.
  useEffect(() => setDraft(current), [key]);

  const events = useAsync(() => api.audit({ ...current, page: pageNumber, pageSize }), [key]);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);
  useClassification(
    events.data
      ? highestMarking(events.data.items.map((item) => item.classification as Clearance | null))
      : null,
  );

  const filtered = FILTERS.some((filter) => current[filter] !== "");

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const filter of FILTERS) {
      const value = draft[filter].trim();
      if (value) next.set(filter, value);
    }
    const size = params.get("pageSize");
    if (size) next.set("pageSize", size);
    setParams(next);
  }

  async function verify() {
    setVerifying(true);
    setVerifyError(null);
    setVerification(null);
    try {
      setVerification(await api.verifyAudit());
    } catch (error) {
      setVerifyError(error);
    } finally {
      setVerifying(false);
    }
  }

  function hrefFor(page: number): string {
    const next = new URLSearchParams(params);
    if (page === 1) next.delete("page");
    else next.set("page", String(page));
    return `?${next.toString()}`;
  }

  const data = events.data;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/", text: "Home" },
          { to: "/admin", text: "Admin" },
        ]}
      />
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">
        Every sign in, change and export in ROCU Hub, newest first. Each event is chained to the one before,
        so any alteration can be detected.
      </p>

      <div className="rocu-verify">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={verify}
          disabled={verifying}
        >
          Verify chain
        </button>
        <div aria-live="polite" data-testid="verify-result">
          {verifying ? <p className="govuk-body">Checking every event…</p> : null}
          {verification ? (
            verification.intact ? (
              <p className="govuk-body">
                <Tag colour="green">Intact</Tag> — {plural(verification.checked, "event")} checked
              </p>
            ) : (
              <div className="govuk-error-summary govuk-!-margin-bottom-0">
                <h2 className="govuk-error-summary__title">The audit chain is broken</h2>
                <div className="govuk-error-summary__body">
                  <p className="govuk-body">
                    <Tag colour="red">Broken</Tag> at event {verification.brokenEventId ?? "unknown"}
                    {verification.reason ? `: ${verification.reason}` : ""}.{" "}
                    {plural(verification.checked, "event")} checked.
                  </p>
                </div>
              </div>
            )
          ) : null}
          {verifyError ? <LoadError error={verifyError} /> : null}
        </div>
      </div>

      <search className="rocu-filters" aria-label="Filter audit events">
        <form onSubmit={apply}>
          <div className="rocu-filters__fields rocu-filters__fields--six">
            {FILTERS.map((filter) => (
              <TextInput
                key={filter}
                id={`filter-${filter}`}
                name={filter}
                label={LABELS[filter]}
                hint={HINTS[filter]}
                type={filter === "from" || filter === "to" ? "date" : "text"}
                spellCheck={false}
                value={draft[filter]}
                onChange={(value) => setDraft({ ...draft, [filter]: value })}
              />
            ))}
          </div>
          <FilterActions filtered={filtered} clearHref="?" />
        </form>
      </search>

      {events.error ? <LoadError error={events.error} retry={events.reload} /> : null}
      {events.loading && !data ? <Loading what="Loading audit events" /> : null}
      {data ? (
        data.total === 0 ? (
          <div className="rocu-empty" data-testid="audit-empty">
            <h2 className="govuk-heading-m">No audit events {filtered ? "match these filters" : "yet"}</h2>
            <p className="govuk-body">
              {filtered
                ? "Try a wider date range or fewer filters."
                : "Events are recorded here as people sign in and change records."}
            </p>
          </div>
        ) : (
          <>
            <ListCount data={data} noun="event" filtered={filtered} testId="audit-count" />
            <TableWrapper label="Audit events">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={events.loading}>
                <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">
                  Audit events, newest first
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Time
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Actor
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Action
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Record
                    </th>
                    <th scope="col" className="govuk-table__header rocu-audit-changes">
                      Changes
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((event) => (
                    <tr className="govuk-table__row" key={String(event.id)} data-testid="audit-row">
                      <td className="govuk-table__cell rocu-nowrap-desktop">
                        <time dateTime={event.occurredAt}>{formatDateTime(event.occurredAt)}</time>
                      </td>
                      <td data-label="Actor" className="govuk-table__cell rocu-break">
                        {event.actorLabel ?? event.actorId ?? "System"}
                      </td>
                      <td data-label="Action" className="govuk-table__cell rocu-nowrap">
                        <code className="rocu-code">{event.action}</code>
                        {event.classification && event.classification !== "OFFICIAL" ? (
                          <>
                            {" "}
                            <Tag colour="purple">{event.classification}</Tag>
                          </>
                        ) : null}
                      </td>
                      <td data-label="Record" className="govuk-table__cell rocu-break">
                        {event.entityType ? (
                          <>
                            {event.entityType}
                            {event.entityId ? (
                              <>
                                {" "}
                                {event.entityType === "user" ? (
                                  <Link
                                    className="govuk-link"
                                    to={`/admin/users/${encodeURIComponent(event.entityId)}`}
                                  >
                                    {event.entityId}
                                  </Link>
                                ) : (
                                  <span>{event.entityId}</span>
                                )}
                              </>
                            ) : null}
                          </>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td data-label="Changes" className="govuk-table__cell rocu-audit-changes">
                        <Changes event={event} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <Pagination
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              label="audit events"
              hrefFor={hrefFor}
            />
          </>
        )
      ) : null}
    </>
  );
}
