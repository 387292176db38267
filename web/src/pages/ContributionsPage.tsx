import { type FormEvent, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { formatFte } from "#src/features/funding/reconciliation.ts";
import { formatPence } from "#src/lib/money.ts";
import { fundingApi, type NewSettlement, postsApi, type Reconciliation } from "../api.ts";
import {
  FundingNav,
  financialYearOptions,
  formulaPath,
  mayManageFunding,
  readPounds,
  SpreadsheetDownloads,
} from "../components/funding.tsx";
import {
  FormErrorSummary,
  LoadError,
  Loading,
  Select,
  SuccessBanner,
  TableWrapper,
  Textarea,
  TextInput,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { useRecordForm } from "../components/recordForm.ts";
import { formatDate } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
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
      {result.data ? <ContributionsTable view={result.data} onPaid={result.reload} /> : null}
    </>
  );
}

function ContributionsTable({ view, onPaid }: { view: Reconciliation; onPaid: () => void }) {
  const { me } = useSession();
  const [recorded, setRecorded] = useState<string | null>(null);
  const [paying, setPaying] = useState<string | null>(null);
  const mayRecord = mayManageFunding(me, view.formula);
  const anyPaid = view.payments.length > 0;
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
      {recorded ? (
        <SuccessBanner key={recorded}>
          <p className="govuk-notification-banner__heading">Payment recorded: {recorded}.</p>
        </SuccessBanner>
      ) : null}
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
              {anyPaid ? (
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Settled so far
                </th>
              ) : null}
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
                {anyPaid ? (
                  <td
                    data-label="Settled so far"
                    className="govuk-table__cell govuk-table__cell--numeric rocu-money"
                  >
                    {settledWords(row)}
                  </td>
                ) : null}
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
              {anyPaid ? <td className="govuk-table__cell" /> : null}
              <td className="govuk-table__cell" />
            </tr>
          </tbody>
        </table>
      </TableWrapper>
      <h2 className="govuk-heading-m">{anyPaid ? "Still to settle" : "To settle"}</h2>
      {view.transfers.length === 0 ? (
        <p className="govuk-body" data-testid="transfers">
          {anyPaid
            ? "Nothing: the payments made settle every balance."
            : "Nothing to settle: every force paid exactly its share."}
        </p>
      ) : (
        <ul className="govuk-list govuk-list--spaced" data-testid="transfers">
          {view.transfers.map((transfer) => {
            const key = `${transfer.from.id}-${transfer.to.id}`;
            return (
              <li key={key} data-testid="transfer">
                <span data-testid="transfer-sentence">{transfer.sentence}</span>
                {mayRecord && paying !== key ? (
                  <>
                    {" "}
                    <button
                      type="button"
                      className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2"
                      onClick={() => setPaying(key)}
                    >
                      Record a payment
                      <span className="govuk-visually-hidden"> of what {transfer.sentence}</span>
                    </button>
                  </>
                ) : null}
                {paying === key ? (
                  <PaymentForm
                    view={view}
                    transfer={transfer}
                    onCancel={() => setPaying(null)}
                    onRecorded={(sentence) => {
                      setPaying(null);
                      setRecorded(sentence);
                      onPaid();
                    }}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {anyPaid ? <Payments view={view} /> : null}
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">How these figures are worked out</span>
        </summary>
        <div className="govuk-details__text">{view.method}</div>
      </details>
    </>
  );
}

/** "Paid £9,456.00", "Received £2,000.00", or both, so a balance can be read against what was paid. */
function settledWords(row: Reconciliation["rows"][number]): string {
  const parts = [
    row.paidPence > 0 ? `Paid ${row.paid}` : null,
    row.receivedPence > 0 ? `Received ${row.received}` : null,
  ].filter((part) => part !== null);
  return parts.length === 0 ? "Nothing" : parts.join(", ");
}

type Transfer = Reconciliation["transfers"][number];

/** Records that a transfer was paid, in full (as filled in) or in part. */
function PaymentForm({
  view,
  transfer,
  onCancel,
  onRecorded,
}: {
  view: Reconciliation;
  transfer: Transfer;
  onCancel: () => void;
  onRecorded: (sentence: string) => void;
}) {
  const ids = {
    amount: "payment-amount",
    paidOn: "payment-date",
    reference: "payment-reference",
    note: "payment-note",
  };
  const form = useRecordForm({
    initial: {
      amount: formatPence(transfer.amountPence).replace("£", ""),
      paidOn: "",
      reference: "",
      note: "",
    },
    check: (values) => {
      const fields: Record<string, string> = {};
      const read = readPounds(values.amount, "the amount paid");
      if ("error" in read) fields[ids.amount] = read.error;
      if (!values.paidOn) fields[ids.paidOn] = "Enter the date of the payment";
      if (!values.reference.trim())
        fields[ids.reference] = "Enter the payment's reference, e.g. the remittance number";
      return fields;
    },
    toBody: (values): NewSettlement => {
      const read = readPounds(values.amount, "the amount paid");
      return {
        formulaId: view.formula.id,
        financialYear: view.financialYear,
        fromOrganisationId: transfer.from.id,
        toOrganisationId: transfer.to.id,
        amountPence: "pence" in read ? read.pence : 0,
        paidOn: values.paidOn,
        reference: values.reference.trim(),
        note: values.note.trim(),
      };
    },
    onSubmit: async (body) => {
      const recorded = await postsApi.recordSettlement(body);
      onRecorded(recorded.sentence);
    },
    fieldIds: {
      amountPence: ids.amount,
      paidOn: ids.paidOn,
      reference: ids.reference,
      note: ids.note,
      fromOrganisationId: ids.amount,
      toOrganisationId: ids.amount,
    },
  });
  const { values, errors } = form;
  return (
    <form
      onSubmit={form.submit}
      noValidate
      className="govuk-!-margin-top-4"
      aria-label={`Record a payment of what ${transfer.sentence}`}
    >
      <FormErrorSummary errors={errors} />
      <TextInput
        id={ids.amount}
        label={`Amount ${transfer.from.name} paid ${transfer.to.name}, in pounds`}
        hint={`Filled in with what is owed, ${transfer.amount}. Change it for a part payment.`}
        prefix="£"
        inputMode="decimal"
        width="10"
        value={values.amount}
        onChange={(amount) => form.set({ amount })}
        error={errors.fields[ids.amount]}
      />
      <TextInput
        id={ids.paidOn}
        label="Date of the payment"
        type="date"
        value={values.paidOn}
        onChange={(paidOn) => form.set({ paidOn })}
        error={errors.fields[ids.paidOn]}
      />
      <TextInput
        id={ids.reference}
        label="Reference"
        hint="The invoice or remittance number, so the payment can be found in the ledger"
        width="20"
        value={values.reference}
        onChange={(reference) => form.set({ reference })}
        error={errors.fields[ids.reference]}
      />
      <Textarea
        id={ids.note}
        label="Note (optional)"
        value={values.note}
        onChange={(note) => form.set({ note })}
        error={errors.fields[ids.note]}
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" disabled={form.busy}>
          Record the payment
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The payments recorded for the year, oldest first. */
function Payments({ view }: { view: Reconciliation }) {
  return (
    <TableWrapper label="Payments made">
      <table className="govuk-table rocu-table--stack" data-testid="payments">
        <caption className="govuk-table__caption govuk-table__caption--m">
          Payments made for {view.financialYear}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Date
            </th>
            <th scope="col" className="govuk-table__header">
              From
            </th>
            <th scope="col" className="govuk-table__header">
              To
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Amount
            </th>
            <th scope="col" className="govuk-table__header">
              Reference
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {view.payments.map((payment) => (
            <tr className="govuk-table__row" key={payment.id} data-testid="payment">
              <td data-label="Date" className="govuk-table__cell">
                {formatDate(payment.paidOn)}
              </td>
              <td data-label="From" className="govuk-table__cell">
                {payment.from.name}
              </td>
              <td data-label="To" className="govuk-table__cell">
                {payment.to.name}
              </td>
              <td data-label="Amount" className="govuk-table__cell govuk-table__cell--numeric rocu-money">
                {payment.amount}
              </td>
              <td data-label="Reference" className="govuk-table__cell">
                {payment.reference}
                {payment.note ? (
                  <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">
                    {payment.note}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrapper>
  );
}
