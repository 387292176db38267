import { useState } from "react";
import { Link, useParams } from "react-router";
import { ApiError, fundingApi, type Pot } from "../api.ts";
import { crimeAreaLabel, FundingNav, mayManageFunding, potPath } from "../components/funding.tsx";
import {
  Breadcrumbs,
  LoadError,
  Loading,
  SuccessBanner,
  SummaryList,
  TableWrapper,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { ListPagination, useListFilters } from "../components/listing.tsx";
import { plural } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";

export const POT_CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/funding", text: "Funding" },
  { to: "/funding/pots", text: "Pots" },
];

export const crimeAreasOf = (pot: Pot) =>
  pot.crimeAreas.length === 0 ? "Any crime area" : pot.crimeAreas.map(crimeAreaLabel).join(", ");

export function PotListPage() {
  useTitle("Budget pots", "Funding");
  const { can } = useSession();
  const listing = useListFilters({ filters: [], pageSize: 25 });
  const pots = useAsync(() => fundingApi.pots(listing.query), [listing.queryKey]);
  const data = pots.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));
  return (
    <>
      <FundingNav />
      <span className="govuk-caption-l">Funding</span>
      <h1 className="govuk-heading-l">Budget pots</h1>
      <p className="govuk-body">
        Money the commissioners set aside each year for bids; approvals drawing on a pot commit its money.
      </p>
      {can("funding.manage") ? (
        <div className="govuk-button-group">
          <Link className="govuk-button" to="/funding/pots/new">
            Set up a pot
          </Link>
        </div>
      ) : null}
      {pots.error ? <LoadError error={pots.error} retry={pots.reload} /> : null}
      {pots.loading && !data ? <Loading what="Loading budget pots" /> : null}
      {data ? (
        data.total === 0 ? (
          <p className="govuk-body" data-testid="pots-empty">
            No budget pots are set up yet. A finance officer sets one up; it will appear here.
          </p>
        ) : (
          <>
            <p className="govuk-body" data-testid="pots-count">
              {plural(data.total, "budget pot")}.
            </p>
            <TableWrapper label="Budget pots">
              <table className="govuk-table rocu-table--dense rocu-table--stack">
                <caption className="govuk-table__caption govuk-visually-hidden">Budget pots, by name</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Name
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Crime areas
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Left per year
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((pot) => (
                    <tr className="govuk-table__row" key={pot.id} data-testid="pot-row">
                      <td className="govuk-table__cell">
                        <Link className="govuk-link" to={potPath(pot.id)}>
                          {pot.name}
                        </Link>
                      </td>
                      <td data-label="Crime areas" className="govuk-table__cell">
                        {crimeAreasOf(pot)}
                      </td>
                      <td data-label="Left per year" className="govuk-table__cell rocu-money">
                        {pot.amounts
                          .map((amount) => `${amount.financialYear}: ${amount.remaining}`)
                          .join("; ")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="budget pots" hrefWith={listing.hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}

export function PotDetailPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const [message] = useState<string | null>(useArrivalMessage());
  const pot = useAsync(() => fundingApi.pot(id), [id]);
  const record = pot.data;
  useTitle(record ? record.name : "Budget pot", "Funding");
  useClassification(highestMarking([record?.classification]));
  if (pot.error instanceof ApiError && pot.error.status === 404) return <NotFoundPage />;
  return (
    <>
      <FundingNav />
      <Breadcrumbs items={POT_CRUMBS} />
      {message && record ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      {pot.error ? <LoadError error={pot.error} retry={pot.reload} /> : null}
      {!record && !pot.error ? <Loading what="Loading the budget pot" /> : null}
      {record ? (
        <>
          <span className="govuk-caption-l">Budget pot</span>
          <h1 className="govuk-heading-l">{record.name}</h1>
          {mayManageFunding(me, record) ? (
            <p className="govuk-body">
              <Link className="govuk-button govuk-button--secondary" to={potPath(record.id, "/edit")}>
                Change the pot<span className="govuk-visually-hidden">: {record.name}</span>
              </Link>
            </p>
          ) : null}
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <SummaryList
                rows={[
                  { key: "Crime areas", value: crimeAreasOf(record) },
                  { key: "Set aside by", value: record.contributors.map((office) => office.name).join(", ") },
                  { key: "Decision reference", value: record.decisionReference || "None recorded" },
                  ...(record.notes
                    ? [{ key: "Notes", value: <span className="rocu-pre-line">{record.notes}</span> }]
                    : []),
                  { key: "Classification", value: record.classification },
                ]}
              />
              <TableWrapper label="Money per year">
                <table className="govuk-table rocu-table--dense rocu-table--stack" data-testid="pot-amounts">
                  <caption className="govuk-table__caption govuk-table__caption--m">Money per year</caption>
                  <thead className="govuk-table__head">
                    <tr className="govuk-table__row">
                      <th scope="col" className="govuk-table__header">
                        Year
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        Set aside
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        Committed
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        Left
                      </th>
                    </tr>
                  </thead>
                  <tbody className="govuk-table__body">
                    {record.amounts.map((amount) => (
                      <tr className="govuk-table__row" key={amount.financialYear} data-testid="pot-year">
                        <th scope="row" className="govuk-table__header">
                          {amount.financialYear}
                        </th>
                        <td
                          data-label="Set aside"
                          className="govuk-table__cell govuk-table__cell--numeric rocu-money"
                        >
                          {amount.amount}
                        </td>
                        <td
                          data-label="Committed"
                          className="govuk-table__cell govuk-table__cell--numeric rocu-money"
                          data-testid="pot-committed"
                        >
                          {amount.committed}
                        </td>
                        <td
                          data-label="Left"
                          className="govuk-table__cell govuk-table__cell--numeric rocu-money"
                          data-testid="pot-left"
                        >
                          {amount.remaining}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrapper>
              <p className="govuk-body">
                <Link className="govuk-link" to={`/funding/decisions?potId=${encodeURIComponent(record.id)}`}>
                  Decisions drawing on this pot
                </Link>
              </p>
            </div>
          </div>
        </>
      ) : null}
    </>
  );
}
