import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { ApiError, api } from "../api.ts";
import { Breadcrumbs, LoadError, Loading } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { emptyOcgValues, OcgForm, ocgValuesOf } from "../components/OcgFields.tsx";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";

const AREA_CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/organised-crime", text: "Organised crime" },
];

export function ocgPath(id: string, rest = ""): string {
  return `/organised-crime/ocgs/${encodeURIComponent(id)}${rest}`;
}

export function OcgCreatePage() {
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Record an OCG`, "Organised crime");
  const { me } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <Breadcrumbs items={AREA_CRUMBS} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <OcgForm
            heading={
              <>
                <h1 className="govuk-heading-l">Record an organised crime group</h1>
                <p className="govuk-body">
                  The group gets a reference from its lead force’s region, such as WM-OCG-0042, which is never
                  reused.
                </p>
              </>
            }
            me={me}
            initial={emptyOcgValues(me)}
            submitText="Record the OCG"
            cancelTo="/organised-crime"
            onErrors={setErrorsShown}
            onSubmit={async (body) => {
              const created = await api.createOcg(body);
              navigate(ocgPath(created.id), {
                state: { message: `${created.reference} has been recorded.` },
              });
            }}
          />
        </div>
      </div>
    </>
  );
}

export function OcgEditPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const navigate = useNavigate();
  const ocg = useAsync(() => api.ocg(id), [id]);
  const record = ocg.data;
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(
    `${errorsShown ? "Error: " : ""}${record ? `Change ${record.reference}` : "Change an OCG"}`,
    "Organised crime",
  );
  useClassification(highestMarking([record?.classification]));
  if (ocg.error instanceof ApiError && ocg.error.status === 404) return <NotFoundPage />;
  const crumbs = record ? [...AREA_CRUMBS, { to: ocgPath(record.id), text: record.reference }] : AREA_CRUMBS;
  return (
    <>
      <Breadcrumbs items={crumbs} />
      {ocg.error ? <LoadError error={ocg.error} retry={ocg.reload} /> : null}
      {!record && !ocg.error ? <Loading what="Loading the OCG" /> : null}
      {record ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <OcgForm
              heading={
                <>
                  <span className="govuk-caption-l">{record.reference}</span>
                  <h1 className="govuk-heading-l">Change the details of {record.name}</h1>
                </>
              }
              me={me}
              initial={ocgValuesOf(record)}
              submitText="Save changes"
              cancelTo={ocgPath(record.id)}
              onErrors={setErrorsShown}
              onSubmit={async (body) => {
                await api.updateOcg(record.id, body);
                navigate(ocgPath(record.id), { state: { message: "The changes have been saved." } });
              }}
            />
          </div>
        </div>
      ) : null}
    </>
  );
}
