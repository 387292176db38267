import type { ReactNode } from "react";
import type { CostCategory, FundingSource } from "#src/features/funding/vocabulary.ts";
import { formatPence, parsePercent, parsePounds } from "#src/lib/money.ts";
import {
  api,
  CLEARANCES,
  type Clearance,
  type FundingStream,
  type Me,
  type NewFundingStream,
} from "../api.ts";
import { useAsync } from "../hooks.ts";
import { ClassificationRadios } from "./ClassificationRadios.tsx";
import { CATEGORY_OPTIONS, financialYearOptions, readPounds, SOURCE_OPTIONS } from "./funding.tsx";
import {
  Checkboxes,
  FormErrorSummary,
  FormLoading,
  firstChoiceId,
  Radios,
  Select,
  SubmitOrCancel,
  Textarea,
  TextInput,
} from "./govuk.tsx";
import { organisationGroups } from "./OperationFields.tsx";
import { useRecordForm } from "./recordForm.ts";

interface AmountRow {
  financialYear: string;
  /** As typed, in pounds: "250,000" or "£1,234.50". */
  amount: string;
}

export interface StreamFormValues {
  source: string;
  name: string;
  recipientOrganisationId: string;
  decisionReference: string;
  amounts: AmountRow[];
  allowedCategories: string[];
  matchFunding: "yes" | "no";
  matchShare: string;
  matchCategory: string;
  matchCondition: string;
  carriesOver: "yes" | "no";
  notes: string;
  classification: string;
}

export function emptyStreamValues(me: Me | null | undefined): StreamFormValues {
  return {
    source: "",
    name: "",
    // Most streams are received by the finance officer's own unit.
    recipientOrganisationId: me?.organisation.id ?? "",
    decisionReference: "",
    amounts: [{ financialYear: "", amount: "" }],
    allowedCategories: [],
    matchFunding: "no",
    matchShare: "",
    matchCategory: "",
    matchCondition: "",
    carriesOver: "no",
    notes: "",
    classification: "OFFICIAL",
  };
}

/** A recorded stream as the form shows it: amounts in pounds as people type them. */
export function streamValuesOf(stream: FundingStream): StreamFormValues {
  const match = stream.matchFunding;
  return {
    source: stream.source,
    name: stream.name,
    recipientOrganisationId: stream.recipient.id,
    decisionReference: stream.decisionReference,
    amounts: stream.amounts.map((amount) => ({
      financialYear: amount.financialYear,
      amount: formatPence(amount.amountPence).replace("£", ""),
    })),
    allowedCategories: [...stream.allowedCategories],
    matchFunding: match ? "yes" : "no",
    matchShare: match ? match.share.replace("%", "") : "",
    matchCategory: match?.category ?? "",
    matchCondition: match?.condition ?? "",
    carriesOver: stream.carriesOver ? "yes" : "no",
    notes: stream.notes,
    classification: stream.classification,
  };
}

const MAX_YEARS = 20;
const YES_NO = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

const amountId = (index: number) => `amounts-${index}-amount`;
const yearId = (index: number) => `amounts-${index}-financialYear`;

/** Ids of the controls, by the API body field they set (for linking the server's errors). */
const FIELD_IDS: Record<string, string> = {
  source: "source",
  name: "name",
  recipientOrganisationId: "recipientOrganisationId",
  decisionReference: "decisionReference",
  amounts: "amounts",
  allowedCategories: firstChoiceId("allowedCategories", CATEGORY_OPTIONS),
  matchFunding: firstChoiceId("matchFunding", YES_NO),
  "matchFunding.shareBasisPoints": "matchShare",
  "matchFunding.category": "matchCategory",
  "matchFunding.condition": "matchCondition",
  carriesOver: firstChoiceId("carriesOver", YES_NO),
  notes: "notes",
  classification: firstChoiceId("classification", CLEARANCES),
  ...Object.fromEntries(
    Array.from({ length: MAX_YEARS }, (_, index) => [
      [`amounts.${index}.financialYear`, yearId(index)],
      [`amounts.${index}.amountPence`, amountId(index)],
    ]).flat(),
  ),
};

/** What the amount in a row is called in its error message. */
const amountWhat = (row: AmountRow, index: number) =>
  row.financialYear ? `the amount for ${row.financialYear}` : `amount ${index + 1}`;

/** Client-side checks, keyed by control id, in page order. */
function check(values: StreamFormValues): Record<string, string> {
  const fields: Record<string, string> = {};
  if (values.source === "") fields.source = "Choose where the money comes from";
  if (values.name.trim() === "") fields.name = "Enter the stream's name";
  if (values.recipientOrganisationId === "") fields.recipientOrganisationId = "Choose who receives the money";
  if (values.amounts.length === 0) fields.amounts = "Enter the amount for at least one financial year";
  const seen = new Set<string>();
  values.amounts.forEach((row, index) => {
    if (row.financialYear === "") fields[yearId(index)] = `Choose the financial year of amount ${index + 1}`;
    else if (seen.has(row.financialYear)) {
      fields[yearId(index)] = `${row.financialYear} is given twice: give each year's amount once`;
    }
    seen.add(row.financialYear);
    const read = readPounds(row.amount, amountWhat(row, index));
    if ("error" in read) fields[amountId(index)] = read.error;
  });
  if (values.matchFunding === "yes") {
    try {
      const share = parsePercent(values.matchShare);
      if (share <= 0 || share > 10_000)
        fields.matchShare = "The match funding share must be more than 0% and at most 100%";
    } catch {
      fields.matchShare = "Enter the match funding share as a percentage, like 50 or 33.33";
    }
    if (values.matchCategory === "")
      fields.matchCategory = "Choose the cost category the match funding pays towards";
    else if (
      values.allowedCategories.length > 0 &&
      !values.allowedCategories.includes(values.matchCategory)
    ) {
      fields.matchCategory = "Choose a category the stream allows, or allow this one above";
    }
    if (values.matchCondition.trim() === "") {
      fields.matchCondition = "Say which costs qualify, for example posts dedicated to cyber-dependent crime";
    }
  }
  return fields;
}

function bodyOf(values: StreamFormValues): NewFundingStream {
  return {
    source: values.source as FundingSource,
    name: values.name.trim(),
    recipientOrganisationId: values.recipientOrganisationId,
    decisionReference: values.decisionReference.trim(),
    // check() has read every amount already, so none throws here.
    amounts: values.amounts.map((row) => ({
      financialYear: row.financialYear,
      amountPence: parsePounds(row.amount),
    })),
    allowedCategories: values.allowedCategories as CostCategory[],
    matchFunding:
      values.matchFunding === "yes"
        ? {
            shareBasisPoints: parsePercent(values.matchShare),
            category: values.matchCategory as CostCategory,
            condition: values.matchCondition.trim(),
          }
        : null,
    carriesOver: values.carriesOver === "yes",
    notes: values.notes.trim(),
    classification: values.classification as Clearance,
  };
}

/** The create and edit form of a funding stream. */
export function StreamForm({
  heading,
  initial,
  submitText,
  cancelTo,
  onSubmit,
  onErrors,
}: {
  /** The page's caption and heading: the error summary goes above them. */
  heading: ReactNode;
  initial: StreamFormValues;
  submitText: string;
  cancelTo: string;
  onSubmit: (body: NewFundingStream) => Promise<void>;
  onErrors?: (shown: boolean) => void;
}) {
  const organisations = useAsync(() => api.organisations(), []);
  const { values, set, errors, busy, submit } = useRecordForm({
    initial,
    check,
    toBody: bodyOf,
    onSubmit,
    fieldIds: FIELD_IDS,
    onErrors,
  });

  if (organisations.error || !organisations.data) {
    return (
      <FormLoading
        heading={heading}
        error={organisations.error}
        retry={organisations.reload}
        what="Loading organisations"
      />
    );
  }
  const setRow = (index: number, changes: Partial<AmountRow>) =>
    set({ amounts: values.amounts.map((row, at) => (at === index ? { ...row, ...changes } : row)) });
  const matchCategories =
    values.allowedCategories.length > 0
      ? CATEGORY_OPTIONS.filter((option) => values.allowedCategories.includes(option.value))
      : CATEGORY_OPTIONS;

  return (
    <>
      <FormErrorSummary errors={errors} />
      {heading}
      <form onSubmit={submit} noValidate aria-label={submitText}>
        <Select
          id="source"
          label="Source"
          hint="Where the money comes from"
          value={values.source}
          onChange={(source) => set({ source })}
          placeholder="Choose a source"
          options={SOURCE_OPTIONS}
          error={errors.fields.source}
        />
        <TextInput
          id="name"
          label="Name"
          hint="As the funder names it, for example Cyber crime capability grant"
          value={values.name}
          onChange={(name) => set({ name })}
          error={errors.fields.name}
          autoComplete="off"
        />
        <Select
          id="recipientOrganisationId"
          label="Recipient"
          hint="The unit or force that receives the money: its finance officers keep the stream"
          value={values.recipientOrganisationId}
          onChange={(recipientOrganisationId) => set({ recipientOrganisationId })}
          placeholder="Choose who receives it"
          groups={organisationGroups(organisations.data.items)}
          error={errors.fields.recipientOrganisationId}
        />
        <TextInput
          id="decisionReference"
          label="Decision reference (optional)"
          hint="The grant letter or decision that gave the money, for example PCD 510"
          value={values.decisionReference}
          onChange={(decisionReference) => set({ decisionReference })}
          error={errors.fields.decisionReference}
          autoComplete="off"
          spellCheck={false}
        />

        <div
          id="amounts"
          tabIndex={-1}
          className={`govuk-form-group${errors.fields.amounts ? " govuk-form-group--error" : ""}`}
        >
          <h2 className="govuk-heading-m">Amounts</h2>
          <p className="govuk-hint">
            In pounds, for each financial year the funder gives money, for example 250,000 or 1234.50.
          </p>
          {errors.fields.amounts ? (
            <p className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.fields.amounts}
            </p>
          ) : null}
          {values.amounts.map((row, index) => (
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

        <h2 className="govuk-heading-m">Conditions</h2>
        <Checkboxes
          idPrefix="allowedCategories"
          legend="Allowed cost categories"
          hint="What the money may pay for. Leave all unticked if the funder sets no limit."
          options={CATEGORY_OPTIONS}
          values={values.allowedCategories}
          onChange={(allowedCategories) => set({ allowedCategories })}
          error={errors.fields[FIELD_IDS.allowedCategories ?? ""]}
          small
          columns
        />
        <Radios
          idPrefix="matchFunding"
          legend="Is it match funding?"
          hint="The funder pays a share of some costs, and the units pay the rest"
          options={YES_NO}
          value={values.matchFunding}
          onChange={(matchFunding) => set({ matchFunding: matchFunding === "yes" ? "yes" : "no" })}
          error={errors.fields[FIELD_IDS.matchFunding ?? ""]}
          small
          inline
        />
        {values.matchFunding === "yes" ? (
          <div className="govuk-inset-text">
            <TextInput
              id="matchShare"
              label="Share the funder pays, in per cent"
              hint="For example 50, or 33.33"
              value={values.matchShare}
              onChange={(matchShare) => set({ matchShare })}
              error={errors.fields.matchShare}
              suffix="%"
              inputMode="decimal"
              autoComplete="off"
              width="5"
            />
            <Select
              id="matchCategory"
              label="Cost category it pays towards"
              value={values.matchCategory}
              onChange={(matchCategory) => set({ matchCategory })}
              placeholder="Choose a category"
              options={matchCategories}
              error={errors.fields.matchCategory}
            />
            <TextInput
              id="matchCondition"
              label="Which costs qualify"
              hint="In plain words, for example posts dedicated to cyber-dependent crime"
              value={values.matchCondition}
              onChange={(matchCondition) => set({ matchCondition })}
              error={errors.fields.matchCondition}
            />
          </div>
        ) : null}
        <Radios
          idPrefix="carriesOver"
          legend="Can unspent money be carried over to the next financial year?"
          hint="Only if the funder says so"
          options={YES_NO}
          value={values.carriesOver}
          onChange={(carriesOver) => set({ carriesOver: carriesOver === "yes" ? "yes" : "no" })}
          error={errors.fields[FIELD_IDS.carriesOver ?? ""]}
          small
          inline
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
          error={errors.fields[FIELD_IDS.classification ?? ""]}
        />
        <SubmitOrCancel text={submitText} busy={busy} cancelTo={cancelTo} />
      </form>
    </>
  );
}
