import { type FormEvent, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import {
  ApiError,
  type AssessmentWithChanges,
  api,
  type Ocg,
  type OcgStatus,
  type PlanAction,
  type PlanActionStatus,
  type Strand,
} from "../api.ts";
import {
  Breadcrumbs,
  FormErrorSummary,
  type FormErrors,
  firstChoiceId,
  formErrorsFrom,
  LoadError,
  Loading,
  noErrors,
  Radios,
  Select,
  SuccessBanner,
  SummaryList,
  TableWrapper,
  Textarea,
  TextInput,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { OcgDisruptions } from "../components/OcgDisruptions.tsx";
import { useOcgReference } from "../components/OcgFields.tsx";
import { OcgOperations } from "../components/OcgOperations.tsx";
import { OcgOutcomes } from "../components/OcgOutcomes.tsx";
import {
  ACTION_STATUS_LABELS,
  ActionStatusTag,
  BandTag,
  formatScore,
  LEVEL_LABELS,
  OcgStatusTag,
  PLAN_ACTION_STATUSES,
  STATUS_LABELS,
  STRAND_HINTS,
  STRAND_LABELS,
  STRANDS,
  useScoringModels,
} from "../components/ocg.tsx";
import { formatDate, formatDateTime, formatNumber } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";
import { ocgPath } from "./OcgFormPages.tsx";

const AREA_CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/organised-crime", text: "Organised crime" },
];

/** The words for moving to a status, as a button or option would say them. */
const STATUS_ACTIONS: Record<OcgStatus, string> = {
  active: "Make active",
  dormant: "Mark as dormant",
  archived: "Archive",
};

function reasonRequired(from: OcgStatus, to: OcgStatus): boolean {
  return to === "archived" || (from === "archived" && to === "active");
}

export function OcgDetailPage() {
  const { id = "" } = useParams();
  const { can } = useSession();
  const ocg = useAsync(() => api.ocg(id), [id]);
  const [message, setMessage] = useState<string | null>(useArrivalMessage());
  const [changingStatus, setChangingStatus] = useState(false);
  const [generation, setGeneration] = useState(0);
  const record = ocg.data;
  useTitle(record ? `${record.reference} ${record.name}` : "OCG", "Organised crime");
  useClassification(highestMarking([record?.classification]));

  if (ocg.error instanceof ApiError && ocg.error.status === 404) return <NotFoundPage />;
  if (ocg.error) {
    return (
      <>
        <Breadcrumbs items={AREA_CRUMBS} />
        <LoadError error={ocg.error} retry={ocg.reload} />
      </>
    );
  }
  if (!record) {
    return (
      <>
        <Breadcrumbs items={AREA_CRUMBS} />
        <Loading what="Loading the OCG" />
      </>
    );
  }

  function changed(updated: Ocg | null, text: string) {
    if (updated) ocg.setData(updated);
    else ocg.reload();
    setGeneration((value) => value + 1);
    setChangingStatus(false);
    setMessage(text);
  }

  const manage = can("ocgs.manage");
  const assess = can("ocgs.assess") && record.status !== "archived";

  return (
    <>
      <Breadcrumbs items={AREA_CRUMBS} />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      <span className="govuk-caption-l" data-testid="ocg-reference">
        {record.reference}
      </span>
      <h1 className="govuk-heading-l rocu-title-with-tag">
        {record.name} <OcgStatusTag status={record.status} />
      </h1>

      {manage || assess ? (
        <div className="govuk-button-group">
          {assess ? (
            <Link className="govuk-button" to={ocgPath(record.id, "/assess")}>
              {record.latestAssessment ? "Re-assess" : "Score this OCG"}
            </Link>
          ) : null}
          {manage ? (
            <Link className="govuk-button govuk-button--secondary" to={ocgPath(record.id, "/edit")}>
              Change details<span className="govuk-visually-hidden"> of {record.name}</span>
            </Link>
          ) : null}
          {manage && record.nextStatuses.length > 0 && !changingStatus ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => setChangingStatus(true)}
            >
              Change status
            </button>
          ) : null}
        </div>
      ) : null}
      {changingStatus ? (
        <ChangeStatus
          ocg={record}
          onCancel={() => setChangingStatus(false)}
          onDone={(updated) =>
            changed(updated, `${record.reference} is now ${STATUS_LABELS[updated.status].toLowerCase()}.`)
          }
        />
      ) : null}

      <div className="govuk-grid-row">
        {/* First in reading order, so narrow screens show the score before the facts. */}
        <div className="govuk-grid-column-one-third rocu-column--aside-first">
          <LatestScore ocg={record} />
        </div>
        <div className="govuk-grid-column-two-thirds">
          <KeyFacts ocg={record} />
        </div>
      </div>

      <Assessments ocgId={record.id} generation={generation} />
      <Plan ocg={record} manage={manage} onChanged={(text) => changed(null, text)} />
      <OcgOperations ocgId={record.id} />
      <OcgDisruptions ocgId={record.id} />
      <OcgOutcomes ocgId={record.id} />
      <Timeline ocgId={record.id} generation={generation} />
    </>
  );
}

function KeyFacts({ ocg }: { ocg: Ocg }) {
  const reference = useOcgReference();
  const forceName = (id: string) => reference.data?.forces.find((force) => force.id === id)?.name ?? id;
  const crimeTypeName = (code: string) =>
    reference.data?.crimeTypes.find((type) => type.code === code)?.name ?? code;
  return (
    <SummaryList
      rows={[
        { key: "Reference", value: ocg.reference },
        { key: "Name", value: ocg.name },
        { key: "Aliases", value: ocg.aliases.length > 0 ? ocg.aliases.join(", ") : "None recorded" },
        {
          key: "Status",
          value: (
            <>
              <OcgStatusTag status={ocg.status} />
              {ocg.archiveReason ? (
                <p className="govuk-body govuk-!-margin-top-2">{ocg.archiveReason}</p>
              ) : null}
            </>
          ),
        },
        { key: "Level of activity", value: LEVEL_LABELS[ocg.level] },
        { key: "Lead force", value: ocg.leadForce.name },
        { key: "Local Responsible Officer", value: ocg.lro?.name ?? "Not set" },
        { key: "Primary crime type", value: ocg.primaryCrimeType.name },
        {
          key: "Secondary crime types",
          value:
            ocg.secondaryCrimeTypes.length > 0
              ? ocg.secondaryCrimeTypes.map(crimeTypeName).join(", ")
              : "None",
        },
        {
          key: "Other forces affected",
          value: ocg.forcesAffected.length > 0 ? ocg.forcesAffected.map(forceName).join(", ") : "None",
        },
        { key: "Areas affected", value: ocg.areasAffected || "Not recorded" },
        {
          key: "Estimated size",
          value: ocg.estimatedSize === null ? "Not known" : `${formatNumber(ocg.estimatedSize)} members`,
        },
        { key: "Classification", value: ocg.classification },
        { key: "Recorded", value: formatDateTime(ocg.createdAt) },
        { key: "Last updated", value: formatDateTime(ocg.updatedAt) },
      ]}
    />
  );
}

function LatestScore({ ocg }: { ocg: Ocg }) {
  const models = useScoringModels();
  const latest = ocg.latestAssessment;
  return (
    <aside className="rocu-score-card" aria-labelledby="latest-score-heading" data-testid="latest-score">
      <h2 className="govuk-heading-s" id="latest-score-heading">
        Threat, risk and harm
      </h2>
      {latest ? (
        <>
          <p className="rocu-score-card__score">
            {formatScore(latest.score)}
            <span className="rocu-score-card__out-of"> out of 100</span>
          </p>
          <p className="govuk-body">
            <BandTag band={latest.band} bands={models.bands} />
          </p>
          <p className="govuk-body-s">
            Assessed on {formatDate(latest.assessedOn)} under scoring model version {latest.modelVersion}.
          </p>
        </>
      ) : (
        <p className="govuk-body">Not scored yet: this group is not on the priority list.</p>
      )}
      <p className="govuk-body-s">
        <Link className="govuk-link" to="/organised-crime/priority">
          See the priority list
        </Link>
      </p>
    </aside>
  );
}

function ChangeStatus({
  ocg,
  onCancel,
  onDone,
}: {
  ocg: Ocg;
  onCancel: () => void;
  onDone: (ocg: Ocg) => void;
}) {
  const [status, setStatus] = useState<string>(
    ocg.nextStatuses.length === 1 ? (ocg.nextStatuses[0] ?? "") : "",
  );
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const statusId = firstChoiceId("new-status", ocg.nextStatuses);
  useEffect(() => {
    document.getElementById("status-heading")?.focus();
  }, []);
  const needsReason = status !== "" && reasonRequired(ocg.status, status as OcgStatus);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (status === "") fields[statusId] = "Select the new status";
    if (needsReason && reason.trim() === "")
      fields["status-reason"] =
        status === "archived"
          ? "Give a reason for archiving the OCG"
          : "Give a reason for reinstating the OCG";
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      return;
    }
    setBusy(true);
    try {
      const trimmed = reason.trim();
      onDone(
        await api.changeOcgStatus(ocg.id, {
          status: status as OcgStatus,
          ...(trimmed ? { reason: trimmed } : {}),
        }),
      );
    } catch (error) {
      setErrors(formErrorsFrom(error, { status: statusId, reason: "status-reason" }));
      setBusy(false);
    }
  }

  return (
    <section className="rocu-confirm" aria-labelledby="status-heading">
      <h2 className="govuk-heading-m" id="status-heading" tabIndex={-1}>
        Change the status of {ocg.reference} {ocg.name}
      </h2>
      <FormErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate aria-labelledby="status-heading">
        <Radios
          idPrefix="new-status"
          legend={`It is ${STATUS_LABELS[ocg.status].toLowerCase()} now. What should it become?`}
          options={ocg.nextStatuses.map((next) => ({
            value: next,
            label: STATUS_ACTIONS[next],
            hint:
              next === "archived"
                ? "No longer pursued. Its reference is never reused; it can be reinstated with a reason."
                : next === "dormant"
                  ? "Not currently active, but kept under review."
                  : ocg.status === "archived"
                    ? "Reinstate the group: give the reason."
                    : undefined,
          }))}
          value={status}
          onChange={setStatus}
          error={errors.fields[statusId]}
          small
        />
        <Textarea
          id="status-reason"
          label={needsReason ? "Reason" : "Reason (optional)"}
          hint="Shown on the record and in its timeline"
          value={reason}
          onChange={setReason}
          error={errors.fields["status-reason"]}
        />
        <div className="govuk-button-group">
          <button
            type="submit"
            className={`govuk-button${status === "archived" ? " govuk-button--warning" : ""}`}
            disabled={busy}
          >
            {status ? `${STATUS_ACTIONS[status as OcgStatus]} ${ocg.reference}` : "Change status"}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function signed(value: number): string {
  const rounded = formatScore(Math.abs(value));
  if (value > 0) return `up ${rounded}`;
  if (value < 0) return `down ${rounded}`;
  return "no change";
}

function ChangeSummary({ item }: { item: AssessmentWithChanges }) {
  const change = item.changes;
  if (item.status === "draft") return <span className="rocu-muted">Draft: not counted until finalised</span>;
  if (!change) return <span className="rocu-muted">First final assessment</span>;
  return (
    <ul className="govuk-list rocu-change-summary">
      <li>
        Score {signed(change.scoreDelta)} from {formatScore(change.previousScore)}
      </li>
      {change.bandChange ? (
        <li>
          Band {change.bandChange.from} → {change.bandChange.to}
        </li>
      ) : null}
      {change.modelChanged ? <li>Scored under a different model version</li> : null}
      {change.changedDimensions.length > 0 ? (
        <li>
          <details className="govuk-details rocu-details--compact">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">
                {change.changedDimensions.length} rating{change.changedDimensions.length === 1 ? "" : "s"}{" "}
                changed
              </span>
            </summary>
            <div className="govuk-details__text">
              <ul className="govuk-list">
                {change.changedDimensions.map((dimension) => (
                  <li key={dimension.key}>
                    <strong>{dimension.label}</strong>: {dimension.from?.label ?? "not rated"} →{" "}
                    {dimension.to?.label ?? "not rated"}
                  </li>
                ))}
              </ul>
            </div>
          </details>
        </li>
      ) : (
        <li>No ratings changed</li>
      )}
    </ul>
  );
}

function Assessments({ ocgId, generation }: { ocgId: string; generation: number }) {
  const { can } = useSession();
  const history = useAsync(() => api.assessments(ocgId), [ocgId, generation]);
  const models = useScoringModels();
  return (
    <section className="rocu-section" aria-labelledby="assessments-heading">
      <h2 className="govuk-heading-m" id="assessments-heading">
        Assessment history
      </h2>
      {history.error ? <LoadError error={history.error} retry={history.reload} /> : null}
      {!history.data && !history.error ? <Loading what="Loading assessments" /> : null}
      {history.data ? (
        history.data.items.length === 0 ? (
          <p className="govuk-body">
            No assessments yet. Each assessment scores the group under the scoring model in force; final
            assessments are never changed, so the history shows how the picture moved.
          </p>
        ) : (
          <TableWrapper label="Assessment history">
            <table className="govuk-table rocu-table--dense rocu-table--stack">
              <caption className="govuk-table__caption govuk-visually-hidden">
                Assessments, newest first
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Assessed on
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Status
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    Score
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Band
                  </th>
                  <th scope="col" className="govuk-table__header">
                    What changed
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Assessor and model
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {history.data.items.map((item) => (
                  <tr className="govuk-table__row" key={item.id} data-testid="assessment-row">
                    <td data-label="Assessed on" className="govuk-table__cell rocu-nowrap-desktop">
                      {formatDate(item.assessedOn)}
                    </td>
                    <td data-label="Status" className="govuk-table__cell">
                      {item.status === "final" ? (
                        "Final"
                      ) : (
                        <>
                          Draft
                          {can("ocgs.assess") ? (
                            <>
                              {" "}
                              <Link
                                className="govuk-link"
                                to={`${ocgPath(ocgId, "/assess")}?draft=${encodeURIComponent(item.id)}`}
                              >
                                Continue<span className="govuk-visually-hidden"> the draft assessment</span>
                              </Link>
                            </>
                          ) : null}
                        </>
                      )}
                    </td>
                    <td data-label="Score" className="govuk-table__cell govuk-table__cell--numeric">
                      {formatScore(item.score)}
                      {item.missing.length > 0 ? <span className="rocu-muted"> (provisional)</span> : null}
                    </td>
                    <td data-label="Band" className="govuk-table__cell">
                      <BandTag band={item.band} bands={models.bands} />
                    </td>
                    <td data-label="What changed" className="govuk-table__cell">
                      <ChangeSummary item={item} />
                    </td>
                    <td data-label="Assessor and model" className="govuk-table__cell">
                      {item.assessor.name}
                      <br />
                      <span className="rocu-muted">Model version {item.modelVersion}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrapper>
        )
      ) : null}
    </section>
  );
}

function Plan({ ocg, manage, onChanged }: { ocg: Ocg; manage: boolean; onChanged: (text: string) => void }) {
  const overdue = ocg.planActions.filter((action) => action.overdue).length;
  return (
    <section className="rocu-section" aria-labelledby="plan-heading">
      <h2 className="govuk-heading-m" id="plan-heading">
        4P management plan
      </h2>
      <p className="govuk-body">
        {ocg.planActions.length === 0
          ? "No actions yet. Plan the work against the group under Pursue, Prevent, Protect and Prepare."
          : `${formatNumber(ocg.planActions.length)} action${ocg.planActions.length === 1 ? "" : "s"}${
              overdue > 0 ? `, ${formatNumber(overdue)} overdue` : ""
            }.`}
      </p>
      {STRANDS.map((strand) => (
        <StrandActions
          key={strand}
          strand={strand}
          actions={ocg.planActions.filter((action) => action.strand === strand)}
          manage={manage}
          onChanged={onChanged}
        />
      ))}
      {manage && ocg.status !== "archived" ? <AddAction ocg={ocg} onAdded={onChanged} /> : null}
    </section>
  );
}

function StrandActions({
  strand,
  actions,
  manage,
  onChanged,
}: {
  strand: Strand;
  actions: PlanAction[];
  manage: boolean;
  onChanged: (text: string) => void;
}) {
  const headingId = `strand-${strand}`;
  return (
    <div className="rocu-strand" data-testid={`strand-${strand}`}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={headingId}>
        {STRAND_LABELS[strand]}
      </h3>
      <p className="govuk-hint govuk-!-margin-bottom-2">{STRAND_HINTS[strand]}</p>
      {actions.length === 0 ? (
        <p className="govuk-body rocu-muted">No {STRAND_LABELS[strand]} actions.</p>
      ) : (
        <TableWrapper label={`${STRAND_LABELS[strand]} actions`}>
          <table
            className="govuk-table rocu-table--dense rocu-table--stack rocu-plan-table"
            aria-labelledby={headingId}
          >
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Action
                </th>
                <th scope="col" className="govuk-table__header">
                  Owner
                </th>
                <th scope="col" className="govuk-table__header">
                  Due
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
                {manage ? (
                  <th scope="col" className="govuk-table__header">
                    <span className="govuk-visually-hidden">Change status</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {actions.map((action) => (
                <tr
                  className={`govuk-table__row${action.overdue ? " rocu-row--overdue" : ""}`}
                  key={action.id}
                  data-testid="plan-action"
                >
                  <td className="govuk-table__cell">{action.description}</td>
                  <td data-label="Owner" className="govuk-table__cell">
                    {action.owner}
                  </td>
                  <td data-label="Due" className="govuk-table__cell rocu-nowrap-desktop">
                    {formatDate(action.dueOn)}
                  </td>
                  <td data-label="Status" className="govuk-table__cell">
                    <ActionStatusTag status={action.status} overdue={action.overdue} />
                  </td>
                  {manage ? (
                    <td className="govuk-table__cell">
                      <ActionStatusForm action={action} onChanged={onChanged} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrapper>
      )}
    </div>
  );
}

function ActionStatusForm({ action, onChanged }: { action: PlanAction; onChanged: (text: string) => void }) {
  const [status, setStatus] = useState<string>(action.status);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const id = `action-status-${action.id}`;
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (status === action.status) return;
    setBusy(true);
    try {
      await api.updatePlanAction(action.id, { status: status as PlanActionStatus });
      onChanged(`The action is now ${ACTION_STATUS_LABELS[status as PlanActionStatus].toLowerCase()}.`);
    } catch (failure) {
      setError(formErrorsFrom(failure).description);
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="rocu-inline-form" noValidate>
      <Select
        id={id}
        label={<span className="govuk-visually-hidden">New status of “{action.description}”</span>}
        value={status}
        onChange={setStatus}
        options={PLAN_ACTION_STATUSES.map((value) => ({ value, label: ACTION_STATUS_LABELS[value] }))}
        error={error}
      />
      <button
        type="submit"
        className="govuk-button govuk-button--secondary rocu-button--small"
        disabled={busy}
      >
        Update<span className="govuk-visually-hidden"> the status of “{action.description}”</span>
      </button>
    </form>
  );
}

function AddAction({ ocg, onAdded }: { ocg: Ocg; onAdded: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ strand: "", description: "", owner: "", dueOn: "" });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const strandId = firstChoiceId("action-strand", STRANDS);
  useEffect(() => {
    if (open) document.getElementById("add-action-heading")?.focus();
  }, [open]);
  const ids = {
    strand: strandId,
    description: "action-description",
    owner: "action-owner",
    dueOn: "action-due",
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (values.strand === "") fields[ids.strand] = "Choose Pursue, Prevent, Protect or Prepare";
    if (values.description.trim() === "") fields[ids.description] = "Describe the action";
    if (values.owner.trim() === "") fields[ids.owner] = "Enter who owns the action (a name or a unit)";
    if (values.dueOn === "") fields[ids.dueOn] = "Enter the due date";
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      return;
    }
    setBusy(true);
    try {
      await api.addPlanAction(ocg.id, {
        strand: values.strand as Strand,
        description: values.description.trim(),
        owner: values.owner.trim(),
        dueOn: values.dueOn,
      });
      setValues({ strand: "", description: "", owner: "", dueOn: "" });
      setErrors(noErrors);
      setOpen(false);
      onAdded(`The ${STRAND_LABELS[values.strand as Strand]} action has been added to the plan.`);
    } catch (error) {
      setErrors(formErrorsFrom(error, ids));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setOpen(true)}>
        Add an action to the plan
      </button>
    );
  }
  return (
    <section className="rocu-panel" aria-labelledby="add-action-heading">
      <h3 className="govuk-heading-s" id="add-action-heading" tabIndex={-1}>
        Add an action to the plan of {ocg.reference}
      </h3>
      <FormErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate aria-labelledby="add-action-heading">
        <Radios
          idPrefix="action-strand"
          legend="Strand"
          options={STRANDS.map((strand) => ({
            value: strand,
            label: STRAND_LABELS[strand],
            hint: STRAND_HINTS[strand],
          }))}
          value={values.strand}
          onChange={(strand) => setValues({ ...values, strand })}
          error={errors.fields[ids.strand]}
          small
        />
        <Textarea
          id={ids.description}
          label="Action"
          value={values.description}
          onChange={(description) => setValues({ ...values, description })}
          error={errors.fields[ids.description]}
        />
        <TextInput
          id={ids.owner}
          label="Owner"
          hint="A name or a unit"
          value={values.owner}
          onChange={(owner) => setValues({ ...values, owner })}
          error={errors.fields[ids.owner]}
          width="20"
        />
        <TextInput
          id={ids.dueOn}
          label="Due date"
          type="date"
          value={values.dueOn}
          onChange={(dueOn) => setValues({ ...values, dueOn })}
          error={errors.fields[ids.dueOn]}
          width="10"
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" disabled={busy}>
            Add action
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => setOpen(false)}
          >
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function Timeline({ ocgId, generation }: { ocgId: string; generation: number }) {
  const timeline = useAsync(() => api.ocgTimeline(ocgId), [ocgId, generation]);
  return (
    <section className="rocu-section" aria-labelledby="timeline-heading">
      <h2 className="govuk-heading-m" id="timeline-heading">
        Timeline
      </h2>
      {timeline.error ? <LoadError error={timeline.error} retry={timeline.reload} /> : null}
      {!timeline.data && !timeline.error ? <Loading what="Loading the timeline" /> : null}
      {timeline.data ? (
        timeline.data.items.length === 0 ? (
          <p className="govuk-body">Nothing has happened yet.</p>
        ) : (
          <ol className="rocu-timeline" data-testid="timeline" aria-label="What happened, newest first">
            {timeline.data.items.map((item, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: entries have no id; the list is only ever replaced.
              <li className="rocu-timeline__item" key={`${item.at}-${index}`}>
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{item.title}</h3>
                <p className="govuk-body-s rocu-muted govuk-!-margin-bottom-1">
                  <time dateTime={item.at}>{formatDateTime(item.at)}</time>
                  {item.actor ? ` by ${item.actor}` : ""}
                </p>
                {item.detail ? <p className="govuk-body govuk-!-margin-bottom-0">{item.detail}</p> : null}
              </li>
            ))}
          </ol>
        )
      ) : null}
    </section>
  );
}
