import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { ApiError, fundingApi } from "../api.ts";
import { emptyStreamValues, StreamForm, streamValuesOf } from "../components/FundingStreamFields.tsx";
import { FundingNav, mayManageFunding, streamPath } from "../components/funding.tsx";
import { Breadcrumbs, LoadError, Loading } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { ForbiddenPage, NotFoundPage } from "./ErrorPages.tsx";
import { STREAM_CRUMBS } from "./FundingStreamDetailPage.tsx";

export function FundingStreamCreatePage() {
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Record a funding stream`, "Funding");
  const { me } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <FundingNav />
      <Breadcrumbs items={STREAM_CRUMBS} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <StreamForm
            heading={
              <>
                <span className="govuk-caption-l">Funding</span>
                <h1 className="govuk-heading-l">Record a funding stream</h1>
              </>
            }
            initial={emptyStreamValues(me)}
            submitText="Record the funding stream"
            cancelTo="/funding/streams"
            onErrors={setErrorsShown}
            onSubmit={async (body) => {
              const created = await fundingApi.createStream(body);
              navigate(streamPath(created.id), { state: { message: `${created.name} has been recorded.` } });
            }}
          />
        </div>
      </div>
    </>
  );
}

export function FundingStreamEditPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const navigate = useNavigate();
  const stream = useAsync(() => fundingApi.stream(id), [id]);
  const record = stream.data;
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(
    `${errorsShown ? "Error: " : ""}${record ? `Change ${record.name}` : "Change a funding stream"}`,
    "Funding",
  );
  useClassification(highestMarking([record?.classification]));
  if (stream.error instanceof ApiError && stream.error.status === 404) return <NotFoundPage />;
  // Finance users of another region may read the stream but not change it.
  if (record && !mayManageFunding(me, record)) return <ForbiddenPage />;
  const crumbs = record
    ? [...STREAM_CRUMBS, { to: streamPath(record.id), text: record.name }]
    : STREAM_CRUMBS;
  return (
    <>
      <FundingNav />
      <Breadcrumbs items={crumbs} />
      {stream.error ? <LoadError error={stream.error} retry={stream.reload} /> : null}
      {!record && !stream.error ? <Loading what="Loading the funding stream" /> : null}
      {record ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <StreamForm
              heading={
                <>
                  <span className="govuk-caption-l">{record.name}</span>
                  <h1 className="govuk-heading-l">Change the funding stream</h1>
                  <p className="govuk-body">The amounts you save replace every year’s amounts.</p>
                </>
              }
              initial={streamValuesOf(record)}
              submitText="Save changes"
              cancelTo={streamPath(record.id)}
              onErrors={setErrorsShown}
              onSubmit={async (body) => {
                await fundingApi.updateStream(record.id, body);
                navigate(streamPath(record.id), { state: { message: "The changes have been saved." } });
              }}
            />
          </div>
        </div>
      ) : null}
    </>
  );
}
