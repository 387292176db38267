import { type FormEvent, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { formatPence } from "#src/lib/money.ts";
import {
  ApiError,
  type FundingStream,
  fundingApi,
  type SpendLine,
  type SpendMonitoring,
  scrutinyPackCsvUrl,
  spendApi,
} from "../api.ts";
import {
  bidPath,
  categoryLabel,
  categoryList,
  FundingNav,
  mayManageFunding,
  monthLabel,
  monthsOfYear,
  streamPath,
} from "../components/funding.tsx";
import {
  Breadcrumbs,
  LoadError,
  Loading,
  Select,
  SuccessBanner,
  SummaryList,
  TableWrapper,
  Tag,
  WarningText,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { plural } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";
import { STREAM_CRUMBS } from "./FundingStreamDetailPage.tsx";

/** The spend lines listed beneath the monthly table: one page of the API's largest. */
const LINES_SHOWN = 200;

export function SpendMonitoringPage() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const { me } = useSession();
  const financialYear = params.get("financialYear") ?? "";
  // One project the stream pays for, or (left out) the whole stream.
  const bidId = params.get("bidId") ?? "";
  const stream = useAsync(() => fundingApi.stream(id), [id]);
  const monitoring = useAsync(
    () => spendApi.monitoring(id, { financialYear, bidId }),
    [id, financialYear, bidId],
  );
  const year = monitoring.data?.financialYear ?? "";
  const lines = useAsync(
    () =>
      year === ""
        ? Promise.resolve(null)
        : spendApi.lines({ streamId: id, bidId, financialYear: year, pageSize: LINES_SHOWN }),
    [id, year, bidId],
  );
  const [message] = useState<string | null>(useArrivalMessage());
  const record = stream.data;
  useTitle(record ? `Spend monitoring – ${record.name}` : "Spend monitoring", "Funding");
  useClassification(highestMarking([record?.classification]));

  if (stream.error instanceof ApiError && stream.error.status === 404) return <NotFoundPage />;
  const crumbs = record
    ? [
        ...STREAM_CRUMBS,
        { to: streamPath(record.id), text: record.name },
        ...(bidId ? [{ to: streamPath(record.id, "/monitoring"), text: "Spend monitoring" }] : []),
      ]
    : STREAM_CRUMBS;
  const error = stream.error ?? monitoring.error;
  const data = monitoring.data;
  return (
    <>
      <FundingNav />
      <Breadcrumbs items={crumbs} />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      {error ? (
        <LoadError
          error={error}
          retry={() => {
            stream.reload();
            monitoring.reload();
          }}
        />
      ) : null}
      {!error && (!record || !data) ? <Loading what="Loading spend monitoring" /> : null}
      {record && data ? (
        <>
          <span className="govuk-caption-l">{record.name}</span>
          <h1 className="govuk-heading-l">
            {data.bid ? `Spend monitoring of ${data.bid.title}` : "Spend monitoring"}, {data.financialYear}
          </h1>
          {data.bid ? (
            <p className="govuk-body" data-testid="project-monitoring">
              What{" "}
              <Link className="govuk-link" to={bidPath(data.bid.id)}>
                {data.bid.title}
              </Link>{" "}
              spent from {record.name}, against what commissioners’ decisions gave it from the stream. The{" "}
              <Link
                className="govuk-link"
                to={`${streamPath(record.id, "/monitoring")}?financialYear=${encodeURIComponent(data.financialYear)}`}
              >
                whole stream’s spend monitoring
              </Link>{" "}
              has its scrutiny pack.
            </p>
          ) : null}
          <YearChooser
            key={data.financialYear}
            stream={record}
            year={data.financialYear}
            onChoose={(chosen) =>
              setParams(bidId ? { financialYear: chosen, bidId } : { financialYear: chosen })
            }
          />
          {mayManageFunding(me, record) ? (
            <div className="govuk-button-group">
              <Link
                className="govuk-button"
                to={`${streamPath(record.id, "/spend/new")}${bidId ? `?bidId=${encodeURIComponent(bidId)}` : ""}`}
              >
                Record a month’s spend
              </Link>
            </div>
          ) : null}
          {data.lapseRisk ? (
            <div data-testid="lapse-risk">
              <WarningText>{data.lapseRisk.message}</WarningText>
            </div>
          ) : null}
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">
              <Position data={data} />
            </div>
          </div>
          {data.monthsRecorded === 0 ? (
            <div className="rocu-empty" data-testid="spend-empty">
              <h2 className="govuk-heading-m">
                No spend recorded {data.bid ? "on this project " : ""}for {data.financialYear} yet
              </h2>
              <p className="govuk-body">
                Finance records what the stream paid for each month, by cost category
                {data.bid ? ", naming the project" : ""}. The monthly table
                {data.bid
                  ? " and the forecast to 31 March appear"
                  : ", the forecast to 31 March and the scrutiny pack appear"}{" "}
                here once the first month is recorded.
              </p>
            </div>
          ) : (
            <>
              <MonthlyTable data={data} />
              <Ineligible data={data} stream={record} />
              <SpendLines state={lines} />
            </>
          )}
          {data.bid ? null : <Projects streamId={record.id} data={data} />}
          {data.bid || data.monthsRecorded === 0 ? null : (
            <ScrutinyPack key={data.financialYear} streamId={record.id} data={data} />
          )}
        </>
      ) : null}
    </>
  );
}

function YearChooser({
  stream,
  year,
  onChoose,
}: {
  stream: FundingStream;
  year: string;
  onChoose: (year: string) => void;
}) {
  const [chosen, setChosen] = useState(year);
  if (stream.amounts.length < 2) return null;
  return (
    <form
      className="rocu-inline-form rocu-inline-form--end govuk-!-margin-bottom-6"
      aria-label="Choose the financial year"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onChoose(chosen);
      }}
    >
      <Select
        id="financialYear"
        label="Financial year"
        value={chosen}
        onChange={setChosen}
        options={stream.amounts.map((amount) => ({
          value: amount.financialYear,
          label: amount.financialYear,
        }))}
      />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Show the year
      </button>
    </form>
  );
}

function Position({ data }: { data: SpendMonitoring }) {
  const variance = data.variancePence;
  return (
    <>
      <SummaryList
        rows={[
          { key: "Allocation", value: <span className="rocu-money">{data.allocation}</span> },
          {
            key: "Actual to date",
            value: (
              <>
                <span className="rocu-money" data-testid="spend-actual">
                  {data.actual}
                </span>
                , {plural(data.monthsRecorded, "month")} recorded
              </>
            ),
          },
          {
            key: "Forecast to 31 March",
            value:
              data.forecast === null ? (
                "No forecast until a month is recorded"
              ) : (
                <span className="rocu-money" data-testid="spend-forecast">
                  {data.forecast}
                </span>
              ),
          },
          {
            key: "Variance",
            value:
              variance === null || data.variance === null ? (
                "None until a month is recorded"
              ) : (
                <span data-testid="spend-variance">
                  <span className="rocu-money">{data.variance}</span>
                  {variance < 0 ? ": an underspend" : variance > 0 ? ": an overspend" : ": on budget"}
                </span>
              ),
          },
          {
            key: "Carries over",
            value: data.stream.carriesOver ? "Yes" : "No: money unspent on 31 March is lost",
          },
        ]}
      />
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">How the forecast is worked out</span>
        </summary>
        <div className="govuk-details__text">
          {data.method.endsWith(".") ? data.method : `${data.method}.`}
        </div>
      </details>
    </>
  );
}

function MonthlyTable({ data }: { data: SpendMonitoring }) {
  const categories = data.byCategory;
  const totalForecast = data.months.reduce((sum, month) => sum + (month.forecastPence ?? 0), 0);
  return (
    <TableWrapper label={`Spend by month, ${data.financialYear}`}>
      <table className="govuk-table rocu-table--dense rocu-table--stack" data-testid="spend-months">
        <caption className="govuk-table__caption govuk-table__caption--m">
          Spend by month and cost category, {data.financialYear}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Month
            </th>
            {categories.map((category) => (
              <th
                scope="col"
                className="govuk-table__header govuk-table__header--numeric"
                key={category.category}
              >
                {categoryLabel(category.category)}
                {category.eligible ? null : " (ineligible)"}
              </th>
            ))}
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Actual
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Forecast, months to come
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {data.months.map((month) => (
            <tr className="govuk-table__row" key={month.month} data-testid="spend-month">
              <th scope="row" className="govuk-table__header">
                {monthLabel(month.month)}
              </th>
              {categories.map((category) => {
                const amount = month.byCategory.find((line) => line.category === category.category);
                return (
                  <td
                    key={category.category}
                    data-label={`${categoryLabel(category.category)}${category.eligible ? "" : " (ineligible)"}`}
                    className="govuk-table__cell govuk-table__cell--numeric rocu-money"
                  >
                    {amount ? amount.amount : month.recorded ? "£0.00" : "–"}
                  </td>
                );
              })}
              <td data-label="Actual" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                {month.recorded ? month.actual : "Not recorded"}
              </td>
              <td
                data-label="Forecast, months to come"
                className="govuk-table__cell govuk-table__cell--numeric rocu-money"
              >
                {month.forecastPence === null ? "–" : formatPence(month.forecastPence)}
              </td>
            </tr>
          ))}
          <tr className="govuk-table__row rocu-total-row" data-testid="spend-total">
            <th scope="row" className="govuk-table__header">
              Total
            </th>
            {categories.map((category) => (
              <td
                key={category.category}
                data-label={categoryLabel(category.category)}
                className="govuk-table__cell govuk-table__cell--numeric rocu-money"
              >
                {category.amount}
              </td>
            ))}
            <td data-label="Actual" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
              {data.actual}
            </td>
            <td
              data-label="Forecast, months to come"
              className="govuk-table__cell govuk-table__cell--numeric rocu-money"
            >
              {data.forecastPence === null ? "–" : formatPence(totalForecast)}
            </td>
          </tr>
        </tbody>
      </table>
      {data.forecast === null ? null : (
        <p className="govuk-body-s govuk-!-margin-top-2">
          Forecast to 31 March: the actual {data.actual} and {formatPence(totalForecast)} for the months to
          come make {data.forecast}.
        </p>
      )}
    </TableWrapper>
  );
}

function Ineligible({ data, stream }: { data: SpendMonitoring; stream: FundingStream }) {
  const { ineligible } = data;
  if (ineligible.lines.length === 0) return null;
  return (
    <section aria-labelledby="ineligible-heading" data-testid="spend-ineligible">
      <h2 className="govuk-heading-m" id="ineligible-heading">
        Ineligible spend: {ineligible.total}
      </h2>
      <p className="govuk-body">
        {stream.name} pays only for {categoryList(stream.allowedCategories)} costs. These lines are in another
        category: they stay in the actual, because the money was spent, until finance moves them to a stream
        that allows them.
      </p>
      <ul className="govuk-list govuk-list--bullet">
        {ineligible.lines.map((line) => (
          <li key={line.id}>
            {monthLabel(line.month)}: {categoryLabel(line.category)} <Tag colour="red">Ineligible</Tag>{" "}
            <span className="rocu-money">{line.amount}</span>
            {line.note ? ` (${line.note})` : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SpendLines({
  state,
}: {
  state: {
    data: { items: SpendLine[]; total: number } | null | undefined;
    error: unknown;
    reload: () => void;
  };
}) {
  if (state.error) return <LoadError error={state.error} retry={state.reload} />;
  const data = state.data;
  if (!data) return null;
  return (
    <>
      <TableWrapper label="Spend lines">
        <table className="govuk-table rocu-table--dense rocu-table--stack" data-testid="spend-lines">
          <caption className="govuk-table__caption govuk-table__caption--m">
            Spend lines, by month, with the project each paid for
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Month
              </th>
              <th scope="col" className="govuk-table__header">
                Category
              </th>
              <th scope="col" className="govuk-table__header">
                Project
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Amount
              </th>
              <th scope="col" className="govuk-table__header">
                Note
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.items.map((line) => (
              <tr className="govuk-table__row" key={line.id} data-testid="spend-line">
                <td data-label="Month" className="govuk-table__cell">
                  {monthLabel(line.month)}
                </td>
                <td data-label="Category" className="govuk-table__cell">
                  {categoryLabel(line.category)}
                  {line.eligible ? null : (
                    <>
                      {" "}
                      <Tag colour="red">Ineligible</Tag>
                    </>
                  )}
                </td>
                <td data-label="Project" className="govuk-table__cell">
                  {line.bid ? (
                    <Link className="govuk-link" to={bidPath(line.bid.id)}>
                      {line.bid.title}
                    </Link>
                  ) : (
                    "The stream’s own spend"
                  )}
                </td>
                <td data-label="Amount" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                  {line.amount}
                </td>
                <td data-label="Note" className="govuk-table__cell">
                  {line.note}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrapper>
      {data.total > data.items.length ? (
        <p className="govuk-body">
          Showing the first {data.items.length} of {plural(data.total, "line")}.
        </p>
      ) : null}
    </>
  );
}

/** The projects the stream pays for in the year, each leading to its own monitoring. */
function Projects({ streamId, data }: { streamId: string; data: SpendMonitoring }) {
  if (data.projects.length === 0) return null;
  const projectPath = (bidId: string) =>
    `${streamPath(streamId, "/monitoring")}?${new URLSearchParams({ financialYear: data.financialYear, bidId })}`;
  return (
    <TableWrapper label="Projects">
      <table className="govuk-table rocu-table--stack" data-testid="spend-projects">
        <caption className="govuk-table__caption govuk-table__caption--m">
          Projects the stream pays for, {data.financialYear}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Project
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Given by decisions
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Spent
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {data.projects.map((project) => (
            <tr className="govuk-table__row" key={project.id} data-testid="spend-project">
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={projectPath(project.id)}>
                  <span className="govuk-visually-hidden">Spend monitoring of </span>
                  {project.title}
                </Link>
              </th>
              <td
                data-label="Given by decisions"
                className="govuk-table__cell govuk-table__cell--numeric rocu-money"
              >
                {project.allocation}
              </td>
              <td data-label="Spent" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                {project.actual}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrapper>
  );
}

function ScrutinyPack({ streamId, data }: { streamId: string; data: SpendMonitoring }) {
  const recorded = data.months.filter((month) => month.recorded);
  const [month, setMonth] = useState(recorded[recorded.length - 1]?.month ?? data.months[0]?.month ?? "");
  return (
    <section aria-labelledby="pack-heading">
      <h2 className="govuk-heading-m" id="pack-heading">
        Monthly scrutiny pack
      </h2>
      <p className="govuk-body">
        The month’s spend by category, the year to date, the forecast, lapse risk and ineligible items as they
        stood at the end of the month, as a spreadsheet for the funder.
      </p>
      <div className="rocu-inline-form rocu-inline-form--end govuk-!-margin-bottom-6">
        <Select
          id="pack-month"
          label="Month"
          value={month}
          onChange={setMonth}
          options={monthsOfYear(data.financialYear).map((value) => ({ value, label: monthLabel(value) }))}
        />
        <a
          className="govuk-button govuk-button--secondary"
          href={scrutinyPackCsvUrl(streamId, month)}
          download
          data-testid="scrutiny-pack-link"
        >
          Download the pack for {monthLabel(month)} (CSV)
        </a>
      </div>
    </section>
  );
}
