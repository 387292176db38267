import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { api, type Referral, type TriageDecision } from "../api.ts";
import { CyberNav } from "../components/CyberNav.tsx";
import {
  Breadcrumbs,
  FormErrorSummary,
  type FormErrors,
  formErrorsFrom,
  LoadError,
  Loading,
  noErrors,
  Radios,
  Select,
  SuccessBanner,
  SummaryList,
  TableWrapper,
  Tag,
  Textarea,
} from "../components/govuk.tsx";
import { useClassification } from "../components/Layout.tsx";
import {
  BandTag,
  ClockText,
  CONTACT_PREFERENCE_LABELS,
  decisionText,
  formatPence,
  IDENTIFIER_LABELS,
  referralPath,
  SOURCE_LABELS,
  UNIT_LABELS,
  UNITS,
  VULNERABILITY_LABELS,
  victimText,
} from "../components/referral.tsx";
import { VictimCareSection } from "../components/VictimCareSection.tsx";
import { auditValue, formatDate, formatDateTime, formatNumber, plural } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";

const OUTCOME_OPTIONS = [
  { value: "allocated", label: "Allocate to a unit to investigate" },
  {
    value: "victim-care-only",
    label: "Victim care only",
    hint: "Contact and Protect advice, no investigation",
  },
  { value: "no-further-action", label: "No further action" },
];

const FIELD_LABELS: Record<string, string> = {
  crimeReference: "Crime reference",
  source: "Source",
  forceId: "Force area",
  reportedOn: "Date reported",
  offenceFrom: "Offence from",
  offenceTo: "Offence to",
  nfibCode: "NFIB code",
  summary: "Summary",
  victimType: "Victim type",
  victimAgeBand: "Age band",
  victimName: "Victim's name",
  victimEmail: "Victim's e-mail",
  victimPhone: "Victim's phone",
  contactPreference: "Contact preference",
  vulnerability: "Vulnerability",
  vulnerabilityIndicators: "Vulnerability indicators",
  harmOngoing: "Harm ongoing",
  lossPence: "Loss",
  suspectIdentifiers: "Suspect identifiers",
  classification: "Classification",
};

function changeValue(field: string, value: unknown): string {
  if (field === "lossPence" && typeof value === "number") return formatPence(value);
  if (field === "suspectIdentifiers" && Array.isArray(value))
    return (
      value.map((item: { kind: string; value: string }) => `${item.kind}: ${item.value}`).join(", ") || "None"
    );
  return auditValue(value);
}

/** The triage decision, or a supervisor's reallocation: the same three choices, with a reason. */
function DecisionForm({
  referral,
  mode,
  onDone,
}: {
  referral: Referral;
  mode: "triage" | "reallocation";
  onDone: (updated: Referral, message: string) => void;
}) {
  const [outcome, setOutcome] = useState("");
  const [unit, setUnit] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const idPrefix = mode === "triage" ? "triage" : "reallocate";
  const fieldIds = {
    outcome: `${idPrefix}-outcome-allocated`,
    allocatedUnit: `${idPrefix}-unit`,
    reason: `${idPrefix}-reason`,
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!outcome) fields[fieldIds.outcome] = "Choose what happens to this referral";
    if (outcome === "allocated" && !unit) fields[fieldIds.allocatedUnit] = "Choose the unit to allocate to";
    if (!reason.trim()) fields[fieldIds.reason] = "Give the reason for the decision";
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      return;
    }
    const decision: TriageDecision = {
      outcome: outcome as TriageDecision["outcome"],
      allocatedUnit: outcome === "allocated" ? (unit as NonNullable<TriageDecision["allocatedUnit"]>) : null,
      reason,
    };
    setBusy(true);
    try {
      const updated =
        mode === "triage"
          ? await api.triageReferral(referral.id, decision)
          : await api.reallocateReferral(referral.id, decision);
      setErrors(noErrors);
      onDone(
        updated,
        mode === "triage" ? `Triaged: ${decisionText(updated)}` : `Reallocated: ${decisionText(updated)}`,
      );
    } catch (error) {
      setErrors(formErrorsFrom(error, fieldIds));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${idPrefix}-heading`} className="rocu-form-width">
      <h2 className="govuk-heading-m" id={`${idPrefix}-heading`}>
        {mode === "triage" ? "Triage decision" : "Reallocate"}
      </h2>
      <FormErrorSummary errors={errors} />
      <Radios
        idPrefix={`${idPrefix}-outcome`}
        legend="What happens to this referral?"
        options={OUTCOME_OPTIONS}
        value={outcome}
        onChange={setOutcome}
        error={errors.fields[fieldIds.outcome]}
      />
      {outcome === "allocated" ? (
        <Select
          id={fieldIds.allocatedUnit}
          label="Unit"
          value={unit}
          onChange={setUnit}
          placeholder="Choose a unit"
          options={UNITS.map((value) => ({ value, label: UNIT_LABELS[value] }))}
          error={errors.fields[fieldIds.allocatedUnit]}
        />
      ) : null}
      <Textarea
        id={fieldIds.reason}
        label="Reason"
        hint="Recorded with the decision and shown in its history."
        value={reason}
        onChange={setReason}
        error={errors.fields[fieldIds.reason]}
      />
      <button type="submit" className="govuk-button" data-module="govuk-button" disabled={busy}>
        {mode === "triage" ? "Record the decision" : "Reallocate"}
      </button>
    </form>
  );
}

export function ReferralDetailPage() {
  const { id = "" } = useParams();
  const loaded = useAsync(() => api.referral(id), [id]);
  const arrivalMessage = useArrivalMessage();
  const [updated, setUpdated] = useState<{ referral: Referral; message: string } | null>(null);
  const referral = updated?.referral ?? loaded.data;
  const message = updated?.message ?? arrivalMessage;
  useTitle(referral ? referral.crimeReference : "Referral", "Cyber crime");
  useClassification(referral?.classification ?? null);

  if (loaded.error) return <LoadError error={loaded.error} retry={loaded.reload} />;
  if (!referral) return <Loading what="Loading the referral" />;
  const linkedIdentifiers = referral.suspectIdentifiers.filter((item) => item.linkedCount > 0);

  return (
    <>
      <CyberNav />
      <Breadcrumbs
        items={[
          { to: "/cyber-crime", text: "Triage queue" },
          { to: "/cyber-crime/referrals", text: "All referrals" },
        ]}
      />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      <span className="govuk-caption-l">
        {referral.nfib.code} {referral.nfib.name} · {referral.force.name}
      </span>
      <h1 className="govuk-heading-l">
        Referral {referral.crimeReference} <BandTag priority={referral.priority} />
      </h1>
      {linkedIdentifiers.length > 0 ? (
        <div className="govuk-inset-text" data-testid="linked-summary">
          {linkedIdentifiers.map((item) => (
            <p className="govuk-body" key={`${item.kind}:${item.value}`}>
              <Link
                className="govuk-link"
                to={`/cyber-crime/referrals?identifier=${encodeURIComponent(`${item.kind}:${item.normalised ?? item.value}`)}`}
              >
                {plural(item.linkedCount, "other referral")} {item.linkedCount === 1 ? "shares" : "share"}{" "}
                this {IDENTIFIER_LABELS[item.kind].toLowerCase()}
              </Link>{" "}
              ({item.value})
            </p>
          ))}
        </div>
      ) : null}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              { key: "Status", value: decisionText(referral) },
              { key: "Triage clock", value: <ClockText clock={referral.clock} /> },
              {
                key: "Reported",
                value: `${formatDate(referral.reportedOn)} (${SOURCE_LABELS[referral.source]})`,
              },
              {
                key: "Offence dates",
                value:
                  referral.offenceFrom || referral.offenceTo
                    ? `${formatDate(referral.offenceFrom, "not known")} to ${formatDate(referral.offenceTo, "not known")}`
                    : "Not given",
              },
              { key: "Received", value: formatDateTime(referral.receivedAt) },
              { key: "Summary", value: referral.summary },
              { key: "Loss", value: formatPence(referral.lossPence) },
              { key: "Harm ongoing", value: referral.harmOngoing ? "Yes" : "No" },
              {
                key: "Version",
                value: `${referral.version} (received ${formatDateTime(referral.versionReceivedAt)})`,
              },
              { key: "Classification", value: referral.classification },
            ]}
          />
          <h2 className="govuk-heading-m">Victim</h2>
          <SummaryList
            rows={[
              {
                key: "Victim",
                value: victimText(referral),
              },
              { key: "Name", value: referral.victim.name ?? "Not given" },
              { key: "E-mail", value: referral.victim.email ?? "Not given" },
              { key: "Phone", value: referral.victim.phone ?? "Not given" },
              {
                key: "Contact preference",
                value: CONTACT_PREFERENCE_LABELS[referral.victim.contactPreference],
              },
              {
                key: "Vulnerability",
                value: (
                  <>
                    {VULNERABILITY_LABELS[referral.vulnerability]}
                    {referral.victim.vulnerabilityIndicators.length > 0
                      ? `: ${referral.victim.vulnerabilityIndicators.join(", ")}`
                      : ""}
                    {referral.repeatVictim ? (
                      <>
                        {" "}
                        <Tag colour="purple">Repeat victim</Tag>
                      </>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
        </div>
        <div className="govuk-grid-column-one-third">
          <h2 className="govuk-heading-m">Why it scored {formatNumber(referral.priority.score)}</h2>
          <TableWrapper label="Priority reasons">
            <table className="govuk-table rocu-table--dense" data-testid="priority-reasons">
              <caption className="govuk-table__caption govuk-visually-hidden">Points for each factor</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Factor
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Points
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {referral.priority.reasons.map((reason) => (
                  <tr className="govuk-table__row" key={reason.factor}>
                    <td className="govuk-table__cell">{reason.label}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {formatNumber(reason.points)}
                    </td>
                  </tr>
                ))}
                <tr className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    Score ({referral.priority.band})
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    <strong>{formatNumber(referral.priority.score)}</strong>
                  </td>
                </tr>
              </tbody>
            </table>
          </TableWrapper>
        </div>
      </div>

      {referral.canTriage ? (
        <DecisionForm
          referral={referral}
          mode="triage"
          onDone={(next, message) => setUpdated({ referral: next, message })}
        />
      ) : null}

      {referral.decisions.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">Decisions</h2>
          <ol className="govuk-list" data-testid="decisions">
            {referral.decisions.map((decision) => (
              <li key={`${decision.decidedAt}-${decision.kind}`}>
                <strong>{decision.kind === "triage" ? "Triaged" : "Reallocated"}</strong>:{" "}
                {decisionText({ status: decision.outcome, allocatedUnit: decision.allocatedUnit })}, by{" "}
                {decision.decidedBy.name} on {formatDateTime(decision.decidedAt)}. Reason: {decision.reason}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {referral.canReallocate ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Reallocate this referral</span>
          </summary>
          <div className="govuk-details__text">
            <DecisionForm
              referral={referral}
              mode="reallocation"
              onDone={(next, message) => setUpdated({ referral: next, message })}
            />
          </div>
        </details>
      ) : null}

      <VictimCareSection
        referralId={referral.id}
        contactDueAt={referral.contactDueAt}
        contactedAt={referral.contactedAt}
      />

      <h2 className="govuk-heading-m">Suspect identifiers</h2>
      {referral.suspectIdentifiers.length === 0 ? (
        <p className="govuk-body">None were reported.</p>
      ) : (
        <TableWrapper label="Suspect identifiers">
          <table
            className="govuk-table rocu-table--dense rocu-table--stack"
            data-testid="suspect-identifiers"
          >
            <caption className="govuk-table__caption govuk-visually-hidden">
              Suspect identifiers and linked referrals
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Kind
                </th>
                <th scope="col" className="govuk-table__header">
                  As reported
                </th>
                <th scope="col" className="govuk-table__header">
                  Other referrals sharing it
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {referral.suspectIdentifiers.map((item) => (
                <tr className="govuk-table__row" key={`${item.kind}:${item.value}`}>
                  <td data-label="Kind" className="govuk-table__cell">
                    {IDENTIFIER_LABELS[item.kind]}
                  </td>
                  <td data-label="As reported" className="govuk-table__cell rocu-break-word">
                    {item.value}
                    {item.normalised === null ? (
                      <span className="rocu-block rocu-muted">
                        Not usable: it is not a valid {IDENTIFIER_LABELS[item.kind].toLowerCase()}
                      </span>
                    ) : null}
                  </td>
                  <td data-label="Other referrals sharing it" className="govuk-table__cell">
                    {item.linkedCount === 0
                      ? "None you can see"
                      : item.linked.map((other, index) => (
                          <span key={other.id}>
                            {index > 0 ? ", " : ""}
                            <Link className="govuk-link" to={referralPath(other.id)}>
                              {other.crimeReference}
                            </Link>
                          </span>
                        ))}
                    {item.linkedCount > item.linked.length
                      ? ` and ${formatNumber(item.linkedCount - item.linked.length)} more`
                      : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrapper>
      )}

      {referral.versions.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">Earlier versions</h2>
          <p className="govuk-body">
            The referral was sent again with changes. What each new version changed:
          </p>
          {referral.versions.map((version) => (
            <div key={version.version} data-testid="version">
              <h3 className="govuk-heading-s">
                Version {version.version + 1} (received {formatDateTime(version.supersededAt)}) changed
              </h3>
              <SummaryList
                rows={Object.entries(version.changes).map(([field, change]) => ({
                  key: FIELD_LABELS[field] ?? field,
                  value: `${changeValue(field, change.before)} → ${changeValue(field, change.after)}`,
                }))}
              />
            </div>
          ))}
        </>
      ) : null}
    </>
  );
}
