import type { ReactNode } from "react";
import { Link } from "react-router";
import { api, type OutcomeFigures, type OutcomeTotalsRow, type OutcomeTotals as Totals } from "../api.ts";
import { formatNumber } from "../format.ts";
import { useAsync } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { LoadError, Loading, TableWrapper } from "./govuk.tsx";
import { formatPounds, outcomeListPath } from "./outcome.tsx";

/** What the totals page asks for: the periods, the grouping and the dates (empty: all). */
export interface TotalsSelection {
  period: Totals["period"];
  groupBy: Totals["groupBy"];
  from: string;
  to: string;
}

/** The records behind a figure, as outcome list filters. */
type Filters = Record<string, string | null | undefined>;

interface Measure {
  key: string;
  heading: string;
  /** What the figure counts, for screen readers, for one and for many: "person arrested", "people arrested". */
  words: [string, string];
  value: (figures: OutcomeFigures) => number;
  format?: (value: number) => string;
  records: Filters;
}

const kg = (value: number) => value.toLocaleString("en-GB", { maximumFractionDigits: 3 });
const years = (value: number) => value.toFixed(1);

/** A drug seized, counted by weight: its column differs from the others only by its names. */
function drugSeized(
  key: "cocaine" | "heroin" | "cannabis" | "otherDrugs",
  heading: string,
  commodity: string,
): Measure {
  const word = heading.toLowerCase();
  return {
    key,
    heading: `${heading} (kg)`,
    words: [`kg of ${word} seized`, `kg of ${word} seized`],
    value: (figures) => figures.seizures[`${key}Kg`],
    format: kg,
    records: { kind: "seizure", commodity },
  };
}

const TABLES: { title: string; caption: string; measures: Measure[] }[] = [
  {
    title: "People",
    caption: "Arrests, charges, convictions and people safeguarded",
    measures: [
      {
        key: "arrests",
        heading: "Arrests",
        words: ["person arrested", "people arrested"],
        value: (f) => f.arrests,
        records: { kind: "arrest" },
      },
      {
        key: "charges",
        heading: "Charges",
        words: ["person charged", "people charged"],
        value: (f) => f.charges,
        records: { kind: "charge" },
      },
      {
        key: "convictions",
        heading: "Convictions",
        words: ["person convicted", "people convicted"],
        value: (f) => f.convictions,
        records: { kind: "conviction" },
      },
      {
        key: "sentenceYears",
        heading: "Sentences (years)",
        words: ["year of sentences", "years of sentences"],
        value: (f) => f.sentenceYears,
        format: years,
        records: { kind: "conviction" },
      },
      {
        key: "children",
        heading: "Children safeguarded",
        words: ["child safeguarded", "children safeguarded"],
        value: (f) => f.safeguarded.children,
        records: { kind: "safeguarding", safeguardedGroup: "children" },
      },
      {
        key: "adults",
        heading: "Adults safeguarded",
        words: ["adult safeguarded", "adults safeguarded"],
        value: (f) => f.safeguarded.adults,
        records: { kind: "safeguarding", safeguardedGroup: "adults" },
      },
    ],
  },
  {
    title: "Seizures",
    caption: "Drugs seized by weight, firearms and ammunition by count, and cash",
    measures: [
      drugSeized("cocaine", "Cocaine", "cocaine"),
      drugSeized("heroin", "Heroin", "heroin"),
      drugSeized("cannabis", "Cannabis", "cannabis"),
      drugSeized("otherDrugs", "Other drugs", "other-drugs"),
      {
        key: "firearms",
        heading: "Firearms",
        words: ["firearm seized", "firearms seized"],
        value: (f) => f.seizures.firearms,
        records: { kind: "seizure", commodity: "firearms" },
      },
      {
        key: "ammunition",
        heading: "Ammunition (rounds)",
        words: ["round of ammunition seized", "rounds of ammunition seized"],
        value: (f) => f.seizures.ammunition,
        records: { kind: "seizure", commodity: "ammunition" },
      },
      {
        key: "cash",
        heading: "Cash",
        words: ["in cash seized", "in cash seized"],
        value: (f) => f.seizures.cashPounds,
        format: formatPounds,
        records: { kind: "seizure", commodity: "cash" },
      },
    ],
  },
  {
    title: "Orders",
    caption: "Confiscation and restraint orders made",
    measures: [
      {
        key: "confiscationCount",
        heading: "Confiscation orders",
        words: ["confiscation order", "confiscation orders"],
        value: (f) => f.confiscationOrders.count,
        records: { kind: "confiscation-order" },
      },
      {
        key: "confiscationAmount",
        heading: "Confiscation amount",
        words: ["in confiscation orders", "in confiscation orders"],
        value: (f) => f.confiscationOrders.amountPounds,
        format: formatPounds,
        records: { kind: "confiscation-order" },
      },
      {
        key: "restraintCount",
        heading: "Restraint orders",
        words: ["restraint order", "restraint orders"],
        value: (f) => f.restraintOrders.count,
        records: { kind: "restraint-order" },
      },
      {
        key: "restraintAmount",
        heading: "Restraint amount",
        words: ["in restraint orders", "in restraint orders"],
        value: (f) => f.restraintOrders.amountPounds,
        format: formatPounds,
        records: { kind: "restraint-order" },
      },
    ],
  },
];

/** The list filters that pick out a row's records: its dates and its force or region. */
function rowFilters(totals: Totals, row: OutcomeTotalsRow): Filters {
  return {
    from: row.from,
    to: row.to,
    ...(row.group && totals.groupBy === "force" ? { forceId: row.group.id } : {}),
    ...(row.group && totals.groupBy === "region" ? { regionId: row.group.id } : {}),
  };
}

/** A figure, linked to the list of the records behind it when the reader may open that list. */
function Figure({
  value,
  measure,
  filters,
  context,
  linked,
}: {
  value: number;
  measure: Measure;
  filters: Filters;
  context: string;
  linked: boolean;
}) {
  const text = (measure.format ?? formatNumber)(value);
  if (!linked || value === 0) return <>{text}</>;
  return (
    <Link className="govuk-link" to={outcomeListPath({ ...filters, ...measure.records })}>
      {text}
      <span className="govuk-visually-hidden">
        {" "}
        {value === 1 ? measure.words[0] : measure.words[1]}, {context}
      </span>
    </Link>
  );
}

/**
 * Outcome totals by period (and force or region) for the selection: counts and sums only. Each
 * figure links to the outcome list filtered to exactly the records it adds up.
 */
export function OutcomeTotals({ selection }: { selection: TotalsSelection }) {
  const { can } = useSession();
  const totals = useAsync(
    () => api.outcomeTotals({ ...selection }),
    [selection.period, selection.groupBy, selection.from, selection.to],
  );
  const data = totals.data;
  const linked = can("outcomes.read");
  return (
    <section className="rocu-section" aria-labelledby="outcome-totals-heading" data-testid="outcome-totals">
      <h2 className="govuk-heading-l" id="outcome-totals-heading">
        Outcomes
      </h2>
      <p className="govuk-body">
        Counts and sums of the outcomes you may see, by the date each happened.{" "}
        {linked ? "Each figure links to the outcomes it adds up." : null}
      </p>
      {totals.error ? <LoadError error={totals.error} retry={totals.reload} /> : null}
      {!data && !totals.error ? <Loading what="Loading outcome totals" /> : null}
      {data ? (
        data.rows.length === 0 ? (
          <p className="govuk-body" data-testid="outcome-totals-empty">
            No outcomes you can see were recorded in these dates.
          </p>
        ) : (
          TABLES.map((table) => (
            <TotalsTable
              key={table.title}
              title={table.title}
              caption={table.caption}
              measures={table.measures}
              totals={data}
              selection={selection}
              linked={linked}
            />
          ))
        )
      ) : null}
    </section>
  );
}

function TotalsTable({
  title,
  caption,
  measures,
  totals,
  selection,
  linked,
}: {
  title: string;
  caption: string;
  measures: Measure[];
  totals: Totals;
  selection: TotalsSelection;
  linked: boolean;
}) {
  const grouped = totals.groupBy !== "none";
  const allDates: Filters = { from: selection.from, to: selection.to };
  const cell = (content: ReactNode, key: string, label: string) => (
    <td key={key} data-label={label} className="govuk-table__cell govuk-table__cell--numeric">
      {content}
    </td>
  );
  return (
    <TableWrapper label={`Outcome totals: ${title.toLowerCase()}`}>
      <table
        className="govuk-table rocu-table--dense rocu-table--stack"
        data-testid={`totals-${title.toLowerCase()}`}
      >
        <caption className="govuk-table__caption govuk-table__caption--m">
          {title}
          <span className="govuk-hint govuk-!-margin-bottom-0 rocu-block">{caption}</span>
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Period
            </th>
            {grouped ? (
              <th scope="col" className="govuk-table__header">
                {totals.groupBy === "force" ? "Force" : "Region"}
              </th>
            ) : null}
            {measures.map((measure) => (
              <th key={measure.key} scope="col" className="govuk-table__header govuk-table__header--numeric">
                {measure.heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {totals.rows.map((row) => {
            const context = [row.period, row.group?.name].filter(Boolean).join(", ");
            return (
              <tr
                className="govuk-table__row"
                key={`${row.period}-${row.group?.id ?? ""}`}
                data-testid="totals-row"
              >
                <th scope="row" className="govuk-table__header rocu-nowrap">
                  {row.period}
                </th>
                {grouped ? (
                  <td
                    data-label={totals.groupBy === "force" ? "Force" : "Region"}
                    className="govuk-table__cell"
                  >
                    {row.group?.name}
                  </td>
                ) : null}
                {measures.map((measure) =>
                  cell(
                    <Figure
                      value={measure.value(row)}
                      measure={measure}
                      filters={rowFilters(totals, row)}
                      context={context}
                      linked={linked}
                    />,
                    measure.key,
                    measure.heading,
                  ),
                )}
              </tr>
            );
          })}
          <tr className="govuk-table__row rocu-totals-row" data-testid="totals-total">
            <th scope="row" className="govuk-table__header">
              Total
            </th>
            {grouped ? <td className="govuk-table__cell" /> : null}
            {measures.map((measure) =>
              cell(
                <strong>
                  <Figure
                    value={measure.value(totals.total)}
                    measure={measure}
                    filters={allDates}
                    context="in total"
                    linked={linked}
                  />
                </strong>,
                measure.key,
                measure.heading,
              ),
            )}
          </tr>
        </tbody>
      </table>
    </TableWrapper>
  );
}
