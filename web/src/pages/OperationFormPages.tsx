import { useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { ApiError, api } from "../api.ts";
import { Breadcrumbs, LoadError, Loading } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { emptyOperationValues, OperationForm, operationValuesOf } from "../components/OperationFields.tsx";
import { operationPath } from "../components/operation.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";

const CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/organised-crime", text: "Organised crime" },
  { to: "/organised-crime/operations", text: "Operations" },
];

export function OperationCreatePage() {
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Record an operation`, "Organised crime");
  const { me } = useSession();
  const navigate = useNavigate();
  // Coming from an OCG's page, that group is the first target.
  const [params] = useSearchParams();
  const ocgId = params.get("ocgId") ?? "";
  const target = useAsync(() => (ocgId ? api.ocg(ocgId) : Promise.resolve(undefined)), [ocgId]);
  return (
    <>
      <PursueNav />
      <Breadcrumbs items={CRUMBS} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {target.loading ? (
            <Loading what="Loading the target group" />
          ) : (
            <OperationForm
              heading={
                <>
                  <span className="govuk-caption-l">Organised crime</span>
                  <h1 className="govuk-heading-l">Record an operation</h1>
                  <p className="govuk-body">
                    A new operation starts as proposed. Activate it from its page when the work begins.
                  </p>
                </>
              }
              me={me}
              initial={emptyOperationValues(me, target.data)}
              submitText="Record the operation"
              cancelTo="/organised-crime/operations"
              onErrors={setErrorsShown}
              onSubmit={async (body) => {
                const created = await api.createOperation(body);
                navigate(operationPath(created.id), {
                  state: { message: `Operation ${created.codeName} has been recorded.` },
                });
              }}
            />
          )}
        </div>
      </div>
    </>
  );
}

export function OperationEditPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const navigate = useNavigate();
  const operation = useAsync(() => api.operation(id), [id]);
  const record = operation.data;
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(
    `${errorsShown ? "Error: " : ""}${record ? `Change Operation ${record.codeName}` : "Change an operation"}`,
    "Organised crime",
  );
  useClassification(highestMarking([record?.classification]));
  if (operation.error instanceof ApiError && operation.error.status === 404) return <NotFoundPage />;
  const crumbs = record
    ? [...CRUMBS, { to: operationPath(record.id), text: `Operation ${record.codeName}` }]
    : CRUMBS;
  return (
    <>
      <PursueNav />
      <Breadcrumbs items={crumbs} />
      {operation.error ? <LoadError error={operation.error} retry={operation.reload} /> : null}
      {!record && !operation.error ? <Loading what="Loading the operation" /> : null}
      {record ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <OperationForm
              heading={
                <>
                  <span className="govuk-caption-l">Operation {record.codeName}</span>
                  <h1 className="govuk-heading-l">Change the details of Operation {record.codeName}</h1>
                </>
              }
              me={me}
              initial={operationValuesOf(record)}
              currentSio={record.sio}
              submitText="Save changes"
              cancelTo={operationPath(record.id)}
              onErrors={setErrorsShown}
              onSubmit={async (body) => {
                await api.updateOperation(record.id, body);
                navigate(operationPath(record.id), { state: { message: "The changes have been saved." } });
              }}
            />
          </div>
        </div>
      ) : null}
    </>
  );
}
