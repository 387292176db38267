import { type FormEvent, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, api, type Operation, type OperationStatus } from "../api.ts";
import {
  Breadcrumbs,
  FormErrorSummary,
  type FormErrors,
  formErrorsFrom,
  LoadError,
  Loading,
  noErrors,
  SuccessBanner,
  SummaryList,
  Textarea,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { OperationFollowUps } from "../components/OperationFollowUps.tsx";
import { LEVEL_LABELS } from "../components/ocg.tsx";
import {
  mayManage,
  OPERATION_STATUS_LABELS,
  OperationStatusTag,
  operationPath,
  STATUS_ACTIONS,
} from "../components/operation.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatDate, formatDateTime } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";
import { ocgPath } from "./OcgFormPages.tsx";

const CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/organised-crime", text: "Organised crime" },
  { to: "/organised-crime/operations", text: "Operations" },
];

/** What each status change means, said on its confirmation. */
const STATUS_HINTS: Record<OperationStatus, string> = {
  proposed: "",
  active: "The operation is under way. Its start date is set to today unless one is recorded.",
  suspended: "Work is paused; the operation can be resumed or closed later.",
  closed:
    "Closing is final: the operation cannot be reopened. Its end date is set to today unless one is recorded.",
};

export function OperationDetailPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const operation = useAsync(() => api.operation(id), [id]);
  const [message, setMessage] = useState<string | null>(useArrivalMessage());
  const [changingTo, setChangingTo] = useState<OperationStatus | null>(null);
  const record = operation.data;
  useTitle(record ? `Operation ${record.codeName}` : "Operation", "Organised crime");
  useClassification(highestMarking([record?.classification]));

  if (operation.error instanceof ApiError && operation.error.status === 404) return <NotFoundPage />;
  if (!record) {
    return (
      <>
        <PursueNav />
        <Breadcrumbs items={CRUMBS} />
        {operation.error ? (
          <LoadError error={operation.error} retry={operation.reload} />
        ) : (
          <Loading what="Loading the operation" />
        )}
      </>
    );
  }

  const manage = mayManage(me, record);

  return (
    <>
      <PursueNav />
      <Breadcrumbs items={CRUMBS} />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      <span className="govuk-caption-l">Operation</span>
      <h1 className="govuk-heading-l rocu-title-with-tag">
        {record.codeName} <OperationStatusTag status={record.status} />
      </h1>

      {manage && !changingTo ? (
        <div className="govuk-button-group">
          {record.nextStatuses.map((next) => (
            <button
              key={next}
              type="button"
              className={`govuk-button${next === "active" ? "" : " govuk-button--secondary"}`}
              onClick={() => setChangingTo(next)}
            >
              {STATUS_ACTIONS[next]}
              <span className="govuk-visually-hidden"> Operation {record.codeName}</span>
            </button>
          ))}
          <Link className="govuk-button govuk-button--secondary" to={operationPath(record.id, "/edit")}>
            Change details<span className="govuk-visually-hidden"> of Operation {record.codeName}</span>
          </Link>
        </div>
      ) : null}
      {changingTo ? (
        <ChangeStatus
          operation={record}
          to={changingTo}
          onCancel={() => setChangingTo(null)}
          onDone={(updated) => {
            operation.setData(updated);
            setChangingTo(null);
            setMessage(
              `Operation ${updated.codeName} is now ${OPERATION_STATUS_LABELS[updated.status].toLowerCase()}.`,
            );
          }}
        />
      ) : null}

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <KeyFacts operation={record} />
          <Targets operation={record} />
          <OperationFollowUps operation={record} />
        </div>
      </div>
    </>
  );
}

function KeyFacts({ operation }: { operation: Operation }) {
  return (
    <SummaryList
      rows={[
        { key: "Code name", value: operation.codeName },
        { key: "Status", value: <OperationStatusTag status={operation.status} /> },
        ...(operation.resultSummary ? [{ key: "Result summary", value: operation.resultSummary }] : []),
        { key: "Lead", value: operation.leadOrganisation.name },
        { key: "Host force", value: operation.hostForce.name },
        { key: "Level of activity", value: LEVEL_LABELS[operation.level] },
        { key: "Senior Investigating Officer", value: operation.sio?.name ?? "Not appointed" },
        { key: "Started", value: formatDate(operation.startedOn, "Not started") },
        { key: "Ended", value: formatDate(operation.endedOn, "Not ended") },
        { key: "Classification", value: operation.classification },
        { key: "Recorded", value: formatDateTime(operation.createdAt) },
        { key: "Last updated", value: formatDateTime(operation.updatedAt) },
      ]}
    />
  );
}

function Targets({ operation }: { operation: Operation }) {
  return (
    <section className="rocu-section" aria-labelledby="targets-heading">
      <h2 className="govuk-heading-m" id="targets-heading">
        Target OCGs
      </h2>
      {operation.targets.length === 0 ? (
        <p className="govuk-body">The groups this operation targets are not visible to you.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet" data-testid="operation-targets">
          {operation.targets.map((target) => (
            <li key={target.id}>
              <Link className="govuk-link" to={ocgPath(target.id)}>
                {target.reference}
              </Link>{" "}
              {target.name}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Confirms one status change, naming the operation; closing asks for the result summary. */
function ChangeStatus({
  operation,
  to,
  onCancel,
  onDone,
}: {
  operation: Operation;
  to: OperationStatus;
  onCancel: () => void;
  onDone: (operation: Operation) => void;
}) {
  const [summary, setSummary] = useState("");
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const closing = to === "closed";
  const action = `${STATUS_ACTIONS[to]} Operation ${operation.codeName}`;
  useEffect(() => {
    document.getElementById("status-heading")?.focus();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (closing && summary.trim() === "") {
      setErrors({ fields: { resultSummary: "Give a summary of the operation's results" } });
      return;
    }
    setBusy(true);
    try {
      onDone(
        await api.changeOperationStatus(operation.id, {
          status: to,
          ...(closing ? { resultSummary: summary.trim() } : {}),
        }),
      );
    } catch (error) {
      setErrors(formErrorsFrom(error));
      setBusy(false);
    }
  }

  return (
    <section className="rocu-confirm" aria-labelledby="status-heading">
      <h2 className="govuk-heading-m" id="status-heading" tabIndex={-1}>
        {action}?
      </h2>
      <FormErrorSummary errors={errors} />
      <p className="govuk-body">{STATUS_HINTS[to]}</p>
      <form onSubmit={submit} noValidate aria-labelledby="status-heading">
        {closing ? (
          <Textarea
            id="resultSummary"
            label="Result summary"
            hint="What the operation achieved: arrests, charges, seizures, safeguarding, disruption"
            value={summary}
            onChange={setSummary}
            error={errors.fields.resultSummary}
            rows={4}
          />
        ) : null}
        <div className="govuk-button-group">
          <button
            type="submit"
            className={`govuk-button${closing ? " govuk-button--warning" : ""}`}
            disabled={busy}
          >
            {`Yes, ${action.charAt(0).toLowerCase()}${action.slice(1)}`}
          </button>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
