import { useState } from "react";
import { Link, useParams } from "react-router";
import { formatPence, formatShare, parsePounds } from "#src/lib/money.ts";
import { ApiError, type Formula, type FormulaVersion, fundingApi, type Split } from "../api.ts";
import {
  currentFinancialYear,
  FundingNav,
  financialYearName,
  financialYearOptions,
  formulaPath,
  mayManageFunding,
  readPounds,
} from "../components/funding.tsx";
import {
  Breadcrumbs,
  FormErrorSummary,
  hasErrors,
  LoadError,
  Loading,
  Select,
  SuccessBanner,
  SummaryList,
  TableWrapper,
  TextInput,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { useRecordForm } from "../components/recordForm.ts";
import { formatDateTime } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";

export const FORMULA_CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/funding", text: "Funding" },
  { to: "/funding/formulas", text: "Formulas" },
];

export function FormulaDetailPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const formula = useAsync(() => fundingApi.formula(id), [id]);
  const [message] = useState<string | null>(useArrivalMessage());
  const record = formula.data;
  useTitle(record ? record.name : "Formula", "Funding");
  useClassification(highestMarking([record?.classification]));

  if (formula.error instanceof ApiError && formula.error.status === 404) return <NotFoundPage />;
  if (!record) {
    return (
      <>
        <FundingNav />
        <Breadcrumbs items={FORMULA_CRUMBS} />
        {formula.error ? (
          <LoadError error={formula.error} retry={formula.reload} />
        ) : (
          <Loading what="Loading the formula" />
        )}
      </>
    );
  }

  return (
    <>
      <FundingNav />
      <Breadcrumbs items={FORMULA_CRUMBS} />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      <span className="govuk-caption-l">Cost-sharing formula</span>
      <h1 className="govuk-heading-l">{record.name}</h1>
      {mayManageFunding(me, record) ? (
        <div className="govuk-button-group">
          <Link className="govuk-button govuk-button--secondary" to={formulaPath(record.id, "/versions/new")}>
            New version for a year<span className="govuk-visually-hidden"> of {record.name}</span>
          </Link>
        </div>
      ) : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              { key: "Covers", value: record.scopeDescription },
              { key: "Kept by", value: record.owner.name },
              {
                key: "Years decided",
                value: record.versions.map((version) => version.financialYear).join(", "),
              },
              { key: "Classification", value: record.classification },
              { key: "Recorded", value: formatDateTime(record.createdAt) },
              { key: "Last updated", value: formatDateTime(record.updatedAt) },
            ]}
          />
          <h2 className="govuk-heading-m">Shares by financial year</h2>
          <p className="govuk-body">
            Each version applies from its financial year until a later one. Shares are never changed once
            decided: a new decision is a new version.
          </p>
          {[...record.versions].reverse().map((version) => (
            <VersionShares key={version.id} formula={record} version={version} />
          ))}
          <SplitPreview formula={record} />
        </div>
      </div>
    </>
  );
}

/** "2018/19 to 2019/20" when a later version follows, "2020/21 onwards" for the latest. */
function periodOf(formula: Formula, version: FormulaVersion): string {
  const index = formula.versions.findIndex((candidate) => candidate.id === version.id);
  const next = formula.versions[index + 1];
  if (!next) return `${version.financialYear} onwards`;
  const lastYear = financialYearName(Number(next.financialYear.slice(0, 4)) - 1);
  return lastYear === version.financialYear
    ? version.financialYear
    : `${version.financialYear} to ${lastYear}`;
}

function VersionShares({ formula, version }: { formula: Formula; version: FormulaVersion }) {
  const headingId = `version-${version.id}`;
  const total = version.parts.reduce((sum, part) => sum + part.shareBasisPoints, 0);
  return (
    <section className="rocu-section" aria-labelledby={headingId} data-testid="formula-version">
      <h3 className="govuk-heading-s" id={headingId}>
        {periodOf(formula, version)}
      </h3>
      <p className="govuk-body">
        Set by {version.decisionReference}.{version.notes ? ` ${version.notes}` : ""}
      </p>
      <TableWrapper label={`Shares, ${periodOf(formula, version)}`}>
        <table className="govuk-table rocu-table--dense">
          <caption className="govuk-table__caption govuk-visually-hidden">
            Shares, {periodOf(formula, version)}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Part
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Share
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {version.parts.map((part) => (
              <tr className="govuk-table__row" key={part.position}>
                <td className="govuk-table__cell">
                  {part.nestedFormula ? (
                    <>
                      <Link className="govuk-link" to={formulaPath(part.nestedFormula.id)}>
                        {part.nestedFormula.name}
                      </Link>
                      <span className="rocu-block rocu-muted">A formula of its own: it splits this part</span>
                    </>
                  ) : (
                    (part.party?.name ?? "")
                  )}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric rocu-money">{part.share}</td>
              </tr>
            ))}
            <tr className="govuk-table__row rocu-total-row">
              <th scope="row" className="govuk-table__header">
                Total
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                <strong>{formatShare(total)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </TableWrapper>
    </section>
  );
}

interface SplitValues {
  amount: string;
  financialYear: string;
}

const SPLIT_FIELDS = { amountPence: "split-amount", financialYear: "split-financialYear" };

function checkSplit(values: SplitValues): Record<string, string> {
  const read = readPounds(values.amount, "the amount to split");
  return "error" in read ? { [SPLIT_FIELDS.amountPence]: read.error } : {};
}

/** What each party would pay of an amount, through nested formulas: asks the server, writes nothing. */
function SplitPreview({ formula }: { formula: Formula }) {
  const current = financialYearName(currentFinancialYear());
  const first = formula.versions[0]?.financialYear ?? current;
  const [result, setResult] = useState<Split | null>(null);
  const { values, set, errors, busy, submit } = useRecordForm({
    // Years before the first version have no shares: start from the first decided year then.
    initial: { amount: "", financialYear: current < first ? first : current },
    check: checkSplit,
    toBody: (input: SplitValues) => ({
      amountPence: parsePounds(input.amount),
      financialYear: input.financialYear,
    }),
    onSubmit: async (body) => setResult(await fundingApi.split(formula.id, body)),
    fieldIds: SPLIT_FIELDS,
  });
  return (
    <section className="rocu-section" aria-labelledby="split-heading">
      <h2 className="govuk-heading-m" id="split-heading">
        Preview a split
      </h2>
      <FormErrorSummary errors={errors} />
      <p className="govuk-body">
        What each force pays of an amount, exact to the penny. Nothing is recorded.
      </p>
      <form onSubmit={submit} noValidate aria-labelledby="split-heading">
        <TextInput
          id={SPLIT_FIELDS.amountPence}
          label="Amount to split, in pounds"
          hint="For example 1,000,000 or 25000.50"
          value={values.amount}
          onChange={(amount) => set({ amount })}
          error={errors.fields[SPLIT_FIELDS.amountPence]}
          prefix="£"
          inputMode="decimal"
          autoComplete="off"
          width="10"
        />
        <Select
          id={SPLIT_FIELDS.financialYear}
          label="Financial year"
          hint="The shares in effect that year apply"
          value={values.financialYear}
          onChange={(financialYear) => set({ financialYear })}
          options={financialYearOptions()}
          error={errors.fields[SPLIT_FIELDS.financialYear]}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" disabled={busy}>
          Preview the split
        </button>
      </form>
      {/* An answer to an earlier amount is hidden while this one has errors. */}
      {result && !hasErrors(errors) ? <SplitTable split={result} /> : null}
    </section>
  );
}

function SplitTable({ split }: { split: Split }) {
  const caption = `${split.amount} in ${split.financialYear}, by the shares decided for ${split.versionFinancialYear} (${split.decisionReference})`;
  return (
    <div aria-live="polite">
      <TableWrapper label="What each party pays">
        <table className="govuk-table rocu-table--dense" data-testid="split-table">
          <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Party
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Pays
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {split.parts.map((part) => (
              <tr
                className="govuk-table__row"
                key={`${part.party.id}-${part.via.map((via) => via.id).join("-")}`}
                data-testid="split-row"
              >
                <td className="govuk-table__cell">
                  {part.party.name}
                  {part.via.length > 0 ? (
                    <span className="rocu-block rocu-muted">
                      Through {part.via.map((via) => via.name).join(", then ")}
                    </span>
                  ) : null}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                  {formatPence(part.amountPence)}
                </td>
              </tr>
            ))}
            <tr className="govuk-table__row rocu-total-row" data-testid="split-total">
              <th scope="row" className="govuk-table__header">
                Total
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                <strong>{formatPence(split.parts.reduce((sum, part) => sum + part.amountPence, 0))}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </TableWrapper>
    </div>
  );
}
