import { useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError, api } from "../api.ts";
import { Breadcrumbs, LoadError, Loading } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { emptyOutcomeValues, OutcomeForm, outcomeValuesOf } from "../components/OutcomeForm.tsx";
import { KIND_LABELS, mayChange, outcomePath, outcomeTitle } from "../components/outcome.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { formatDate } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { ForbiddenPage, NotFoundPage } from "./ErrorPages.tsx";

const CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/organised-crime", text: "Organised crime" },
  { to: "/organised-crime/outcomes", text: "Outcomes" },
];

export function OutcomeCreatePage() {
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Record an outcome`, "Organised crime");
  const { me } = useSession();
  const navigate = useNavigate();
  // From an operation's or an OCG's page, the link names them.
  const [params] = useSearchParams();
  const operationId = params.get("operationId") ?? "";
  const ocgId = params.get("ocgId") ?? "";
  return (
    <>
      <PursueNav />
      <Breadcrumbs items={CRUMBS} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <OutcomeForm
            heading={
              <>
                <span className="govuk-caption-l">Organised crime</span>
                <h1 className="govuk-heading-l">Record an outcome</h1>
                <p className="govuk-body">
                  Record each result of an operation against one of its target groups. Convictions are
                  recorded one person at a time; totals add them up.
                </p>
              </>
            }
            me={me}
            initial={emptyOutcomeValues({ operationId, ocgId })}
            {...(ocgId && !operationId ? { onlyOperationsAgainst: ocgId } : {})}
            submitText="Record the outcome"
            cancelTo="/organised-crime/outcomes"
            onErrors={setErrorsShown}
            onSubmit={async (body) => {
              const created = await api.recordOutcome(body);
              navigate(outcomePath(created.id), {
                state: { message: `${outcomeTitle(created)} has been recorded.` },
              });
            }}
          />
        </div>
      </div>
    </>
  );
}

export function OutcomeEditPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const navigate = useNavigate();
  const outcome = useAsync(() => api.outcome(id), [id]);
  const record = outcome.data;
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Correct an outcome`, "Organised crime");
  useClassification(highestMarking([record?.classification]));
  if (outcome.error instanceof ApiError && outcome.error.status === 404) return <NotFoundPage />;
  if (record && !mayChange(me, record)) return <ForbiddenPage />;
  const crumbs = record ? [...CRUMBS, { to: outcomePath(record.id), text: outcomeTitle(record) }] : CRUMBS;
  return (
    <>
      <PursueNav />
      <Breadcrumbs items={crumbs} />
      {outcome.error ? <LoadError error={outcome.error} retry={outcome.reload} /> : null}
      {!record && !outcome.error ? <Loading what="Loading the outcome" /> : null}
      {record ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <OutcomeForm
              heading={
                <>
                  <span className="govuk-caption-l">
                    {KIND_LABELS[record.kind]}, {formatDate(record.occurredOn)}
                  </span>
                  <h1 className="govuk-heading-l">Correct this outcome</h1>
                  <p className="govuk-body">
                    The kind of outcome stays as recorded. If it is wrong, delete this entry and record it
                    again.
                  </p>
                </>
              }
              me={me}
              initial={outcomeValuesOf(record)}
              editing
              submitText="Save changes"
              cancelTo={outcomePath(record.id)}
              onErrors={setErrorsShown}
              onSubmit={async ({ kind: _kind, ...changes }) => {
                await api.updateOutcome(record.id, changes);
                navigate(outcomePath(record.id), { state: { message: "The changes have been saved." } });
              }}
            />
          </div>
        </div>
      ) : null}
    </>
  );
}
