import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, api, type Claim, messageOf } from "../api.ts";
import {
  ClaimStatusTag,
  decisionWords,
  disruptionPath,
  GRADE_LABELS,
  GradeTag,
  ModeratedGrade,
  monthLabel,
  PanelStatusTag,
  panelPath,
} from "../components/disruption.tsx";
import {
  Breadcrumbs,
  ConfirmPanel,
  ErrorSummary,
  InfoBanner,
  LoadError,
  Loading,
  SuccessBanner,
  SummaryList,
  TableWrapper,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { STRAND_LABELS } from "../components/ocg.tsx";
import { operationPath } from "../components/operation.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatDate, formatDateTime } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { NotFoundPage } from "./ErrorPages.tsx";
import { ocgPath } from "./OcgFormPages.tsx";

const CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/organised-crime", text: "Organised crime" },
  { to: "/organised-crime/disruptions", text: "Disruptions" },
];

export function DisruptionDetailPage() {
  const { id = "" } = useParams();
  const claim = useAsync(() => api.disruption(id), [id]);
  const [message, setMessage] = useState<string | null>(useArrivalMessage());
  const [submitting, setSubmitting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const record = claim.data;
  useTitle(record ? `Disruption ${record.reference}` : "Disruption", "Organised crime");
  useClassification(highestMarking([record?.classification]));

  if (claim.error instanceof ApiError && claim.error.status === 404) return <NotFoundPage />;
  if (!record) {
    return (
      <>
        <PursueNav />
        <Breadcrumbs items={CRUMBS} />
        {claim.error ? (
          <LoadError error={claim.error} retry={claim.reload} />
        ) : (
          <Loading what="Loading the claim" />
        )}
      </>
    );
  }

  async function submit(current: Claim) {
    setBusy(true);
    setFailure(null);
    try {
      const updated = await api.submitDisruption(current.id);
      claim.setData(updated);
      setSubmitting(false);
      setMessage(`${updated.reference} has been submitted. It will be listed for the region’s next panel.`);
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  const actions = record.allowedActions;
  const resubmit = record.status === "returned";

  return (
    <>
      <PursueNav />
      <Breadcrumbs items={CRUMBS} />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      <span className="govuk-caption-l">Disruption claim against {record.ocg.reference}</span>
      <h1 className="govuk-heading-l rocu-title-with-tag">
        {record.reference} <ClaimStatusTag status={record.status} />
      </h1>

      <DecisionNotice claim={record} />

      {failure ? <ErrorSummary errors={[]} description={failure} /> : null}
      {submitting ? (
        <ConfirmPanel
          heading={`${resubmit ? "Resubmit" : "Submit"} ${record.reference} for moderation?`}
          confirmText={`Yes, ${resubmit ? "resubmit" : "submit"} ${record.reference}`}
          warning={false}
          busy={busy}
          onConfirm={() => submit(record)}
          onCancel={() => setSubmitting(false)}
        >
          <p className="govuk-body">
            It will be listed for the next moderation panel of the region. You cannot change it unless the
            panel returns it for more information.
          </p>
        </ConfirmPanel>
      ) : null}
      {!submitting &&
      (actions.includes("submit") || actions.includes("edit") || actions.includes("decide")) ? (
        <div className="govuk-button-group">
          {actions.includes("submit") ? (
            <button type="button" className="govuk-button" onClick={() => setSubmitting(true)}>
              {resubmit ? "Resubmit" : "Submit"} for moderation
              <span className="govuk-visually-hidden"> {record.reference}</span>
            </button>
          ) : null}
          {actions.includes("edit") ? (
            <Link className="govuk-button govuk-button--secondary" to={disruptionPath(record.id, "/edit")}>
              Change the claim<span className="govuk-visually-hidden"> {record.reference}</span>
            </Link>
          ) : null}
          {actions.includes("decide") && record.panel ? (
            <Link
              className="govuk-button govuk-button--secondary"
              to={`${panelPath(record.panel.id)}?claim=${encodeURIComponent(record.reference)}`}
            >
              Decide at the {record.panel.periodLabel} panel
            </Link>
          ) : null}
        </div>
      ) : null}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <KeyFacts claim={record} />
          <section className="rocu-section" aria-labelledby="narrative-heading">
            <h2 className="govuk-heading-m" id="narrative-heading">
              What happened
            </h2>
            <p className="govuk-body rocu-pre-line" data-testid="claim-narrative">
              {record.narrative}
            </p>
          </section>
          <section className="rocu-section" aria-labelledby="evidence-heading">
            <h2 className="govuk-heading-m" id="evidence-heading">
              Evidence references
            </h2>
            {record.evidenceReferences.length === 0 ? (
              <p className="govuk-body">None recorded.</p>
            ) : (
              <ul className="govuk-list govuk-list--bullet">
                {record.evidenceReferences.map((reference) => (
                  <li key={reference} className="rocu-break">
                    {reference}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
      <Decisions claim={record} />
    </>
  );
}

/** A returned, rejected or regraded claim says why, where the claimant looks first. */
function DecisionNotice({ claim }: { claim: Claim }) {
  if (!claim.decisionReason) return null;
  if (claim.status === "returned") {
    return (
      <InfoBanner title="Returned for more information">
        <div data-testid="returned-reason">
          <p className="govuk-notification-banner__heading">The panel asked:</p>
          <p className="govuk-body rocu-pre-line">{claim.decisionReason}</p>
          {claim.allowedActions.includes("edit") ? (
            <p className="govuk-body">Change the claim, then resubmit it for the next panel.</p>
          ) : null}
        </div>
      </InfoBanner>
    );
  }
  const title = claim.status === "regraded" ? "Why the panel regraded it" : "Why the panel rejected it";
  return (
    <div className="govuk-inset-text" data-testid="decision-reason">
      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{title}</p>
      <p className="govuk-body rocu-pre-line">{claim.decisionReason}</p>
    </div>
  );
}

function KeyFacts({ claim }: { claim: Claim }) {
  return (
    <SummaryList
      rows={[
        { key: "Reference", value: claim.reference },
        { key: "Status", value: <ClaimStatusTag status={claim.status} /> },
        {
          key: "Moderated grade",
          value: (
            <>
              <ModeratedGrade grade={claim.moderatedGrade} status={claim.status} />
              <span className="govuk-hint govuk-!-margin-bottom-0 rocu-block">
                The grade the panel gave: the only grade that counts in totals
              </span>
            </>
          ),
        },
        { key: "Claimed grade", value: <GradeTag grade={claim.claimedGrade} /> },
        {
          key: "OCG",
          value: (
            <>
              <Link className="govuk-link" to={ocgPath(claim.ocg.id)}>
                {claim.ocg.reference}
              </Link>{" "}
              {claim.ocg.name}
            </>
          ),
        },
        {
          key: "Operation",
          value: claim.operation ? (
            <Link className="govuk-link" to={operationPath(claim.operation.id)}>
              Operation {claim.operation.codeName}
            </Link>
          ) : (
            "None"
          ),
        },
        { key: "Date of the disruption", value: formatDate(claim.disruptedOn) },
        { key: "4P strand", value: STRAND_LABELS[claim.strand] },
        { key: "Crime type", value: claim.crimeType.name },
        { key: "Claimed by", value: `${claim.claimingOrganisation.name} (${claim.claimant.name})` },
        { key: "Lead force", value: claim.leadForce.name },
        {
          key: "Panel",
          value: claim.panel ? (
            <>
              <Link className="govuk-link" to={panelPath(claim.panel.id)}>
                {claim.panel.periodLabel}
              </Link>{" "}
              <PanelStatusTag status={claim.panel.status} />
            </>
          ) : (
            "Not listed yet"
          ),
        },
        { key: "Classification", value: claim.classification },
        { key: "Submitted", value: formatDateTime(claim.submittedAt, "Not submitted") },
        { key: "Recorded", value: formatDateTime(claim.createdAt) },
        { key: "Last updated", value: formatDateTime(claim.updatedAt) },
      ]}
    />
  );
}

function Decisions({ claim }: { claim: Claim }) {
  return (
    <section className="rocu-section" aria-labelledby="decisions-heading">
      <h2 className="govuk-heading-m" id="decisions-heading">
        Panel decisions
      </h2>
      {claim.decisions.length === 0 ? (
        <p className="govuk-body">No panel has decided this claim yet.</p>
      ) : (
        <TableWrapper label="Panel decisions">
          <table className="govuk-table rocu-table--dense rocu-table--stack" data-testid="claim-decisions">
            <caption className="govuk-table__caption govuk-visually-hidden">
              Panel decisions on {claim.reference}, oldest first
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Panel
                </th>
                <th scope="col" className="govuk-table__header">
                  Decision
                </th>
                <th scope="col" className="govuk-table__header">
                  Reason
                </th>
                <th scope="col" className="govuk-table__header">
                  Decided by
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {claim.decisions.map((decision) => (
                <tr className="govuk-table__row" key={`${decision.panelId}-${decision.decidedAt}`}>
                  <td className="govuk-table__cell rocu-nowrap-desktop">
                    <Link className="govuk-link" to={panelPath(decision.panelId)}>
                      {monthLabel(decision.panelPeriod)}
                    </Link>
                  </td>
                  <td data-label="Decision" className="govuk-table__cell">
                    {decisionWords(decision)}
                    {decision.grade && decision.decision === "regraded" ? (
                      <span className="rocu-block rocu-muted">
                        Claimed as {GRADE_LABELS[claim.claimedGrade].toLowerCase()}
                      </span>
                    ) : null}
                  </td>
                  <td data-label="Reason" className="govuk-table__cell rocu-pre-line">
                    {decision.reason ?? "—"}
                  </td>
                  <td data-label="Decided by" className="govuk-table__cell">
                    {decision.decidedBy.name}
                    <span className="rocu-block rocu-muted">{formatDateTime(decision.decidedAt)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrapper>
      )}
    </section>
  );
}
