import { Link } from "react-router";
import { api, type DisruptionTotalsRow, type Grade, type DisruptionTotals as Totals } from "../api.ts";
import { formatNumber } from "../format.ts";
import { useAsync } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { disruptionListPath, GRADE_LABELS, GRADES } from "./disruption.tsx";
import { LoadError, Loading, TableWrapper } from "./govuk.tsx";
import { useListParams } from "./listing.tsx";
import type { TotalsSelection } from "./OutcomeTotals.tsx";

type Grouping = Totals["groupBy"];
type Period = Totals["period"];

/** Disruptions group by more than outcomes do; the page's grouping is where they start. */
const GROUPINGS: { value: Grouping; label: string; column: string; filter: string }[] = [
  { value: "none", label: "No grouping", column: "", filter: "" },
  { value: "force", label: "Lead force", column: "Lead force", filter: "forceId" },
  { value: "region", label: "Region", column: "Region", filter: "regionId" },
  { value: "crimeType", label: "Crime type", column: "Crime type", filter: "crimeType" },
  { value: "strand", label: "4P strand", column: "4P strand", filter: "strand" },
  {
    value: "organisation",
    label: "Claiming force or unit",
    column: "Claimed by",
    filter: "claimingOrganisationId",
  },
];
const PARAM = "disruptionsBy";

/** The last day of the period starting on periodStart, as YYYY-MM-DD. */
function lastDayOf(periodStart: string, period: Period): string {
  const [year = 0, month = 1] = periodStart.split("-").map(Number);
  const months = period === "month" ? 1 : period === "quarter" ? 3 : 12;
  // Day 0 of the month after the period is its last day.
  return new Date(Date.UTC(year, month - 1 + months, 0)).toISOString().slice(0, 10);
}

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a !== "" && a < b ? a : b);

/** The list filters that pick out a row's claims: its dates within the selection, and its group. */
function rowFilters(totals: Totals, row: DisruptionTotalsRow, selection: TotalsSelection) {
  const filter = GROUPINGS.find((grouping) => grouping.value === totals.groupBy)?.filter ?? "";
  return {
    from: later(row.periodStart, selection.from),
    to: earlier(selection.to, lastDayOf(row.periodStart, totals.period)),
    ...(filter && row.group ? { [filter]: row.group.id } : {}),
  };
}

/** A column per grade and the total; each figure's claims are those of its grade ("any" for the total). */
const COLUMNS: { key: Grade | "total"; heading: string; grade: Grade | "any" }[] = [
  ...GRADES.map((grade) => ({ key: grade, heading: GRADE_LABELS[grade], grade })),
  { key: "total", heading: "Total", grade: "any" },
];

function Figure({
  value,
  grade,
  filters,
  context,
  linked,
}: {
  value: number;
  grade: Grade | "any";
  filters: Record<string, string>;
  context: string;
  linked: boolean;
}) {
  const text = formatNumber(value);
  if (!linked || value === 0) return <>{text}</>;
  const words = grade === "any" ? "moderated disruption" : `${grade} disruption`;
  return (
    <Link className="govuk-link" to={disruptionListPath({ ...filters, grade })}>
      {text}
      <span className="govuk-visually-hidden">
        {" "}
        {words}
        {value === 1 ? "" : "s"}, {context}
      </span>
    </Link>
  );
}

/**
 * Moderated disruptions by period and group: major, moderate and minor as the panels graded them,
 * never as claimed. Each figure links to exactly the claims it counts, for those who may read them.
 */
export function DisruptionTotals({ selection }: { selection: TotalsSelection }) {
  const { can } = useSession();
  const { params, hrefWith } = useListParams();
  const groupBy =
    GROUPINGS.find((grouping) => grouping.value === params.get(PARAM))?.value ?? selection.groupBy;
  const totals = useAsync(
    () => api.disruptionTotals({ period: selection.period, groupBy, from: selection.from, to: selection.to }),
    [selection.period, groupBy, selection.from, selection.to],
  );
  const data = totals.data;
  const linked = can("disruptions.read");
  const grouping = GROUPINGS.find((item) => item.value === data?.groupBy);

  return (
    <section
      className="rocu-section"
      aria-labelledby="disruption-totals-heading"
      data-testid="disruption-totals"
    >
      <h2 className="govuk-heading-l" id="disruption-totals-heading">
        Disruptions
      </h2>
      <p className="govuk-body rocu-basis" data-testid="disruption-basis">
        {data ? `${data.basis}.` : "Moderated grades only."} Claims not yet moderated, rejected or returned
        are not counted.{linked ? " Each figure links to the claims it counts." : ""}
      </p>
      <nav className="rocu-choice-links" aria-label="Group disruptions by">
        <span className="govuk-body-s govuk-!-font-weight-bold">Group disruptions by:</span>
        <ul className="rocu-choice-links__list">
          {GROUPINGS.map((item) => (
            <li key={item.value}>
              <Link
                className="govuk-link"
                to={hrefWith({ [PARAM]: item.value })}
                aria-current={item.value === groupBy ? "true" : undefined}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {totals.error ? <LoadError error={totals.error} retry={totals.reload} /> : null}
      {!data && !totals.error ? <Loading what="Loading disruption totals" /> : null}
      {data ? (
        data.rows.length === 0 ? (
          <p className="govuk-body" data-testid="disruption-totals-empty">
            No moderated disruptions you can see fall in these dates.
          </p>
        ) : (
          <TableWrapper label="Disruption totals">
            <table
              className="govuk-table rocu-table--dense rocu-table--stack"
              data-testid="totals-disruptions"
            >
              <caption className="govuk-table__caption govuk-table__caption--m">
                Moderated disruptions by grade
                <span className="govuk-hint govuk-!-margin-bottom-0 rocu-block">
                  Counted at the grade the moderation panel gave
                </span>
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Period
                  </th>
                  {grouping?.column ? (
                    <th scope="col" className="govuk-table__header">
                      {grouping.column}
                    </th>
                  ) : null}
                  {COLUMNS.map((column) => (
                    <th
                      key={column.key}
                      scope="col"
                      className="govuk-table__header govuk-table__header--numeric"
                    >
                      {column.heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {data.rows.map((row) => {
                  const context = [row.period, row.group?.name].filter(Boolean).join(", ");
                  const filters = rowFilters(data, row, selection);
                  return (
                    <tr
                      className="govuk-table__row"
                      key={`${row.periodStart}-${row.group?.id ?? ""}`}
                      data-testid="disruption-totals-row"
                    >
                      <th scope="row" className="govuk-table__header rocu-nowrap">
                        {row.period}
                      </th>
                      {grouping?.column ? (
                        <td data-label={grouping.column} className="govuk-table__cell">
                          {row.group?.name}
                        </td>
                      ) : null}
                      {COLUMNS.map((column) => (
                        <td
                          key={column.key}
                          data-label={column.heading}
                          className="govuk-table__cell govuk-table__cell--numeric"
                          data-grade={column.key}
                        >
                          <Figure
                            value={row[column.key]}
                            grade={column.grade}
                            filters={filters}
                            context={context}
                            linked={linked}
                          />
                        </td>
                      ))}
                    </tr>
                  );
                })}
                <tr className="govuk-table__row rocu-totals-row" data-testid="disruption-totals-total">
                  <th scope="row" className="govuk-table__header">
                    Total
                  </th>
                  {grouping?.column ? <td className="govuk-table__cell" /> : null}
                  {COLUMNS.map((column) => (
                    <td
                      key={column.key}
                      data-label={column.heading}
                      className="govuk-table__cell govuk-table__cell--numeric"
                      data-grade={column.key}
                    >
                      <strong>
                        <Figure
                          value={data.total[column.key]}
                          grade={column.grade}
                          filters={{ from: selection.from, to: selection.to }}
                          context="in total"
                          linked={linked}
                        />
                      </strong>
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </TableWrapper>
        )
      ) : null}
    </section>
  );
}
