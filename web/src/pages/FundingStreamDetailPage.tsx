import { useState } from "react";
import { Link, useParams } from "react-router";
import { formatPence } from "#src/lib/money.ts";
import { ApiError, type FundingStream, fundingApi } from "../api.ts";
import { categoryLabel, FundingNav, mayManageFunding, streamPath } from "../components/funding.tsx";
import { Breadcrumbs, LoadError, Loading, SuccessBanner, SummaryList } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { formatDateTime } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";

export const STREAM_CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/funding", text: "Funding" },
  { to: "/funding/streams", text: "Funding streams" },
];

export function FundingStreamDetailPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const stream = useAsync(() => fundingApi.stream(id), [id]);
  const [message] = useState<string | null>(useArrivalMessage());
  const record = stream.data;
  useTitle(record ? record.name : "Funding stream", "Funding");
  useClassification(highestMarking([record?.classification]));

  if (stream.error instanceof ApiError && stream.error.status === 404) return <NotFoundPage />;
  if (!record) {
    return (
      <>
        <FundingNav />
        <Breadcrumbs items={STREAM_CRUMBS} />
        {stream.error ? (
          <LoadError error={stream.error} retry={stream.reload} />
        ) : (
          <Loading what="Loading the funding stream" />
        )}
      </>
    );
  }

  return (
    <>
      <FundingNav />
      <Breadcrumbs items={STREAM_CRUMBS} />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      <span className="govuk-caption-l">Funding stream</span>
      <h1 className="govuk-heading-l">{record.name}</h1>
      <div className="govuk-button-group">
        <Link className="govuk-button" to={streamPath(record.id, "/monitoring")}>
          Spend monitoring
        </Link>
        {mayManageFunding(me, record) ? (
          <Link className="govuk-button govuk-button--secondary" to={streamPath(record.id, "/edit")}>
            Change details<span className="govuk-visually-hidden"> of {record.name}</span>
          </Link>
        ) : null}
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <KeyFacts stream={record} />
        </div>
      </div>
    </>
  );
}

function KeyFacts({ stream }: { stream: FundingStream }) {
  const match = stream.matchFunding;
  return (
    <SummaryList
      rows={[
        { key: "Source", value: stream.sourceName },
        { key: "Recipient", value: stream.recipient.name },
        { key: "Decision reference", value: stream.decisionReference || "None recorded" },
        {
          key: "Amounts",
          value: (
            <ul className="govuk-list govuk-!-margin-bottom-0 rocu-money" data-testid="stream-amounts">
              {stream.amounts.map((amount) => (
                <li key={amount.financialYear}>
                  {amount.financialYear}: {formatPence(amount.amountPence)}
                </li>
              ))}
            </ul>
          ),
        },
        {
          key: "Total",
          value: (
            <strong className="rocu-money" data-testid="stream-total">
              {formatPence(stream.totalPence)}
            </strong>
          ),
        },
        {
          key: "Allowed cost categories",
          value:
            stream.allowedCategories.length === 0
              ? "Any: the funder sets no limit"
              : stream.allowedCategories.map(categoryLabel).join(", "),
        },
        {
          key: "Match funding",
          value: match
            ? `${match.share} of ${categoryLabel(match.category).toLowerCase()} costs: ${match.condition}`
            : "None",
        },
        { key: "Carries over", value: stream.carriesOver ? "Yes" : "No: unspent money is not carried over" },
        ...(stream.notes
          ? [{ key: "Notes", value: <span className="rocu-pre-line">{stream.notes}</span> }]
          : []),
        { key: "Classification", value: stream.classification },
        { key: "Recorded", value: formatDateTime(stream.createdAt) },
        { key: "Last updated", value: formatDateTime(stream.updatedAt) },
      ]}
    />
  );
}
