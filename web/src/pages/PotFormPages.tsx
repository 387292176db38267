import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { CrimeArea } from "#src/features/funding/vocabulary.ts";
import { parsePounds } from "#src/lib/money.ts";
import {
  ApiError,
  api,
  CLEARANCES,
  type Clearance,
  fundingApi,
  type NewPot,
  type Pot,
  type PotChanges,
} from "../api.ts";
import { ClassificationRadios } from "../components/ClassificationRadios.tsx";
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
  Select,
  SubmitOrCancel,
  Textarea,
  TextInput,
} from "../components/govuk.tsx";
import { useRecordForm } from "../components/recordForm.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { NotFoundPage } from "./ErrorPages.tsx";
import { crimeAreasOf, POT_CRUMBS } from "./PotPages.tsx";

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

/** Each amount's year and pounds, checked as the server would, into `fields` by control id. */
function checkAmounts(amounts: AmountRow[], fields: Record<string, string>): void {
  const seen = new Set<string>();
  amounts.forEach((row, index) => {
    if (row.financialYear === "") fields[yearId(index)] = `Choose the financial year of amount ${index + 1}`;
    else if (seen.has(row.financialYear)) {
      fields[yearId(index)] = `${row.financialYear} is given twice: give each year’s amount once`;
    }
    seen.add(row.financialYear);
    const what = row.financialYear ? `the amount for ${row.financialYear}` : `amount ${index + 1}`;
    const read = readPounds(row.amount, what);
    if ("error" in read) fields[amountId(index)] = read.error;
  });
}

/** Client-side checks, keyed by control id; the contributors' error goes on their first box. */
function check(values: PotValues, contributorsId: string): Record<string, string> {
  const fields: Record<string, string> = {};
  if (values.name.trim() === "") fields.name = "Enter the pot’s name";
  if (values.contributors.length === 0) fields[contributorsId] = "Choose who sets the money aside";
  checkAmounts(values.amounts, fields);
  return fields;
}

// checkAmounts() has read every amount already, so none throws here.
const amountsBody = (amounts: AmountRow[]) =>
  amounts.map((row) => ({ financialYear: row.financialYear, amountPence: parsePounds(row.amount) }));

/** The server's field names for the amounts, mapped to their controls. */
const AMOUNT_FIELD_IDS = Object.fromEntries(
  Array.from({ length: MAX_YEARS }, (_, index) => [
    [`amounts.${index}.financialYear`, yearId(index)],
    [`amounts.${index}.amountPence`, amountId(index)],
  ]).flat(),
);

function bodyOf(values: PotValues): NewPot {
  return {
    name: values.name.trim(),
    contributorOrganisationIds: values.contributors,
    crimeAreas: values.crimeAreas as CrimeArea[],
    amounts: amountsBody(values.amounts),
    decisionReference: values.decisionReference.trim(),
    notes: values.notes.trim(),
    classification: values.classification as Clearance,
  };
}

export function PotCreatePage() {
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
    ...AMOUNT_FIELD_IDS,
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
            commit its money. Its name and money can be changed later; who sets it aside and what it pays for
            cannot.
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
              <PotAmounts
                amounts={values.amounts}
                onChange={(amounts) => set({ amounts })}
                errors={errors.fields}
              />
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
              <ClassificationRadios
                value={values.classification}
                onChange={(classification) => set({ classification })}
                error={errors.fields[fieldIds.classification ?? ""]}
              />
              <SubmitOrCancel text="Set up the pot" busy={busy} cancelTo="/funding/pots" />
            </form>
          ) : null}
        </div>
      </div>
    </>
  );
}

interface PotChangeValues {
  name: string;
  amounts: AmountRow[];
  decisionReference: string;
  notes: string;
}

export function PotEditPage() {
  const { id = "" } = useParams();
  const pot = useAsync(() => fundingApi.pot(id), [id]);
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Change ${pot.data?.name ?? "the budget pot"}`, "Funding");
  if (pot.error instanceof ApiError && pot.error.status === 404) return <NotFoundPage />;
  return (
    <>
      <FundingNav />
      <Breadcrumbs
        items={[...POT_CRUMBS, ...(pot.data ? [{ to: potPath(pot.data.id), text: pot.data.name }] : [])]}
      />
      {pot.error ? <LoadError error={pot.error} retry={pot.reload} /> : null}
      {!pot.data && !pot.error ? <Loading what="Loading the budget pot" /> : null}
      {pot.data ? <PotChangeForm pot={pot.data} onErrors={setErrorsShown} /> : null}
    </>
  );
}

/** Changes a pot's name, references and money; what approvals have committed is the floor of each year. */
function PotChangeForm({ pot, onErrors }: { pot: Pot; onErrors: (shown: boolean) => void }) {
  const navigate = useNavigate();
  const { values, set, errors, busy, submit } = useRecordForm<PotChangeValues, PotChanges>({
    initial: {
      name: pot.name,
      amounts: pot.amounts.map((amount) => ({
        financialYear: amount.financialYear,
        amount: amount.amount.replace("£", ""),
      })),
      decisionReference: pot.decisionReference,
      notes: pot.notes,
    },
    check: (current) => {
      const fields: Record<string, string> = {};
      if (current.name.trim() === "") fields.name = "Enter the pot’s name";
      checkAmounts(current.amounts, fields);
      return fields;
    },
    toBody: (current) => ({
      name: current.name.trim(),
      amounts: amountsBody(current.amounts),
      decisionReference: current.decisionReference.trim(),
      notes: current.notes.trim(),
    }),
    onSubmit: async (body) => {
      const changed = await fundingApi.updatePot(pot.id, body);
      navigate(potPath(changed.id), { state: { message: `${changed.name} has been changed.` } });
    },
    fieldIds: {
      name: "name",
      amounts: "amounts",
      decisionReference: "decisionReference",
      notes: "notes",
      ...AMOUNT_FIELD_IDS,
    },
    onErrors,
  });
  const committed = pot.amounts.filter((amount) => amount.committedPence > 0);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrorSummary errors={errors} />
        <span className="govuk-caption-l">Budget pot</span>
        <h1 className="govuk-heading-l">Change {pot.name}</h1>
        <p className="govuk-body">
          Set aside by {pot.contributors.map((office) => office.name).join(" and ")}; pays for{" "}
          {crimeAreasOf(pot).toLowerCase()}. Who sets the money aside and what it pays for cannot change, as
          decisions relied on them.
        </p>
        {committed.length > 0 ? (
          <div className="govuk-inset-text" data-testid="pot-committed">
            No year can be less than approvals have committed from it:{" "}
            {committed.map((amount) => `${amount.committed} in ${amount.financialYear}`).join(", ")}.
          </div>
        ) : null}
        <form onSubmit={submit} noValidate aria-label={`Change ${pot.name}`}>
          <TextInput
            id="name"
            label="Name"
            value={values.name}
            onChange={(name) => set({ name })}
            error={errors.fields.name}
            autoComplete="off"
          />
          <PotAmounts
            amounts={values.amounts}
            onChange={(amounts) => set({ amounts })}
            errors={errors.fields}
          />
          <TextInput
            id="decisionReference"
            label="Decision reference (optional)"
            hint="The commissioners’ decision that set the money aside, or changed it"
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
          <SubmitOrCancel text="Save changes" busy={busy} cancelTo={potPath(pot.id)} />
        </form>
      </div>
    </div>
  );
}

/** The pot's money, a row per financial year, added and removed. */
function PotAmounts({
  amounts,
  onChange,
  errors,
}: {
  amounts: AmountRow[];
  onChange: (amounts: AmountRow[]) => void;
  errors: Record<string, string>;
}) {
  const setRow = (index: number, changes: Partial<AmountRow>) =>
    onChange(amounts.map((row, at) => (at === index ? { ...row, ...changes } : row)));
  return (
    <div
      id="amounts"
      tabIndex={-1}
      className={`govuk-form-group${errors.amounts ? " govuk-form-group--error" : ""}`}
    >
      <h2 className="govuk-heading-m">Money per financial year</h2>
      <p className="govuk-hint">In pounds, for example 1,500,000 or 1234.50.</p>
      {errors.amounts ? (
        <p className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {errors.amounts}
        </p>
      ) : null}
      {amounts.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are identified by their place in the list.
        <fieldset className="govuk-fieldset rocu-repeat rocu-money-row" key={`amount-${index}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Amount {index + 1}</legend>
          <Select
            id={yearId(index)}
            label="Financial year"
            value={row.financialYear}
            onChange={(financialYear) => setRow(index, { financialYear })}
            placeholder="Choose a year"
            options={financialYearOptions()}
            error={errors[yearId(index)]}
          />
          <TextInput
            id={amountId(index)}
            label="Amount in pounds"
            value={row.amount}
            onChange={(amount) => setRow(index, { amount })}
            error={errors[amountId(index)]}
            prefix="£"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            width="10"
          />
          {amounts.length > 1 ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => onChange(amounts.filter((_, at) => at !== index))}
            >
              Remove amount {index + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      {amounts.length < MAX_YEARS ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => onChange([...amounts, { financialYear: "", amount: "" }])}
        >
          Add another year
        </button>
      ) : null}
    </div>
  );
}
