import { type FormEvent, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { formatFte } from "#src/features/funding/reconciliation.ts";
import { formatPence } from "#src/lib/money.ts";
import { fundingApi, postsApi, type Reconciliation } from "../api.ts";
import {
  FundingNav,
  financialYearOptions,
  formulaPath,
  SpreadsheetDownloads,
} from "../components/funding.tsx";
import { LoadError, Loading, Select, TableWrapper } from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { useAsync, useTitle } from "../hooks.ts";
import { postsListPath } from "./PostListPage.tsx";

/** "Paid £9,456.00 more than its share", in words, so the sign is never the only clue. */
function balanceWords(balancePence: number): string {
  if (balancePence > 0) return `${formatPence(balancePence)} over its share`;
  if (balancePence < 0) return `${formatPence(-balancePence)} under its share`;
  return "Exactly its share";
}

export function ContributionsPage() {
  useTitle("Contributions", "Funding");
  const [params, setParams] = useSearchParams();
  const formulaId = params.get("formulaId") ?? "";
  const financialYear = params.get("financialYear") ?? "";
  const [draft, setDraft] = useState({ formulaId, financialYear });
  useEffect(() => setDraft({ formulaId, financialYear }), [formulaId, financialYear]);
  const formulas = useAsync(() => fundingApi.formulas({ pageSize: 200 }), []);
  const chosen = formulaId !== "" && financialYear !== "";
  const result = useAsync(
    () => (chosen ? postsApi.reconciliation(formulaId, financialYear) : Promise.resolve(null)),
    [formulaId, financialYear],
  );

  function show(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.formulaId) next.set("formulaId", draft.formulaId);
    if (draft.financialYear) next.set("financialYear", draft.financialYear);
    setParams(next);
  }

  return (
    <>
      <FundingNav />
      <span className="govuk-caption-l">Funding</span>
      <h1 className="govuk-heading-l">Contributions</h1>
      <p className="govuk-body">
        What each force paid in staff in a financial year, against its share of the funding formula, and what
        one force owes another to settle the difference.
      </p>
      <search className="rocu-filters" aria-label="Choose what to reconcile">
        <form onSubmit={show}>
          <div className="rocu-filters__fields">
            <Select
              id="formulaId"
              label="Formula"
              value={draft.formulaId}
              onChange={(value) => setDraft({ ...draft, formulaId: value })}
              placeholder="Choose a formula"
              options={(formulas.data?.items ?? []).map((formula) => ({
                value: formula.id,
                label: formula.name,
              }))}
            />
            <Select
              id="financialYear"
              label="Financial year"
              value={draft.financialYear}
              onChange={(value) => setDraft({ ...draft, financialYear: value })}
              placeholder="Choose a year"
              options={financialYearOptions()}
            />
          </div>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--secondary">
              Show contributions
            </button>
          </div>
        </form>
      </search>
      {formulas.error ? <LoadError error={formulas.error} retry={formulas.reload} /> : null}
      {!chosen ? (
        <p className="govuk-body" data-testid="contributions-choose">
          Choose a formula and a financial year to see each force’s contribution.
        </p>
      ) : null}
      {result.error ? <LoadError error={result.error} retry={result.reload} /> : null}
      {chosen && result.loading && !result.data ? <Loading what="Working out the contributions" /> : null}
      {result.data ? <ContributionsTable view={result.data} /> : null}
    </>
  );
}

function ContributionsTable({ view }: { view: Reconciliation }) {
  useClassification(highestMarking([view.classification]));
  const postsOf = (organisationId: string) =>
    postsListPath({
      organisationId,
      formulaId: view.formula.id,
      financialYear: view.financialYear,
      fundingSource: "force-contribution",
    });
  return (
    <>
      <h2 className="govuk-heading-m">
        {view.formula.name}, {view.financialYear}
      </h2>
      <p className="govuk-body">
        Shares as decided for {view.versionFinancialYear} ({view.decisionReference}). Staff paid from the
        forces’ own contributions cost <strong className="rocu-money">{view.total}</strong> in{" "}
        {view.financialYear}.{" "}
        <Link className="govuk-link" to={formulaPath(view.formula.id)}>
          See the formula
        </Link>
      </p>
      <SpreadsheetDownloads
        title={`Contributions to ${view.formula.name}, ${view.financialYear}`}
        fileUrl={(format) => postsApi.reconciliationFileUrl(view.formula.id, view.financialYear, format)}
      />
      <TableWrapper label="Contributions by force">
        <table className="govuk-table rocu-table--dense rocu-table--stack" data-testid="contributions">
          <caption className="govuk-table__caption govuk-table__caption--s">
            Each force’s staff costs against its share, {view.financialYear}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Force
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Posts (FTE)
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Actual
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Due share
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Due
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Balance
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {view.rows.map((row) => (
              <tr className="govuk-table__row" key={row.party.id} data-testid="contribution-row">
                <th scope="row" className="govuk-table__header">
                  {row.party.name}
                  {row.via.length > 0 ? (
                    <span className="govuk-hint govuk-!-display-block govuk-!-font-size-16 govuk-!-margin-bottom-0">
                      Through {row.via.map((formula) => formula.name).join(", ")}
                    </span>
                  ) : null}
                </th>
                <td data-label="Posts (FTE)" className="govuk-table__cell govuk-table__cell--numeric">
                  {row.postIds.length} ({row.fte})
                </td>
                <td data-label="Actual" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                  <Link className="govuk-link" to={postsOf(row.party.id)}>
                    {row.actual}
                    <span className="govuk-visually-hidden">: the posts of {row.party.name}</span>
                  </Link>
                </td>
                <td data-label="Due share" className="govuk-table__cell govuk-table__cell--numeric">
                  {row.share}
                </td>
                <td data-label="Due" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                  {row.due}
                </td>
                <td data-label="Balance" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                  {balanceWords(row.balancePence)}
                </td>
              </tr>
            ))}
            <tr className="govuk-table__row" data-testid="contributions-total">
              <th scope="row" className="govuk-table__header">
                Total
              </th>
              <td data-label="Posts (FTE)" className="govuk-table__cell govuk-table__cell--numeric">
                {view.rows.reduce((sum, row) => sum + row.postIds.length, 0)} (
                {formatFte(view.rows.reduce((sum, row) => sum + row.fteBasisPoints, 0))})
              </td>
              <td data-label="Actual" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                <strong>{view.total}</strong>
              </td>
              <td data-label="Due share" className="govuk-table__cell govuk-table__cell--numeric">
                100%
              </td>
              <td data-label="Due" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                <strong>{view.total}</strong>
              </td>
              <td className="govuk-table__cell" />
            </tr>
          </tbody>
        </table>
      </TableWrapper>
      <h2 className="govuk-heading-m">To settle</h2>
      {view.transfers.length === 0 ? (
        <p className="govuk-body" data-testid="transfers">
          Nothing to settle: every force paid exactly its share.
        </p>
      ) : (
        <ul className="govuk-list govuk-list--bullet" data-testid="transfers">
          {view.transfers.map((transfer) => (
            <li key={`${transfer.from.id}-${transfer.to.id}`}>{transfer.sentence}</li>
          ))}
        </ul>
      )}
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">How these figures are worked out</span>
        </summary>
        <div className="govuk-details__text">{view.method}</div>
      </details>
    </>
  );
}
