import * as Plot from "@observablehq/plot";
import { type FormEvent, type ReactNode, useMemo } from "react";
import { Link } from "react-router";
import { type FundingReport, type FundingReportRow, fundingReportsApi } from "../api.ts";
import { FundingNav, financialYearOptions, SpreadsheetDownloads } from "../components/funding.tsx";
import { LoadError, Loading, type Option, Select, TableWrapper } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { useListParams } from "../components/listing.tsx";
import { type ChartRenderer, PlotChart } from "../components/PlotChart.tsx";
import { useAsync, useReportFilters, useTitle } from "../hooks.ts";

const QUARTER_OPTIONS: Option[] = [
  { value: "Q1", label: "Q1: April to June" },
  { value: "Q2", label: "Q2: July to September" },
  { value: "Q3", label: "Q3: October to December" },
  { value: "Q4", label: "Q4: January to March" },
];

type Grouping = FundingReport["groupBy"];
const GROUPINGS: { value: Grouping; label: string; heading: string }[] = [
  { value: "stream", label: "Funding stream", heading: "Stream" },
  { value: "project", label: "Project (bid)", heading: "Project" },
  { value: "force", label: "Force area", heading: "Force area" },
];

/**
 * Blue, vermillion and grey as on the cyber dashboard, and a darker Okabe–Ito bluish green: told apart
 * with any colour vision, each 3:1 or more against white.
 */
const SERIES = [
  { key: "allocationPence", label: "Allocation", colour: "#0072b2" },
  { key: "commitmentPence", label: "Commitment", colour: "#007a5a" },
  { key: "actualPence", label: "Actual", colour: "#c4510b" },
  { key: "forecastPence", label: "Forecast to 31 March", colour: "#505a5f" },
] as const;
const CHART_STYLE = { fontFamily: '"GDS Transport", arial, sans-serif', fontSize: "14px" };
/** More bars than this would not be read: the chart shows the largest, the table every row. */
const CHART_ROWS = 12;

/** £1,234,567.89 → "£1.2m" on an axis. */
const axisPounds = (pounds: number) =>
  pounds >= 1_000_000
    ? `£${(pounds / 1_000_000).toLocaleString("en-GB", { maximumFractionDigits: 1 })}m`
    : pounds >= 1_000
      ? `£${(pounds / 1_000).toLocaleString("en-GB", { maximumFractionDigits: 0 })}k`
      : `£${pounds}`;

/** The largest of a row's charted figures. */
const sizeOf = (row: FundingReportRow) => Math.max(...SERIES.map((series) => row[series.key] ?? 0));

/** The rows the chart draws: those with money to show, the largest first. */
function chartRows(view: FundingReport): FundingReportRow[] {
  return view.rows
    .filter((row) => sizeOf(row) > 0)
    .sort((a, b) => sizeOf(b) - sizeOf(a))
    .slice(0, CHART_ROWS);
}

const reportChart =
  (rows: readonly FundingReportRow[]): ChartRenderer =>
  (width) => {
    const data = rows.flatMap((row) =>
      SERIES.flatMap((series) => {
        const pence = row[series.key];
        return pence === null ? [] : [{ row: row.label, series: series.label, pounds: pence / 100 }];
      }),
    );
    const longest = Math.max(...rows.map((row) => row.label.length), 1);
    const marginLeft = Math.round(Math.min(longest * 7.5 + 14, width * 0.4));
    const lines = Math.ceil((longest * 7.5) / (marginLeft - 14));
    const groupHeight = Math.max(SERIES.length * 14 + 14, lines * 18 + 14);
    return Plot.plot({
      width,
      style: CHART_STYLE,
      height: 70 + rows.length * groupHeight,
      marginLeft,
      marginRight: 20,
      marginBottom: 44,
      x: {
        label: "Pounds",
        labelAnchor: "center",
        grid: true,
        tickFormat: axisPounds,
        ticks: Math.max(2, Math.floor(width / 140)),
        nice: true,
      },
      fy: { domain: rows.map((row) => row.label), label: null },
      y: { domain: SERIES.map((series) => series.label), axis: null },
      color: {
        domain: SERIES.map((series) => series.label),
        range: SERIES.map((series) => series.colour),
        legend: true,
      },
      marks: [
        Plot.axisFy({ lineWidth: (marginLeft - 14) / 15, tickSize: 0, anchor: "left" }),
        Plot.barX(data, { fy: "row", y: "series", x: "pounds", fill: "series" }),
        Plot.ruleX([0]),
      ],
    });
  };

function selectionOf(params: URLSearchParams) {
  return {
    // Left out, the server chooses: this year if it has money, else the latest that has.
    financialYear: params.get("financialYear") ?? "",
    quarter: params.get("quarter") ?? "",
    groupBy: params.get("groupBy") ?? "stream",
  };
}

export function FundingReportPage() {
  useTitle("Reports", "Funding");
  const { params, setParams } = useListParams();
  const selection = selectionOf(params);
  const key = `${selection.financialYear}|${selection.quarter}|${selection.groupBy}`;
  const state = useAsync(() => fundingReportsApi.report(selection), [key]);
  const view = state.data;
  useClassification(highestMarking([view?.classification]));
  // The form shows what the report is of, including the year the server chose.
  const [draft, setDraft] = useReportFilters(
    selection,
    key,
    view && { financialYear: view.financialYear, quarter: view.quarter ?? "", groupBy: view.groupBy },
  );
  const years = useMemo(() => {
    const options = financialYearOptions();
    // A year outside the usual range (an old grant) stays choosable once it is shown.
    return view && !options.some((option) => option.value === view.financialYear)
      ? [{ value: view.financialYear, label: view.financialYear }, ...options]
      : options;
  }, [view]);

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams({ financialYear: draft.financialYear, groupBy: draft.groupBy });
    if (draft.quarter) next.set("quarter", draft.quarter);
    setParams(next);
  }

  return (
    <>
      <FundingNav />
      <span className="govuk-caption-l">Funding</span>
      <h1 className="govuk-heading-l">Funding reports</h1>
      <p className="govuk-body">
        For a financial year or one of its quarters: the money allocated, committed by commissioners’
        decisions and spent, the forecast to 31 March, the variance and the money at risk of lapsing, by
        funding stream, project or force area.
      </p>

      <search className="rocu-filters" aria-label="Choose the report">
        <form onSubmit={apply}>
          <div className="rocu-filters__fields">
            <Select
              id="report-year"
              label="Financial year"
              value={draft.financialYear}
              onChange={(financialYear) => setDraft({ ...draft, financialYear })}
              options={years}
            />
            <Select
              id="report-quarter"
              label="Period"
              value={draft.quarter}
              onChange={(quarter) => setDraft({ ...draft, quarter })}
              placeholder="Whole year"
              options={QUARTER_OPTIONS}
            />
            <Select
              id="report-group"
              label="Group by"
              value={draft.groupBy}
              onChange={(groupBy) => setDraft({ ...draft, groupBy })}
              options={GROUPINGS}
            />
          </div>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--secondary">
              Show report
            </button>
          </div>
        </form>
      </search>

      {state.error ? <LoadError error={state.error} retry={state.reload} /> : null}
      {!view && state.loading ? <Loading what="Adding up the figures" /> : null}
      {view ? <Report view={view} /> : null}
    </>
  );
}

function Report({ view }: { view: FundingReport }) {
  const query = {
    financialYear: view.financialYear,
    quarter: view.quarter ?? undefined,
    groupBy: view.groupBy,
  };
  const rows = useMemo(() => chartRows(view), [view]);
  const chart = useMemo(() => reportChart(rows), [rows]);
  const heading = GROUPINGS.find((grouping) => grouping.value === view.groupBy)?.heading ?? "Row";
  const atRisk = view.rows.filter((row) => row.lapseRiskPence !== null);
  const actualWords = view.quarter ? `spent in ${view.period}` : "spent";
  return (
    <section aria-labelledby="report-title">
      <h2 className="govuk-heading-m" id="report-title">
        {view.title}
      </h2>
      <p className="govuk-body" data-testid="report-summary">
        <Money>{view.totals.allocation}</Money> allocated, <Money>{view.totals.commitment}</Money> committed
        and <Money>{view.totals.actual}</Money> {actualWords}
        {view.totals.forecast ? (
          <>
            ; forecast to 31 March <Money>{view.totals.forecast}</Money>
          </>
        ) : null}
        .
        {view.totals.lapseRisk ? (
          <>
            {" "}
            <strong>
              <Money>{view.totals.lapseRisk}</Money> is at risk of lapsing
            </strong>{" "}
            in {atRisk.length === 1 ? "1 row" : `${atRisk.length} rows`}, marked in the table.
          </>
        ) : null}
      </p>
      {view.quarter ? (
        <p className="govuk-body">
          Actual is the spend in {view.period}; allocation, commitment, forecast, variance and lapse risk are
          the whole year’s.
        </p>
      ) : null}
      <SpreadsheetDownloads
        title={view.title}
        fileUrl={(format) => fundingReportsApi.fileUrl(query, format)}
      />

      {view.rows.length === 0 ? (
        <p className="govuk-body" data-testid="report-empty">
          No funding stream you can see has money, spend or commitments in {view.financialYear}. Choose
          another year; finance records a stream’s amounts for each year on the stream’s page.
        </p>
      ) : (
        <>
          {rows.length > 0 ? (
            <PlotChart
              title={`Allocation, commitment, actual and forecast ${view.title.replace(view.period, "").trim()}${
                view.rows.length > rows.length ? ` (the ${rows.length} largest)` : ""
              }`}
              summary={`Bar chart of each ${heading.toLowerCase()}'s allocation, commitment, actual spend${
                view.quarter ? ` in ${view.period}` : ""
              } and forecast to 31 March, for ${view.financialYear}. The table below gives every figure.`}
              render={chart}
            />
          ) : null}
          <ReportTable view={view} heading={heading} />
        </>
      )}
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">How these figures are worked out</span>
        </summary>
        <div className="govuk-details__text">
          <ul className="govuk-list govuk-list--bullet">
            {view.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      </details>
    </section>
  );
}

function Money({ children }: { children: ReactNode }) {
  return <span className="rocu-money">{children}</span>;
}

const COLUMNS = [
  { key: "allocation", label: "Allocation" },
  { key: "commitment", label: "Commitment" },
  { key: "actual", label: "Actual" },
  { key: "forecast", label: "Forecast" },
  { key: "variance", label: "Variance" },
  { key: "lapseRisk", label: "Lapse risk" },
] as const;

/** Links to the screens behind a row (the API's spend lines stay in the exports and the API). */
const pageLinks = (row: FundingReportRow) => row.links.filter((link) => link.href.startsWith("/funding/"));

function ReportTable({ view, heading }: { view: FundingReport; heading: string }) {
  return (
    <TableWrapper label={`Table: ${view.title}`}>
      <table className="govuk-table rocu-table--dense rocu-table--stack" data-testid="report-table">
        <caption className="govuk-table__caption govuk-table__caption--s">
          {view.title}: {COLUMNS.map((column) => column.label.toLowerCase()).join(", ")}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {heading}
            </th>
            {COLUMNS.map((column) => (
              <th key={column.key} scope="col" className="govuk-table__header govuk-table__header--numeric">
                {column.key === "actual" && view.quarter ? `Actual ${view.quarter}` : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {view.rows.map((row) => (
            <ReportRow key={row.key} row={row} quarter={view.quarter} />
          ))}
          <tr className="govuk-table__row rocu-total-row" data-testid="report-total">
            <th scope="row" className="govuk-table__header">
              Total
            </th>
            {COLUMNS.map((column) => (
              <td
                key={column.key}
                data-label={column.label}
                className="govuk-table__cell govuk-table__cell--numeric rocu-money"
              >
                <strong>{view.totals[column.key] ?? "–"}</strong>
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </TableWrapper>
  );
}

function ReportRow({ row, quarter }: { row: FundingReportRow; quarter: string | null }) {
  const [record, ...others] = pageLinks(row);
  // The record's own page (a stream, a bid) titles the row; a force row lists its streams.
  const titled = record && (record.label === "Stream" || record.label === "Bid");
  const more = titled ? others : pageLinks(row);
  const decisions = more.find((link) => link.label === "Decisions");
  const monitoring = more.find((link) => link.label === "Spend monitoring");
  return (
    <tr
      className={`govuk-table__row${row.lapseRiskPence !== null ? " rocu-row--at-risk" : ""}`}
      data-testid="report-row"
    >
      <th scope="row" className="govuk-table__header">
        {titled ? (
          <Link className="govuk-link" to={record.href}>
            {row.label}
          </Link>
        ) : (
          row.label
        )}
        {more.length > 0 ? (
          <ul className="govuk-list govuk-body-s rocu-inline-list rocu-report-links">
            {more.map((link) => (
              <li key={link.href}>
                <Link className="govuk-link" to={link.href}>
                  {link.label}
                  {link.label === "Decisions" ? (
                    <span className="govuk-visually-hidden"> of {row.label}</span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </th>
      {COLUMNS.map((column) => {
        const value = row[column.key];
        const label = column.key === "actual" && quarter ? `Actual ${quarter}` : column.label;
        return (
          <td
            key={column.key}
            data-label={label}
            className="govuk-table__cell govuk-table__cell--numeric rocu-money"
          >
            {column.key === "commitment" && decisions && row.commitmentPence > 0 ? (
              <Link className="govuk-link" to={decisions.href}>
                {value}
                <span className="govuk-visually-hidden"> committed: the decisions</span>
              </Link>
            ) : column.key === "actual" && monitoring && row.actualPence > 0 ? (
              <Link className="govuk-link" to={monitoring.href}>
                {value}
                <span className="govuk-visually-hidden"> spent: the spend monitoring</span>
              </Link>
            ) : column.key === "lapseRisk" && value !== null ? (
              <strong className="rocu-at-risk">
                {value}
                <span className="govuk-visually-hidden"> at risk of lapsing</span>
              </strong>
            ) : (
              (value ?? "–")
            )}
          </td>
        );
      })}
    </tr>
  );
}
