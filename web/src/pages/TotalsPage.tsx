import { type FormEvent, useEffect, useState } from "react";
import { Link } from "react-router";
import type { Scope } from "../api.ts";
import { DisruptionTotals } from "../components/DisruptionTotals.tsx";
import { Breadcrumbs, Radios, TextInput } from "../components/govuk.tsx";
import { useListParams } from "../components/listing.tsx";
import { OutcomeTotals, type TotalsSelection } from "../components/OutcomeTotals.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

const CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/organised-crime", text: "Organised crime" },
];

const SCOPE_WORDS: Record<Scope, string> = {
  force: "your force's",
  region: "those of the forces in your region",
  national: "those of every force",
};

const PERIODS: { value: TotalsSelection["period"]; label: string }[] = [
  { value: "fy", label: "Financial year" },
  { value: "quarter", label: "Quarter" },
  { value: "month", label: "Month" },
];
const GROUPINGS: { value: TotalsSelection["groupBy"]; label: string }[] = [
  { value: "none", label: "No grouping" },
  { value: "force", label: "Force" },
  { value: "region", label: "Region" },
];

function selectionOf(params: URLSearchParams): TotalsSelection {
  const period = PERIODS.find((option) => option.value === params.get("period"))?.value ?? "fy";
  const groupBy = GROUPINGS.find((option) => option.value === params.get("groupBy"))?.value ?? "none";
  return { period, groupBy, from: params.get("from") ?? "", to: params.get("to") ?? "" };
}

/**
 * Pursue totals for boards and managers: counts and sums only, by financial year, quarter or
 * month, optionally per force or region. Each section stands on its own, so other totals
 * (disruptions) sit beside the outcomes'.
 */
export function TotalsPage() {
  useTitle("Totals", "Organised crime");
  const { me, can } = useSession();
  const { params, setParams } = useListParams();
  const selection = selectionOf(params);
  const key = `${selection.period}|${selection.groupBy}|${selection.from}|${selection.to}`;
  const [draft, setDraft] = useState(selection);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the selection is summed up by key.
  useEffect(() => setDraft(selection), [key]);

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.period !== "fy") next.set("period", draft.period);
    if (draft.groupBy !== "none") next.set("groupBy", draft.groupBy);
    if (draft.from) next.set("from", draft.from);
    if (draft.to) next.set("to", draft.to);
    setParams(next);
  }

  return (
    <>
      <PursueNav />
      {can("ocgs.read") ? <Breadcrumbs items={CRUMBS} /> : null}
      <span className="govuk-caption-l">Organised crime</span>
      <h1 className="govuk-heading-l">Totals</h1>
      <p className="govuk-body">
        What the Pursue work achieved, added up by financial year (1 April to 31 March), quarter or month.
        {me
          ? ` They count only the records you may see: ${SCOPE_WORDS[me.scope]}, marked up to ${me.clearance}.`
          : ""}
      </p>

      <search className="rocu-filters" aria-label="Choose the totals">
        <form onSubmit={apply}>
          <div className="rocu-filters__fields">
            <Radios
              idPrefix="period"
              legend="Period"
              options={PERIODS}
              value={draft.period}
              onChange={(period) => setDraft({ ...draft, period: period as TotalsSelection["period"] })}
              small
            />
            <Radios
              idPrefix="groupBy"
              legend="Group by"
              options={GROUPINGS}
              value={draft.groupBy}
              onChange={(groupBy) => setDraft({ ...draft, groupBy: groupBy as TotalsSelection["groupBy"] })}
              small
            />
            <TextInput
              id="totals-from"
              name="from"
              type="date"
              label="From"
              value={draft.from}
              onChange={(from) => setDraft({ ...draft, from })}
            />
            <TextInput
              id="totals-to"
              name="to"
              type="date"
              label="To"
              value={draft.to}
              onChange={(to) => setDraft({ ...draft, to })}
            />
          </div>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--secondary">
              Show totals
            </button>
            {params.toString() ? (
              <Link className="govuk-link" to="?">
                Reset
              </Link>
            ) : null}
          </div>
        </form>
      </search>

      <DisruptionTotals selection={selection} />
      <OutcomeTotals selection={selection} />
    </>
  );
}
