import { Link } from "react-router";
import { api, type OutcomeFigures } from "../api.ts";
import { formatNumber, plural } from "../format.ts";
import { useAsync } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { LoadError, Loading, SummaryList } from "./govuk.tsx";
import { formatKg, formatPounds, formatYears, outcomeListPath } from "./outcome.tsx";

/** Each figure worth showing for a group: its words, the value as text, and its records' filters. */
function linesOf(figures: OutcomeFigures) {
  const { seizures: seized, safeguarded } = figures;
  const lines: { key: string; value: number; text: string; records: Record<string, string> }[] = [
    {
      key: "Arrests",
      value: figures.arrests,
      text: plural(figures.arrests, "person", "people"),
      records: { kind: "arrest" },
    },
    {
      key: "Charges",
      value: figures.charges,
      text: plural(figures.charges, "person", "people"),
      records: { kind: "charge" },
    },
    {
      key: "Convictions",
      value: figures.convictions,
      text: `${plural(figures.convictions, "person", "people")}, ${formatYears(figures.sentenceYears)} of sentences`,
      records: { kind: "conviction" },
    },
    {
      key: "Cocaine seized",
      value: seized.cocaineKg,
      text: formatKg(seized.cocaineKg),
      records: { kind: "seizure", commodity: "cocaine" },
    },
    {
      key: "Heroin seized",
      value: seized.heroinKg,
      text: formatKg(seized.heroinKg),
      records: { kind: "seizure", commodity: "heroin" },
    },
    {
      key: "Cannabis seized",
      value: seized.cannabisKg,
      text: formatKg(seized.cannabisKg),
      records: { kind: "seizure", commodity: "cannabis" },
    },
    {
      key: "Other drugs seized",
      value: seized.otherDrugsKg,
      text: formatKg(seized.otherDrugsKg),
      records: { kind: "seizure", commodity: "other-drugs" },
    },
    {
      key: "Firearms seized",
      value: seized.firearms,
      text: formatNumber(seized.firearms),
      records: { kind: "seizure", commodity: "firearms" },
    },
    {
      key: "Ammunition seized",
      value: seized.ammunition,
      text: plural(seized.ammunition, "round"),
      records: { kind: "seizure", commodity: "ammunition" },
    },
    {
      key: "Cash seized",
      value: seized.cashPounds,
      text: formatPounds(seized.cashPounds),
      records: { kind: "seizure", commodity: "cash" },
    },
    {
      key: "Confiscation orders",
      value: figures.confiscationOrders.count,
      text: `${formatNumber(figures.confiscationOrders.count)}, ${formatPounds(figures.confiscationOrders.amountPounds)}`,
      records: { kind: "confiscation-order" },
    },
    {
      key: "Restraint orders",
      value: figures.restraintOrders.count,
      text: `${formatNumber(figures.restraintOrders.count)}, ${formatPounds(figures.restraintOrders.amountPounds)}`,
      records: { kind: "restraint-order" },
    },
    {
      key: "Children safeguarded",
      value: safeguarded.children,
      text: formatNumber(safeguarded.children),
      records: { kind: "safeguarding", safeguardedGroup: "children" },
    },
    {
      key: "Adults safeguarded",
      value: safeguarded.adults,
      text: formatNumber(safeguarded.adults),
      records: { kind: "safeguarding", safeguardedGroup: "adults" },
    },
  ];
  return lines.filter((line) => line.value > 0);
}

/** What the operations against one OCG achieved, for its record page; shown to those who read outcomes. */
export function OcgOutcomes({ ocgId }: { ocgId: string }) {
  const { can } = useSession();
  if (!can("outcomes.read")) return null;
  return <OutcomesOf ocgId={ocgId} record={can("outcomes.record")} />;
}

function OutcomesOf({ ocgId, record }: { ocgId: string; record: boolean }) {
  const totals = useAsync(() => api.outcomeTotals({ ocgId }), [ocgId]);
  const lines = totals.data ? linesOf(totals.data.total) : [];
  const recordLink = record ? (
    <Link className="govuk-link" to={`/organised-crime/outcomes/new?ocgId=${encodeURIComponent(ocgId)}`}>
      Record an outcome against this group
    </Link>
  ) : null;
  return (
    <section className="rocu-section" aria-labelledby="outcomes-heading" data-testid="ocg-outcomes">
      <h2 className="govuk-heading-m" id="outcomes-heading">
        Outcomes
      </h2>
      {totals.error ? <LoadError error={totals.error} retry={totals.reload} /> : null}
      {!totals.data && !totals.error ? <Loading what="Loading outcomes" /> : null}
      {totals.data ? (
        lines.length === 0 ? (
          <p className="govuk-body">No outcomes you can see are recorded against this group. {recordLink}</p>
        ) : (
          <>
            <SummaryList
              rows={lines.map((line) => ({
                key: line.key,
                value: (
                  <Link className="govuk-link" to={outcomeListPath({ ocgId, ...line.records })}>
                    {line.text}
                  </Link>
                ),
              }))}
            />
            <p className="govuk-body">
              <Link className="govuk-link" to={outcomeListPath({ ocgId })}>
                See every outcome against this group
              </Link>
            </p>
            {recordLink ? <p className="govuk-body">{recordLink}</p> : null}
          </>
        )
      ) : null}
    </section>
  );
}
