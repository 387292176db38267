import { type ReactNode, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, api, messageOf, type Outcome } from "../api.ts";
import {
  Breadcrumbs,
  ConfirmPanel,
  ErrorSummary,
  LoadError,
  Loading,
  SuccessBanner,
  SummaryList,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { operationPath } from "../components/operation.tsx";
import {
  COMMODITY_LABELS,
  formatQuantity,
  GROUP_LABELS,
  KIND_LABELS,
  mayChange,
  outcomePath,
  outcomeTitle,
} from "../components/outcome.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatDate, formatDateTime, plural } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";
import { ocgPath } from "./OcgFormPages.tsx";

const CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/organised-crime", text: "Organised crime" },
  { to: "/organised-crime/outcomes", text: "Outcomes" },
];

export function OutcomeDetailPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { me } = useSession();
  const outcome = useAsync(() => api.outcome(id), [id]);
  const message = useArrivalMessage();
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const record = outcome.data;
  useTitle(record ? outcomeTitle(record) : "Outcome", "Organised crime");
  useClassification(highestMarking([record?.classification]));

  if (outcome.error instanceof ApiError && outcome.error.status === 404) return <NotFoundPage />;
  if (!record) {
    return (
      <>
        <PursueNav />
        <Breadcrumbs items={CRUMBS} />
        {outcome.error ? (
          <LoadError error={outcome.error} retry={outcome.reload} />
        ) : (
          <Loading what="Loading the outcome" />
        )}
      </>
    );
  }

  async function remove(target: Outcome) {
    setDeleting(true);
    try {
      await api.deleteOutcome(target.id);
      navigate("/organised-crime/outcomes", {
        state: { message: `${outcomeTitle(target)} has been deleted.` },
      });
    } catch (error) {
      setDeleteError(messageOf(error));
      setDeleting(false);
    }
  }

  const change = mayChange(me, record);
  return (
    <>
      <PursueNav />
      <Breadcrumbs items={CRUMBS} />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      {deleteError ? <ErrorSummary errors={[]} description={deleteError} /> : null}
      <span className="govuk-caption-l">
        {KIND_LABELS[record.kind]}, {formatDate(record.occurredOn)}
      </span>
      <h1 className="govuk-heading-l">{outcomeTitle(record)}</h1>
      {change && !confirming ? (
        <div className="govuk-button-group">
          <Link className="govuk-button govuk-button--secondary" to={outcomePath(record.id, "/edit")}>
            Correct this outcome
          </Link>
          <button
            type="button"
            className="govuk-button govuk-button--warning"
            onClick={() => setConfirming(true)}
          >
            Delete this outcome
          </button>
        </div>
      ) : null}
      {confirming ? (
        <ConfirmPanel
          heading={`Delete ${outcomeTitle(record).toLowerCase()} of ${formatDate(record.occurredOn)}?`}
          confirmText="Yes, delete it"
          busy={deleting}
          onConfirm={() => remove(record)}
          onCancel={() => setConfirming(false)}
        >
          <p className="govuk-body">
            Delete an outcome only when it was recorded by mistake. It will no longer count in any total; the
            audit log keeps what it held.
          </p>
        </ConfirmPanel>
      ) : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList rows={factsOf(record)} />
        </div>
      </div>
    </>
  );
}

function factsOf(outcome: Outcome) {
  const rows: { key: string; value: ReactNode }[] = [{ key: "Kind", value: KIND_LABELS[outcome.kind] }];
  if (outcome.kind === "conviction") {
    rows.push({ key: "Offence", value: outcome.offence });
    rows.push({
      key: "Sentence",
      value:
        outcome.sentenceMonths === null
          ? "Not recorded"
          : `${plural(outcome.sentenceMonths, "month")} (${(outcome.sentenceMonths / 12).toFixed(1)} years)`,
    });
  }
  if (outcome.commodity) rows.push({ key: "Seized", value: COMMODITY_LABELS[outcome.commodity] });
  if (outcome.safeguardedGroup)
    rows.push({ key: "Safeguarded", value: GROUP_LABELS[outcome.safeguardedGroup] });
  if (outcome.kind !== "conviction")
    rows.push({ key: outcome.unit === "pounds" ? "Amount" : "Quantity", value: formatQuantity(outcome) });
  if (outcome.court) rows.push({ key: "Court", value: outcome.court });
  rows.push(
    {
      key:
        outcome.kind === "confiscation-order" || outcome.kind === "restraint-order"
          ? "Date of the order"
          : "Date",
      value: formatDate(outcome.occurredOn),
    },
    {
      key: "Operation",
      value: outcome.operation ? (
        <Link className="govuk-link" to={operationPath(outcome.operation.id)}>
          Operation {outcome.operation.codeName}
        </Link>
      ) : (
        "Not visible to you"
      ),
    },
    {
      key: "OCG",
      value: outcome.ocg ? (
        <Link className="govuk-link" to={ocgPath(outcome.ocg.id)}>
          {outcome.ocg.reference} {outcome.ocg.name}
        </Link>
      ) : (
        "Not visible to you"
      ),
    },
    {
      key: "Disruption",
      value: outcome.disruption
        ? outcome.disruption.reference
        : outcome.disruptionId
          ? "Not visible to you"
          : "None",
    },
    { key: "Force credited", value: outcome.force.name },
    { key: "Classification", value: outcome.classification },
    { key: "Notes", value: outcome.notes || "None" },
    { key: "Recorded", value: formatDateTime(outcome.createdAt) },
    { key: "Last changed", value: formatDateTime(outcome.updatedAt) },
  );
  return rows;
}
