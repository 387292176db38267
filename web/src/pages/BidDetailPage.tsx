import { useState } from "react";
import { Link, useParams } from "react-router";
import { formatPence } from "#src/lib/money.ts";
import { ApiError, type Bid, fundingApi } from "../api.ts";
import { BidActions } from "../components/BidActions.tsx";
import {
  BidStatusTag,
  bidStatusLabel,
  categoryLabel,
  crimeAreaLabel,
  FundingNav,
  strandLabel,
  streamPath,
} from "../components/funding.tsx";
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

export const BID_CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/funding", text: "Funding" },
  { to: "/funding/bids", text: "Bids" },
];

export function BidDetailPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const bid = useAsync(() => fundingApi.bid(id), [id]);
  const [message, setMessage] = useState<string | null>(useArrivalMessage());
  const record = bid.data;
  useTitle(record ? record.title : "Bid", "Funding");
  useClassification(highestMarking([record?.classification]));

  if (bid.error instanceof ApiError && bid.error.status === 404) return <NotFoundPage />;
  if (!record) {
    return (
      <>
        <FundingNav />
        <Breadcrumbs items={BID_CRUMBS} />
        {bid.error ? <LoadError error={bid.error} retry={bid.reload} /> : <Loading what="Loading the bid" />}
      </>
    );
  }

  return (
    <>
      <FundingNav />
      <Breadcrumbs items={BID_CRUMBS} />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      <span className="govuk-caption-l">Bid from {record.applicant.name}</span>
      <h1 className="govuk-heading-l">{record.title}</h1>
      <p className="govuk-body" data-testid="bid-status">
        <BidStatusTag status={record.status} />
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <KeyFacts bid={record} />
          <Costs bid={record} />
          {record.shares.length > 0 ? <Shares bid={record} /> : null}
          <FromStreams bid={record} />
          {/* After the facts: the bid is read before it is acted on. */}
          <BidActions
            key={`${record.status}|${record.decisions.length}`}
            bid={record}
            me={me}
            done={(text) => {
              setMessage(text);
              bid.reload();
              window.scrollTo(0, 0);
            }}
          />
          <History bid={record} />
        </div>
      </div>
    </>
  );
}

function KeyFacts({ bid }: { bid: Bid }) {
  return (
    <SummaryList
      rows={[
        { key: "Applicant", value: bid.applicant.name },
        { key: "Purpose", value: <span className="rocu-pre-line">{bid.purpose}</span> },
        { key: "4P strand", value: strandLabel(bid.strand) },
        { key: "Crime area", value: crimeAreaLabel(bid.crimeArea) },
        { key: "Force areas", value: bid.forceAreas.map((area) => area.name).join(", ") },
        {
          key: "Total",
          value: (
            <strong className="rocu-money" data-testid="bid-total">
              {bid.total}
            </strong>
          ),
        },
        ...(bid.formula ? [{ key: "Split by", value: bid.formula.name }] : []),
        { key: "Classification", value: bid.classification },
        { key: "Last updated", value: formatDateTime(bid.updatedAt) },
      ]}
    />
  );
}

/** The costs as a table of category by financial year, with totals both ways. */
function Costs({ bid }: { bid: Bid }) {
  const years = bid.costsByYear.map((year) => year.financialYear);
  const categories = [...new Set(bid.costs.map((cost) => cost.category))];
  const amount = (category: string, year: string) =>
    bid.costs
      .filter((cost) => cost.category === category && cost.financialYear === year)
      .reduce((sum, cost) => sum + cost.amountPence, 0);
  return (
    <TableWrapper label="Costs">
      <table className="govuk-table rocu-table--dense rocu-table--stack" data-testid="bid-costs">
        <caption className="govuk-table__caption govuk-table__caption--m">Costs</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Category
            </th>
            {years.map((year) => (
              <th key={year} scope="col" className="govuk-table__header govuk-table__header--numeric">
                {year}
              </th>
            ))}
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {categories.map((category) => (
            <tr key={category} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {categoryLabel(category)}
              </th>
              {years.map((year) => (
                <td
                  key={year}
                  data-label={year}
                  className="govuk-table__cell govuk-table__cell--numeric rocu-money"
                >
                  {formatPence(amount(category, year))}
                </td>
              ))}
              <td data-label="Total" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                {formatPence(years.reduce((sum, year) => sum + amount(category, year), 0))}
              </td>
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              Total
            </th>
            {bid.costsByYear.map((year) => (
              <td
                key={year.financialYear}
                data-label={year.financialYear}
                className="govuk-table__cell govuk-table__cell--numeric rocu-money"
              >
                <strong>{year.amount}</strong>
              </td>
            ))}
            <td data-label="Total" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
              <strong>{bid.total}</strong>
            </td>
          </tr>
        </tbody>
      </table>
    </TableWrapper>
  );
}

/** What each commissioner's office is asked to pay, and whether it has decided. */
function Shares({ bid }: { bid: Bid }) {
  return (
    <TableWrapper label="Shares">
      <table className="govuk-table rocu-table--dense rocu-table--stack" data-testid="bid-shares">
        <caption className="govuk-table__caption govuk-table__caption--m">Each commissioner’s share</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Commissioner’s office
            </th>
            <th scope="col" className="govuk-table__header">
              Year
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Share
            </th>
            <th scope="col" className="govuk-table__header">
              Decision
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {bid.shares.map((share) => {
            const decision = bid.decisions.find(
              (candidate) => candidate.decisionMaker.id === share.decisionMaker.id,
            );
            return (
              <tr key={`${share.decisionMaker.id}|${share.financialYear}`} className="govuk-table__row">
                <td className="govuk-table__cell">{share.decisionMaker.name}</td>
                <td data-label="Year" className="govuk-table__cell">
                  {share.financialYear}
                </td>
                <td data-label="Share" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                  {share.amount}
                </td>
                <td data-label="Decision" className="govuk-table__cell">
                  {decision
                    ? `${decision.reference}: ${bidStatusLabel(decision.outcome)}`
                    : "Not yet decided"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrapper>
  );
}

/** The money approving decisions gave from named funding streams, each leading to the project's spend there. */
function FromStreams({ bid }: { bid: Bid }) {
  // A bid's decisions are few, and each names its streams only in full.
  const decided = bid.decisions.map((decision) => decision.id).join(" ");
  const decisions = useAsync(() => fundingApi.decisions({ bidId: bid.id, pageSize: 100 }), [bid.id, decided]);
  // One declined share declines the whole bid, so nothing is spent on it.
  if (bid.decisions.some((decision) => decision.outcome === "declined")) return null;
  if (decisions.error) return <LoadError error={decisions.error} retry={decisions.reload} />;
  const fromStreams = (decisions.data?.items ?? []).flatMap((decision) =>
    decision.amounts.flatMap((amount) =>
      amount.fundingStream ? [{ decision, amount, stream: amount.fundingStream }] : [],
    ),
  );
  if (fromStreams.length === 0) return null;
  return (
    <section aria-labelledby="bid-streams-heading" data-testid="bid-streams">
      <h2 className="govuk-heading-m" id="bid-streams-heading">
        Spend from funding streams
      </h2>
      <ul className="govuk-list govuk-list--spaced">
        {fromStreams.map(({ decision, amount, stream }) => (
          <li key={`${decision.id}|${amount.financialYear}|${stream.id}`}>
            {decision.reference}: <span className="rocu-money">{amount.amount}</span> in{" "}
            {amount.financialYear} from {stream.name}.{" "}
            <Link
              className="govuk-link"
              to={`${streamPath(stream.id, "/monitoring")}?${new URLSearchParams({ financialYear: amount.financialYear, bidId: bid.id })}`}
            >
              Spend monitoring for {amount.financialYear}
              <span className="govuk-visually-hidden"> from {stream.name}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every step, newest first: who, when and why. */
function History({ bid }: { bid: Bid }) {
  return (
    <section aria-labelledby="bid-history-heading">
      <h2 className="govuk-heading-m" id="bid-history-heading">
        History
      </h2>
      <ol className="rocu-timeline" data-testid="bid-history" reversed>
        {[...bid.history].reverse().map((step) => (
          <li key={`${step.occurredAt}|${step.toStatus}`} className="rocu-timeline__item">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{bidStatusLabel(step.toStatus)}</h3>
            <p className="govuk-body-s govuk-!-margin-bottom-1">
              {step.actor.name}, {formatDateTime(step.occurredAt)}
            </p>
            {step.reason ? (
              <p className="govuk-body govuk-!-margin-bottom-0 rocu-pre-line">{step.reason}</p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
