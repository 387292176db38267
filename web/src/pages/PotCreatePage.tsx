import { useState } from "react";
import { Link, useNavigate } from "react-router";
import type { CrimeArea } from "#src/features/funding/vocabulary.ts";
import { parsePounds } from "#src/lib/money.ts";
import { api, CLEARANCES, type Clearance, fundingApi, type NewPot } from "../api.ts";
import {
  CRIME_AREA_OPTIONS,
  FundingNav,
  financialYearOptions,
  potPath,
  readPounds,
} from "../components/funding.tsx";
import {
  Breadcrumbs,
  Checkboxes,
  FormErrorSummary,
  firstChoiceId,
  LoadError,
  Loading,
  type Option,
  Radios,
  Select,
  Textarea,
  TextInput,
} from "../components/govuk.tsx";
import { useRecordForm } from "../components/recordForm.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { POT_CRUMBS } from "./PotPages.tsx";

interface AmountRow {
  financialYear: string;
  /** As typed, in pounds: "1,500,000" or "£1,234.50". */
  amount: string;
}

interface PotValues {
  name: string;
  contributors: string[];
  crimeAreas: string[];
  amounts: AmountRow[];
  decisionReference: string;
  notes: string;
  classification: string;
}

const EMPTY_POT: PotValues = {
  name: "",
  contributors: [],
  crimeAreas: [],
  amounts: [{ financialYear: "", amount: "" }],
  decisionReference: "",
  notes: "",
  classification: "OFFICIAL",
};

const MAX_YEARS = 20;
const amountId = (index: number) => `amounts-${index}-amount`;
const yearId = (index: number) => `amounts-${index}-financialYear`;

/** Client-side checks, keyed by control id; the contributors' error goes on their first box. */
function check(values: PotValues, contributorsId: string): Record<string, string> {
  const fields: Record<string, string> = {};
  if (values.name.trim() === "") fields.name = "Enter the pot’s name";
  if (values.contributors.length === 0) fields[contributorsId] = "Choose who sets the money aside";
  const seen = new Set<string>();
  values.amounts.forEach((row, index) => {
    if (row.financialYear === "") fields[yearId(index)] = `Choose the financial year of amount ${index + 1}`;
    else if (seen.has(row.financialYear)) {
      fields[yearId(index)] = `${row.financialYear} is given twice: give each year’s amount once`;
    }
    seen.add(row.financialYear);
    const what = row.financialYear ? `the amount for ${row.financialYear}` : `amount ${index + 1}`;
    const read = readPounds(row.amount, what);
    if ("error" in read) fields[amountId(index)] = read.error;
  });
  return fields;
}

function bodyOf(values: PotValues): NewPot {
  return {
    name: values.name.trim(),
    contributorOrganisationIds: values.contributors,
    crimeAreas: values.crimeAreas as CrimeArea[],
    // check() has read every amount already, so none throws here.
    amounts: values.amounts.map((row) => ({
      financialYear: row.financialYear,
      amountPence: parsePounds(row.amount),
    })),
    decisionReference: values.decisionReference.trim(),
    notes: values.notes.trim(),
    classification: values.classification as Clearance,
  };
}

export function PotCreatePage() {
  const { me } = useSession();
  const navigate = useNavigate();
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Set up a budget pot`, "Funding");
  const offices = useAsync(
    () =>
      api.organisations().then((page) =>
        page.items
          .filter((organisation) => organisation.kind === "opcc")
          .sort((a, b) => a.name.localeCompare(b.name, "en-GB"))
          .map((organisation): Option => ({ value: organisation.id, label: organisation.name })),
      ),
    [],
  );
  const officeList = offices.data ?? [];
  const contributorsId = firstChoiceId("contributors", officeList);
  const fieldIds: Record<string, string> = {
    name: "name",
    contributorOrganisationIds: contributorsId,
    crimeAreas: firstChoiceId("crimeAreas", CRIME_AREA_OPTIONS),
    amounts: "amounts",
    decisionReference: "decisionReference",
    notes: "notes",
    classification: firstChoiceId("classification", CLEARANCES),
    ...Object.fromEntries(
      Array.from({ length: MAX_YEARS }, (_, index) => [
        [`amounts.${index}.financialYear`, yearId(index)],
        [`amounts.${index}.amountPence`, amountId(index)],
      ]).flat(),
    ),
  };
  const { values, set, errors, busy, submit } = useRecordForm({
    initial: EMPTY_POT,
    check: (current) => check(current, contributorsId),
    toBody: bodyOf,
    onSubmit: async (body) => {
      const created = await fundingApi.createPot(body);
      navigate(potPath(created.id), { state: { message: `${created.name} has been set up.` } });
    },
    fieldIds,
    onErrors: setErrorsShown,
  });

  const clearanceRank = CLEARANCES.indexOf(me?.clearance ?? "OFFICIAL");
  const setRow = (index: number, changes: Partial<AmountRow>) =>
    set({ amounts: values.amounts.map((row, at) => (at === index ? { ...row, ...changes } : row)) });

  return (
    <>
      <FundingNav />
      <Breadcrumbs items={POT_CRUMBS} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <FormErrorSummary errors={errors} />
          <span className="govuk-caption-l">Funding</span>
          <h1 className="govuk-heading-l">Set up a budget pot</h1>
          <p className="govuk-body">
            Money the commissioners set aside each year for kinds of project. Approvals that draw on the pot
            commit its money; a pot cannot be changed once set up.
          </p>
          {offices.error ? <LoadError error={offices.error} retry={offices.reload} /> : null}
          {!offices.data && !offices.error ? <Loading what="Loading commissioners’ offices" /> : null}
          {offices.data ? (
            <form onSubmit={submit} noValidate aria-label="Set up a budget pot">
              <TextInput
                id="name"
                label="Name"
                hint="For example Alliance rural, business and cyber crime fund"
                value={values.name}
                onChange={(name) => set({ name })}
                error={errors.fields.name}
                autoComplete="off"
              />
              <Checkboxes
                idPrefix="contributors"
                legend="Contributing commissioners’ offices"
                hint="Who sets the money aside. The pot belongs to the first office you tick, and to its force and region."
                options={officeList}
                values={values.contributors}
                onChange={(contributors) => set({ contributors })}
                error={errors.fields[contributorsId]}
                small
              />
              <Checkboxes
                idPrefix="crimeAreas"
                legend="Crime areas it pays for"
                hint="Leave all unticked if it pays for any crime area"
                options={CRIME_AREA_OPTIONS}
                values={values.crimeAreas}
                onChange={(crimeAreas) => set({ crimeAreas })}
                error={errors.fields[fieldIds.crimeAreas ?? ""]}
                small
                columns
              />
              <div
                id="amounts"
                tabIndex={-1}
                className={`govuk-form-group${errors.fields.amounts ? " govuk-form-group--error" : ""}`}
              >
                <h2 className="govuk-heading-m">Money per financial year</h2>
                <p className="govuk-hint">In pounds, for example 1,500,000 or 1234.50.</p>
                {errors.fields.amounts ? (
                  <p className="govuk-error-message">
                    <span className="govuk-visually-hidden">Error:</span> {errors.fields.amounts}
                  </p>
                ) : null}
                {values.amounts.map((row, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are identified by their place in the list.
                  <fieldset className="govuk-fieldset rocu-repeat rocu-money-row" key={`amount-${index}`}>
                    <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                      Amount {index + 1}
                    </legend>
                    <Select
                      id={yearId(index)}
                      label="Financial year"
                      value={row.financialYear}
                      onChange={(financialYear) => setRow(index, { financialYear })}
                      placeholder="Choose a year"
                      options={financialYearOptions()}
                      error={errors.fields[yearId(index)]}
                    />
                    <TextInput
                      id={amountId(index)}
                      label="Amount in pounds"
                      value={row.amount}
                      onChange={(amount) => setRow(index, { amount })}
                      error={errors.fields[amountId(index)]}
                      prefix="£"
                      inputMode="decimal"
                      autoComplete="off"
                      spellCheck={false}
                      width="10"
                    />
                    {values.amounts.length > 1 ? (
                      <button
                        type="button"
                        className="govuk-button govuk-button--secondary"
                        onClick={() => set({ amounts: values.amounts.filter((_, at) => at !== index) })}
                      >
                        Remove amount {index + 1}
                      </button>
                    ) : null}
                  </fieldset>
                ))}
                {values.amounts.length < MAX_YEARS ? (
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary"
                    onClick={() => set({ amounts: [...values.amounts, { financialYear: "", amount: "" }] })}
                  >
                    Add another year
                  </button>
                ) : null}
              </div>
              <TextInput
                id="decisionReference"
                label="Decision reference (optional)"
                hint="The commissioners’ decision that set the money aside"
                value={values.decisionReference}
                onChange={(decisionReference) => set({ decisionReference })}
                error={errors.fields.decisionReference}
                autoComplete="off"
                spellCheck={false}
              />
              <Textarea
                id="notes"
                label="Notes (optional)"
                value={values.notes}
                onChange={(notes) => set({ notes })}
                error={errors.fields.notes}
              />
              <Radios
                idPrefix="classification"
                legend="Classification"
                hint="The protective marking of this record. You can only choose up to your own clearance."
                options={CLEARANCES.filter((_, index) => index <= clearanceRank).map((level) => ({
                  value: level,
                  label: level,
                }))}
                value={values.classification}
                onChange={(classification) => set({ classification })}
                error={errors.fields[fieldIds.classification ?? ""]}
                small
              />
              <div className="govuk-button-group">
                <button type="submit" className="govuk-button" disabled={busy}>
                  Set up the pot
                </button>
                <Link className="govuk-link" to="/funding/pots">
                  Cancel
                </Link>
              </div>
            </form>
          ) : null}
        </div>
      </div>
    </>
  );
}
