import * as Plot from "@observablehq/plot";
import { type FormEvent, type ReactNode, useMemo } from "react";
import { Link } from "react-router";
import { addMonths, firstDayOf, lastDayOf } from "#src/features/cyber-dashboard/months.ts";
import { api, type CyberDashboard, type Scope } from "../api.ts";
import { CyberNav } from "../components/CyberNav.tsx";
import { LoadError, Loading, Select, TableWrapper } from "../components/govuk.tsx";
import { useListParams } from "../components/listing.tsx";
import { type ChartRenderer, PlotChart } from "../components/PlotChart.tsx";
import {
  AGE_BAND_LABELS,
  formatPence,
  STATUS_LABELS,
  UNIT_LABELS,
  VICTIM_TYPE_LABELS,
} from "../components/referral.tsx";
import { formatNumber, plural } from "../format.ts";
import { useAsync, useReportFilters, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

type Category = keyof CyberDashboard["months"][number]["categories"];

const CATEGORIES: { key: Category; label: string; colour: string }[] = [
  // Blue, vermillion and grey: told apart with any colour vision, each 3:1 or more against white.
  { key: "cyber-dependent", label: "Cyber-dependent", colour: "#0072b2" },
  { key: "cyber-enabled", label: "Cyber-enabled", colour: "#c4510b" },
  { key: "other", label: "Other fraud", colour: "#505a5f" },
];
const CATEGORY_LABELS = Object.fromEntries(
  CATEGORIES.map((category) => [category.key, category.label]),
) as Record<Category, string>;
const BAR_COLOUR = "#1d70b8";
/** The page's own font, at a size people can read. */
const CHART_STYLE = { fontFamily: '"GDS Transport", arial, sans-serif', fontSize: "14px" };

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "April 2026" for "2026-04". */
function monthLabel(month: string): string {
  const [year, monthNumber] = month.split("-");
  return `${MONTH_NAMES[Number(monthNumber) - 1]} ${year}`;
}

/** "Apr" over "2026": short enough for 24 bars on a phone. */
function monthTick(month: string): string {
  const [year, monthNumber] = month.split("-");
  return `${MONTH_NAMES[Number(monthNumber) - 1]?.slice(0, 3)}\n${year}`;
}

const SCOPE_WORDS: Record<Scope, string> = {
  force: "your force's referrals",
  region: "the referrals of the forces in your region",
  national: "the referrals of every force",
};

/** The months a user may pick: the last five years up to this month, newest first. */
function monthOptions(): { value: string; label: string }[] {
  const thisMonth = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" })
    .format(new Date())
    .slice(0, 7);
  return Array.from({ length: 60 }, (_, index) => {
    const month = addMonths(thisMonth, -index);
    return { value: month, label: monthLabel(month) };
  });
}

/** The month whose figure is highest, for the charts' spoken summaries. */
function peakOf<Row>(rows: readonly Row[], value: (row: Row) => number): Row | undefined {
  return rows.reduce<Row | undefined>(
    (best, row) => (best === undefined || value(row) > value(best) ? row : best),
    undefined,
  );
}

/**
 * A count axis from zero to the largest value, made nice; never empty, as an axis from 0 to 0
 * cannot be drawn.
 */
const countDomain = (values: readonly number[]): [number, number] => [0, Math.max(1, ...values)];

/** Fewer month labels when bars are narrow, so they never overlap. */
function monthTickFormat(months: readonly string[], width: number) {
  const every = Math.max(1, Math.ceil((months.length * 44) / Math.max(width - 60, 1)));
  return (month: string, index: number) => (index % every === 0 ? monthTick(month) : "");
}

const monthReferralsChart =
  (view: CyberDashboard): ChartRenderer =>
  (width) => {
    const months = view.months.map((row) => row.month);
    const data = view.months.flatMap((row) =>
      CATEGORIES.map((category) => ({
        month: row.month,
        category: category.label,
        referrals: row.categories[category.key],
      })),
    );
    return Plot.plot({
      width,
      style: CHART_STYLE,
      height: 300,
      marginLeft: 48,
      marginBottom: 40,
      x: { domain: months, label: null, tickFormat: monthTickFormat(months, width), tickSize: 0 },
      y: {
        label: "Referrals",
        grid: true,
        tickFormat: "~s",
        domain: countDomain(view.months.map((row) => row.referrals)),
        nice: true,
      },
      color: {
        domain: CATEGORIES.map((category) => category.label),
        range: CATEGORIES.map((category) => category.colour),
        legend: true,
      },
      marks: [
        Plot.barY(data, { x: "month", y: "referrals", fill: "category", stroke: "white", strokeWidth: 0.5 }),
        Plot.ruleY([0]),
      ],
    });
  };

const monthLossChart =
  (view: CyberDashboard): ChartRenderer =>
  (width) => {
    const months = view.months.map((row) => row.month);
    return Plot.plot({
      width,
      style: CHART_STYLE,
      height: 260,
      marginLeft: 56,
      marginBottom: 40,
      x: { domain: months, label: null, tickFormat: monthTickFormat(months, width), tickSize: 0 },
      y: {
        label: "Loss (£)",
        grid: true,
        tickFormat: "~s",
        domain: countDomain(view.months.map((row) => row.lossPence / 100)),
        nice: true,
      },
      marks: [
        Plot.barY(view.months, {
          x: "month",
          y: (row: CyberDashboard["months"][number]) => row.lossPence / 100,
          fill: BAR_COLOUR,
        }),
        Plot.ruleY([0]),
      ],
    });
  };

/** Horizontal bars for a short list of labelled counts, in the order given. */
function countBars<Row>(
  rows: readonly Row[],
  label: (row: Row) => string,
  value: (row: Row) => number,
  options: { xLabel: string; colour?: (row: Row) => string } = { xLabel: "Referrals" },
): ChartRenderer {
  const longest = Math.max(...rows.map((row) => label(row).length), 1);
  return (width) => {
    // Room for the longest label at about 7.5px a character, but never more than 45% of the
    // chart: longer labels wrap onto a second line (lineWidth is in ems, 14px each here).
    const marginLeft = Math.round(Math.min(longest * 7.5 + 14, width * 0.45));
    const lines = Math.ceil((longest * 7.5) / (marginLeft - 14));
    const rowHeight = Math.max(34, lines * 18 + 10);
    return Plot.plot({
      width,
      style: CHART_STYLE,
      height: 60 + rows.length * rowHeight,
      marginLeft,
      marginBottom: 44,
      x: {
        label: options.xLabel,
        labelAnchor: "center",
        grid: true,
        tickFormat: "~s",
        domain: countDomain(rows.map(value)),
        nice: true,
      },
      y: { domain: rows.map(label), label: null },
      marks: [
        Plot.axisY({ lineWidth: (marginLeft - 14) / 15, tickSize: 0 }),
        Plot.barX(rows, {
          y: label,
          x: value,
          fill: options.colour ?? (() => BAR_COLOUR),
        }),
        Plot.ruleX([0]),
      ],
    });
  };
}

/** A figure, linked to the list of exactly the referrals it counts when the reader may see them. */
function Figure({ value, href, words }: { value: number; href: string | null; words: string }) {
  // Nothing to list behind a zero.
  if (!href || value === 0) return <>{formatNumber(value)}</>;
  return (
    <Link className="govuk-link" to={href}>
      {formatNumber(value)}
      <span className="govuk-visually-hidden"> {words}</span>
    </Link>
  );
}

function NumericCell({ children }: { children: ReactNode }) {
  return <td className="govuk-table__cell govuk-table__cell--numeric">{children}</td>;
}

function HeaderRow({ headings, numericFrom }: { headings: string[]; numericFrom: number }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {headings.map((heading, index) => (
          <th
            key={heading}
            scope="col"
            className={`govuk-table__header${index >= numericFrom ? " govuk-table__header--numeric" : ""}`}
          >
            {heading}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="rocu-section" aria-labelledby={id}>
      <h2 className="govuk-heading-m" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The filters in the URL; empty values mean the server's defaults. */
function selectionOf(params: URLSearchParams) {
  return { from: params.get("from") ?? "", to: params.get("to") ?? "", forceId: params.get("forceId") ?? "" };
}

export function CyberDashboardPage() {
  useTitle("Dashboard", "Cyber crime");
  const { me, can } = useSession();
  const { params, setParams } = useListParams();
  const selection = selectionOf(params);
  const key = `${selection.from}|${selection.to}|${selection.forceId}`;
  const state = useAsync(() => api.cyberDashboard(selection), [key]);
  const view = state.data;
  const [draft, setDraft] = useReportFilters(
    selection,
    key,
    view && { from: view.from, to: view.to, forceId: view.forceId ?? "" },
  );
  const months = useMemo(monthOptions, []);

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.from) next.set("from", draft.from);
    if (draft.to) next.set("to", draft.to);
    if (draft.forceId) next.set("forceId", draft.forceId);
    setParams(next);
  }

  return (
    <>
      <CyberNav />
      <span className="govuk-caption-l">Cyber crime</span>
      <h1 className="govuk-heading-l">Cyber crime dashboard</h1>
      <p className="govuk-body">
        The extent of fraud and cyber crime reported, month by month: how much, of what kind, who the victims
        are, what they lost and what was done.
        {me
          ? ` It counts ${SCOPE_WORDS[me.scope]}, marked up to ${me.clearance === "SECRET" ? "SECRET" : "OFFICIAL-SENSITIVE"}, by the date reported.`
          : ""}{" "}
        No figure names a victim or a suspect.
      </p>

      <search className="rocu-filters" aria-label="Choose the figures">
        <form onSubmit={apply}>
          <div className="rocu-filters__fields">
            <Select
              id="dashboard-from"
              label="From"
              value={draft.from}
              onChange={(from) => setDraft({ ...draft, from })}
              options={months}
            />
            <Select
              id="dashboard-to"
              label="To (included)"
              value={draft.to}
              onChange={(to) => setDraft({ ...draft, to })}
              options={months}
            />
            {view && view.forces.length > 1 ? (
              <Select
                id="dashboard-force"
                label="Force"
                value={draft.forceId}
                onChange={(forceId) => setDraft({ ...draft, forceId })}
                placeholder="All forces you can see"
                options={view.forces.map((force) => ({ value: force.id, label: force.name }))}
              />
            ) : null}
          </div>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--secondary">
              Show figures
            </button>
            {params.toString() ? (
              <Link className="govuk-link" to="?">
                Last 12 months
              </Link>
            ) : null}
          </div>
        </form>
      </search>

      {state.error ? <LoadError error={state.error} retry={state.reload} /> : null}
      {!view && state.loading ? <Loading what="Counting referrals" /> : null}
      {view ? (
        <DashboardFigures
          view={view}
          // The referral list shows a region's users only the referrals allocated to the ROCU, so
          // its totals would not match these region-wide counts: region users see plain numbers.
          linkable={can("referrals.read") && me?.scope !== "region"}
        />
      ) : null}
    </>
  );
}

function DashboardFigures({ view, linkable }: { view: CyberDashboard; linkable: boolean }) {
  const period = `${monthLabel(view.from)} to ${monthLabel(view.to)}`;
  const forceName = view.forces.find((force) => force.id === view.forceId)?.name;

  /** The referral list filtered to exactly the referrals a figure counts. */
  const listHref = (filters: Record<string, string | null>) => {
    if (!linkable) return null;
    const search = new URLSearchParams({
      reportedFrom: firstDayOf(view.from),
      reportedTo: lastDayOf(view.to),
    });
    if (view.forceId) search.set("forceId", view.forceId);
    for (const [name, value] of Object.entries(filters)) if (value) search.set(name, value);
    return `/cyber-crime/referrals?${search.toString()}`;
  };

  return (
    <>
      <p className="govuk-body-l">
        {plural(view.totals.referrals, "referral")} reported from {period}
        {forceName ? ` in ${forceName}` : ""}, with losses of {formatPence(view.totals.lossPence)}.
      </p>
      {view.totals.referrals === 0 ? (
        <p className="govuk-body">
          No referrals were reported in these months that you may see. Choose other months, or import
          referrals to see them counted here.
        </p>
      ) : (
        <Series view={view} period={period} listHref={listHref} />
      )}
    </>
  );
}

/** Every chart with its table, for a range that has referrals. */
function Series({
  view,
  period,
  listHref,
}: {
  view: CyberDashboard;
  period: string;
  listHref: (filters: Record<string, string | null>) => string | null;
}) {
  const charts = useMemo(
    () => ({
      months: monthReferralsChart(view),
      losses: monthLossChart(view),
      codes: countBars(
        view.nfibCodes,
        (row) => row.code,
        (row) => row.referrals,
        {
          xLabel: "Referrals",
          colour: (row) => CATEGORIES.find((category) => category.key === row.category)?.colour ?? BAR_COLOUR,
        },
      ),
      ageBands: countBars(
        view.victimAgeBands,
        (row) => AGE_BAND_LABELS[row.victimAgeBand],
        (row) => row.referrals,
      ),
      victimTypes: countBars(
        view.victimTypes,
        (row) => VICTIM_TYPE_LABELS[row.victimType],
        (row) => row.referrals,
      ),
      lossBands: countBars(
        view.lossBands,
        (row) => row.label,
        (row) => row.referrals,
      ),
      triage: countBars(view.triage, triageLabel, (row) => row.referrals),
      contact: countBars(
        CONTACT_TARGETS,
        (target) => target.label,
        (target) => view.contactTarget[target.key],
        { xLabel: "Vulnerable victims" },
      ),
    }),
    [view],
  );

  const busiestMonth = peakOf(view.months, (row) => row.referrals);
  const costliestMonth = peakOf(view.months, (row) => row.lossPence);
  const biggestAgeBand = peakOf(view.victimAgeBands, (row) => row.referrals);

  return (
    <>
      <Section id="by-month" title="Referrals and losses by month">
        <PlotChart
          title="Referrals each month, by kind of crime"
          summary={`Stacked bar chart of referrals reported each month from ${period}, split into cyber-dependent, cyber-enabled and other fraud.${
            busiestMonth && busiestMonth.referrals > 0
              ? ` The most were in ${monthLabel(busiestMonth.month)}: ${busiestMonth.referrals}.`
              : ""
          } The table below gives every figure.`}
          render={charts.months}
        />
        <PlotChart
          title="Losses each month"
          summary={`Bar chart of the losses reported each month from ${period}.${
            costliestMonth && costliestMonth.lossPence > 0
              ? ` The largest were in ${monthLabel(costliestMonth.month)}: ${formatPence(costliestMonth.lossPence)}.`
              : ""
          } The table below gives every figure.`}
          render={charts.losses}
        />
        <TableWrapper label="Table of referrals and losses by month">
          <table className="govuk-table rocu-table--dense">
            <caption className="govuk-table__caption govuk-table__caption--s">
              Referrals by month and kind of crime, and their losses
            </caption>
            <HeaderRow
              headings={["Month", ...CATEGORIES.map((category) => category.label), "All referrals", "Losses"]}
              numericFrom={1}
            />
            <tbody className="govuk-table__body">
              {view.months.map((row) => (
                <tr key={row.month} className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    {monthLabel(row.month)}
                  </th>
                  {CATEGORIES.map((category) => (
                    <NumericCell key={category.key}>
                      <Figure
                        value={row.categories[category.key]}
                        href={listHref({ month: row.month, category: category.key })}
                        words={`${category.label.toLowerCase()} referrals in ${monthLabel(row.month)}`}
                      />
                    </NumericCell>
                  ))}
                  <NumericCell>
                    <Figure
                      value={row.referrals}
                      href={listHref({ month: row.month })}
                      words={`referrals in ${monthLabel(row.month)}`}
                    />
                  </NumericCell>
                  <NumericCell>{formatPence(row.lossPence)}</NumericCell>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrapper>
      </Section>

      <Section id="by-code" title="Referrals by NFIB crime code">
        {view.nfibCodes.length > 0 ? (
          <>
            <PlotChart
              title="Referrals for each NFIB code, coloured by kind of crime"
              summary={`Bar chart of referrals for each NFIB crime code reported from ${period}, most first, coloured cyber-dependent, cyber-enabled or other fraud. The table below gives every figure.`}
              render={charts.codes}
            />
            <TableWrapper label="Referrals by NFIB code">
              <table className="govuk-table rocu-table--dense">
                <caption className="govuk-table__caption govuk-table__caption--s">
                  Referrals and losses by NFIB crime code, most referrals first
                </caption>
                <HeaderRow headings={["Code", "Crime", "Kind", "Referrals", "Losses"]} numericFrom={3} />
                <tbody className="govuk-table__body">
                  {view.nfibCodes.map((row) => (
                    <tr key={row.code} className="govuk-table__row">
                      <th scope="row" className="govuk-table__header">
                        {row.code}
                      </th>
                      <td className="govuk-table__cell">{row.name}</td>
                      <td className="govuk-table__cell">{CATEGORY_LABELS[row.category]}</td>
                      <NumericCell>
                        <Figure
                          value={row.referrals}
                          href={listHref({ nfibCode: row.code })}
                          words={`referrals coded ${row.code}`}
                        />
                      </NumericCell>
                      <NumericCell>{formatPence(row.lossPence)}</NumericCell>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
          </>
        ) : (
          <p className="govuk-body">No referrals, so no codes, in these months.</p>
        )}
      </Section>

      <Section id="by-victim" title="Victims">
        <PlotChart
          title="Referrals by the victim's age band"
          summary={`Bar chart of referrals by the victim's age band, youngest first, from ${period}.${
            biggestAgeBand && biggestAgeBand.referrals > 0
              ? ` The largest band is ${AGE_BAND_LABELS[biggestAgeBand.victimAgeBand].toLowerCase()}: ${biggestAgeBand.referrals}.`
              : ""
          } The table below gives every figure.`}
          render={charts.ageBands}
        />
        <CountTable
          caption="Referrals by the victim's age band"
          heading="Age band"
          rows={view.victimAgeBands.map((row) => ({
            key: row.victimAgeBand,
            label: AGE_BAND_LABELS[row.victimAgeBand],
            referrals: row.referrals,
            href: listHref({ victimAgeBand: row.victimAgeBand }),
            words: `referrals with a victim aged ${AGE_BAND_LABELS[row.victimAgeBand].toLowerCase()}`,
          }))}
        />
        <PlotChart
          title="Referrals by kind of victim"
          summary={`Bar chart of referrals by kind of victim (individual, business, organisation, charity) from ${period}. The table below gives every figure.`}
          render={charts.victimTypes}
        />
        <CountTable
          caption="Referrals by kind of victim"
          heading="Victim"
          rows={view.victimTypes.map((row) => ({
            key: row.victimType,
            label: VICTIM_TYPE_LABELS[row.victimType],
            referrals: row.referrals,
            href: listHref({ victimType: row.victimType }),
            words: `referrals where the victim is ${VICTIM_TYPE_LABELS[row.victimType].toLowerCase()}`,
          }))}
        />
      </Section>

      <Section id="by-loss" title="Losses">
        <PlotChart
          title="Referrals by the size of the loss"
          summary={`Bar chart of referrals by loss band, from no loss to £100,000 or more, from ${period}. The table below gives every figure.`}
          render={charts.lossBands}
        />
        <TableWrapper label="Referrals by loss band">
          <table className="govuk-table rocu-table--dense">
            <caption className="govuk-table__caption govuk-table__caption--s">
              Referrals and their losses by loss band
            </caption>
            <HeaderRow headings={["Loss", "Referrals", "Losses"]} numericFrom={1} />
            <tbody className="govuk-table__body">
              {view.lossBands.map((row) => (
                <tr key={row.band} className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    {row.label}
                  </th>
                  <NumericCell>{formatNumber(row.referrals)}</NumericCell>
                  <NumericCell>{formatPence(row.lossPence)}</NumericCell>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrapper>
      </Section>

      <Section id="by-outcome" title="Triage outcomes and victim contact">
        <PlotChart
          title="Referrals by triage outcome"
          summary={`Bar chart of referrals by triage outcome — awaiting triage, allocated to each unit, victim care only, or no further action — from ${period}. The table below gives every figure.`}
          render={charts.triage}
        />
        <CountTable
          caption="Referrals by triage outcome"
          heading="Outcome"
          rows={view.triage.map((row) => ({
            key: `${row.status}-${row.allocatedUnit ?? ""}`,
            label: triageLabel(row),
            referrals: row.referrals,
            href: listHref({ status: row.status, allocatedUnit: row.allocatedUnit }),
            words: `referrals: ${triageLabel(row).toLowerCase()}`,
          }))}
        />
        <PlotChart
          title="Vulnerable victims contacted within the target"
          summary={`Bar chart of vulnerable victims contacted within the target (${view.contactTarget.met}), after it or not at all once it passed (${view.contactTarget.missed}), and still within it (${view.contactTarget.pending}), from ${period}.`}
          render={charts.contact}
        />
        <CountTable
          caption="Vulnerable victims' contact target"
          heading="Contact target"
          countHeading="Vulnerable victims"
          rows={CONTACT_TARGETS.map((target) => ({
            key: target.key,
            label: target.label,
            referrals: view.contactTarget[target.key],
            href: listHref({ contactTarget: target.key }),
            words: `vulnerable victims: ${target.label.toLowerCase()}`,
          }))}
        />
      </Section>
    </>
  );
}

const CONTACT_TARGETS: { key: keyof CyberDashboard["contactTarget"]; label: string }[] = [
  { key: "met", label: "Contacted within the target" },
  { key: "missed", label: "Target missed" },
  { key: "pending", label: "Not yet contacted, still within the target" },
];

function triageLabel(row: CyberDashboard["triage"][number]): string {
  return row.allocatedUnit ? `Allocated to ${UNIT_LABELS[row.allocatedUnit]}` : STATUS_LABELS[row.status];
}

function CountTable({
  caption,
  heading,
  countHeading = "Referrals",
  rows,
}: {
  caption: string;
  heading: string;
  countHeading?: string;
  rows: { key: string; label: string; referrals: number; href: string | null; words: string }[];
}) {
  return (
    <TableWrapper label={caption}>
      <table className="govuk-table rocu-table--dense">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <HeaderRow headings={[heading, countHeading]} numericFrom={1} />
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr key={row.key} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {row.label}
              </th>
              <NumericCell>
                <Figure value={row.referrals} href={row.href} words={row.words} />
              </NumericCell>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrapper>
  );
}
