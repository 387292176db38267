import { useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError, api } from "../api.ts";
import { claimValuesOf, DisruptionForm, emptyClaimValues } from "../components/DisruptionForm.tsx";
import { disruptionPath } from "../components/disruption.tsx";
import { Breadcrumbs, LoadError, Loading } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { useAsync, useTitle } from "../hooks.ts";
import { NotFoundPage } from "./ErrorPages.tsx";

const CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/organised-crime", text: "Organised crime" },
  { to: "/organised-crime/disruptions", text: "Disruptions" },
];

export function DisruptionCreatePage() {
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Claim a disruption`, "Organised crime");
  const navigate = useNavigate();
  // From an OCG's or an operation's page, the link names them.
  const [params] = useSearchParams();
  const ocgId = params.get("ocgId") ?? "";
  const operationId = params.get("operationId") ?? "";
  return (
    <>
      <PursueNav />
      <Breadcrumbs items={CRUMBS} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <DisruptionForm
            heading={
              <>
                <span className="govuk-caption-l">Organised crime</span>
                <h1 className="govuk-heading-l">Claim a disruption</h1>
                <p className="govuk-body">
                  The claim is saved as a draft. Submit it from its page when it is ready: the region’s next
                  moderation panel then confirms or changes its grade.
                </p>
              </>
            }
            initial={emptyClaimValues({ ocgId, operationId })}
            submitText="Save as draft"
            cancelTo="/organised-crime/disruptions"
            onErrors={setErrorsShown}
            onSubmit={async (body) => {
              const created = await api.claimDisruption(body);
              navigate(disruptionPath(created.id), {
                state: {
                  message: `${created.reference} has been saved as a draft. Submit it when it is ready for the panel.`,
                },
              });
            }}
          />
        </div>
      </div>
    </>
  );
}

export function DisruptionEditPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const claim = useAsync(() => api.disruption(id), [id]);
  const record = claim.data;
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(
    `${errorsShown ? "Error: " : ""}${record ? `Change ${record.reference}` : "Change a disruption claim"}`,
    "Organised crime",
  );
  useClassification(highestMarking([record?.classification]));
  if (claim.error instanceof ApiError && claim.error.status === 404) return <NotFoundPage />;
  const crumbs = record ? [...CRUMBS, { to: disruptionPath(record.id), text: record.reference }] : CRUMBS;
  return (
    <>
      <PursueNav />
      <Breadcrumbs items={crumbs} />
      {claim.error ? <LoadError error={claim.error} retry={claim.reload} /> : null}
      {!record && !claim.error ? <Loading what="Loading the claim" /> : null}
      {record && !record.allowedActions.includes("edit") ? (
        <>
          <h1 className="govuk-heading-l">{record.reference} cannot be changed</h1>
          <p className="govuk-body">
            Only the force or unit that made a claim changes it, and only while it is a draft or after a panel
            returned it for more information.
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={disruptionPath(record.id)}>
              Back to {record.reference}
            </Link>
          </p>
        </>
      ) : null}
      {record?.allowedActions.includes("edit") ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <DisruptionForm
              heading={
                <>
                  <span className="govuk-caption-l">{record.reference}</span>
                  <h1 className="govuk-heading-l">Change the claim {record.reference}</h1>
                  {record.status === "returned" && record.decisionReason ? (
                    <div className="govuk-inset-text">
                      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
                        The panel asked for more information:
                      </p>
                      <p className="govuk-body rocu-pre-line">{record.decisionReason}</p>
                    </div>
                  ) : null}
                </>
              }
              initial={claimValuesOf(record)}
              submitText="Save changes"
              cancelTo={disruptionPath(record.id)}
              onErrors={setErrorsShown}
              onSubmit={async (body) => {
                await api.updateDisruption(record.id, body);
                navigate(disruptionPath(record.id), { state: { message: "The changes have been saved." } });
              }}
            />
          </div>
        </div>
      ) : null}
    </>
  );
}
