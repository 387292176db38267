import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, postsApi } from "../api.ts";
import { FundingNav, formulaPath, mayManageFunding, postPath, streamPath } from "../components/funding.tsx";
import {
  Breadcrumbs,
  LoadError,
  Loading,
  SuccessBanner,
  SummaryList,
  TableWrapper,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { formatDateTime } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";
import { postDates } from "./PostListPage.tsx";

export const POST_CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/funding", text: "Funding" },
  { to: "/funding/posts", text: "Staff posts" },
];

export function PostDetailPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const post = useAsync(() => postsApi.post(id), [id]);
  const [message] = useState<string | null>(useArrivalMessage());
  const record = post.data;
  useTitle(record ? record.roleTitle : "Staff post", "Funding");
  useClassification(highestMarking([record?.classification]));

  if (post.error instanceof ApiError && post.error.status === 404) return <NotFoundPage />;
  if (!record) {
    return (
      <>
        <FundingNav />
        <Breadcrumbs items={POST_CRUMBS} />
        {post.error ? (
          <LoadError error={post.error} retry={post.reload} />
        ) : (
          <Loading what="Loading the post" />
        )}
      </>
    );
  }

  return (
    <>
      <FundingNav />
      <Breadcrumbs items={POST_CRUMBS} />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      <span className="govuk-caption-l">Staff post, {record.organisation.name}</span>
      <h1 className="govuk-heading-l">{record.roleTitle}</h1>
      {mayManageFunding(me, record) ? (
        <div className="govuk-button-group">
          <Link className="govuk-button govuk-button--secondary" to={postPath(record.id, "/edit")}>
            Change details<span className="govuk-visually-hidden"> of {record.roleTitle}</span>
          </Link>
        </div>
      ) : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              { key: "Provided and paid by", value: record.organisation.name },
              {
                key: "Contributes to",
                value: (
                  <Link className="govuk-link" to={formulaPath(record.formula.id)}>
                    {record.formula.name}
                  </Link>
                ),
              },
              {
                key: "Paid from",
                value: record.fundingStream ? (
                  <Link className="govuk-link" to={streamPath(record.fundingStream.id)}>
                    {record.fundingStream.name}
                  </Link>
                ) : (
                  "The force’s own contribution: it counts towards the force’s share"
                ),
              },
              { key: "Full-time equivalent", value: record.fte },
              { key: "Annual cost", value: <span className="rocu-money">{record.annualCost}</span> },
              { key: "Dates", value: postDates(record) },
              ...(record.notes
                ? [{ key: "Notes", value: <span className="rocu-pre-line">{record.notes}</span> }]
                : []),
              { key: "Classification", value: record.classification },
              { key: "Recorded", value: formatDateTime(record.createdAt) },
              { key: "Last updated", value: formatDateTime(record.updatedAt) },
            ]}
          />
        </div>
      </div>

      <h2 className="govuk-heading-m">Cost by financial year</h2>
      <p className="govuk-body">
        Annual cost × FTE × the days filled in the year ÷ the days in the year, to the nearest penny.
      </p>
      <TableWrapper label="Cost by financial year">
        <table className="govuk-table rocu-table--dense" data-testid="post-years">
          <caption className="govuk-table__caption govuk-visually-hidden">Cost by financial year</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Financial year
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Days filled
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Cost
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {record.years.map((year) => (
              <tr className="govuk-table__row" key={year.financialYear}>
                <th scope="row" className="govuk-table__header">
                  {year.financialYear}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {year.daysInPost} of {year.daysInYear}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric rocu-money">{year.cost}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrapper>
    </>
  );
}
