import { type ReactNode, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { editableStatuses } from "#src/features/funding/machine.ts";
import type { CostCategory, CrimeArea } from "#src/features/funding/vocabulary.ts";
import { formatPence } from "#src/lib/money.ts";
import { ApiError, api, type Bid, fundingApi, type NewBid } from "../api.ts";
import {
  bidPath,
  CATEGORY_OPTIONS,
  CRIME_AREA_OPTIONS,
  FundingNav,
  financialYearOptions,
  readPounds,
  STRAND_OPTIONS,
} from "../components/funding.tsx";
import {
  Breadcrumbs,
  Checkboxes,
  FormErrorSummary,
  firstChoiceId,
  LoadError,
  Loading,
  Radios,
  Select,
  SubmitOrCancel,
  Textarea,
  TextInput,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { useRecordForm } from "../components/recordForm.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { BID_CRUMBS } from "./BidDetailPage.tsx";
import { ForbiddenPage, NotFoundPage } from "./ErrorPages.tsx";

interface CostRow {
  category: string;
  financialYear: string;
  /** As typed, in pounds. */
  amount: string;
}

interface BidValues {
  title: string;
  purpose: string;
  strand: string;
  crimeArea: string;
  forceAreas: string[];
  costs: CostRow[];
}

const emptyCost = (): CostRow => ({ category: "", financialYear: "", amount: "" });
const EMPTY: BidValues = {
  title: "",
  purpose: "",
  strand: "",
  crimeArea: "",
  forceAreas: [],
  costs: [emptyCost()],
};

function valuesOf(bid: Bid): BidValues {
  return {
    title: bid.title,
    purpose: bid.purpose,
    strand: bid.strand,
    crimeArea: bid.crimeArea,
    forceAreas: bid.forceAreas.map((area) => area.id),
    costs: bid.costs.map((cost) => ({
      category: cost.category,
      financialYear: cost.financialYear,
      amount: formatPence(cost.amountPence).replace("£", ""),
    })),
  };
}

const costId = (index: number, field: "category" | "year" | "amount") => `cost-${index + 1}-${field}`;

function BidForm({
  heading,
  initial,
  submitText,
  cancelTo,
  onErrors,
  onSubmit,
}: {
  heading: ReactNode;
  initial: BidValues;
  submitText: string;
  cancelTo: string;
  onErrors: (shown: boolean) => void;
  onSubmit: (body: Omit<NewBid, "classification">) => Promise<void>;
}) {
  const forces = useAsync(() => api.forces(), []);
  const forceOptions = (forces.data?.items ?? []).map((force) => ({ value: force.id, label: force.name }));
  const forceAreasId = firstChoiceId("forceAreas", forceOptions);
  const form = useRecordForm({
    initial,
    check: (values) => {
      const fields: Record<string, string> = {};
      if (!values.title.trim()) fields.title = "Enter the bid’s title";
      if (!values.purpose.trim()) fields.purpose = "Say what the money is for and what it will achieve";
      if (!values.strand) fields[firstChoiceId("strand", STRAND_OPTIONS)] = "Choose the 4P strand";
      if (!values.crimeArea) fields.crimeArea = "Choose the crime area";
      if (values.forceAreas.length === 0) fields[forceAreasId] = "Choose the force areas the bid covers";
      values.costs.forEach((cost, index) => {
        if (!cost.category) fields[costId(index, "category")] = `Choose the category of cost ${index + 1}`;
        if (!cost.financialYear)
          fields[costId(index, "year")] = `Choose the financial year of cost ${index + 1}`;
        const read = readPounds(cost.amount, `the amount of cost ${index + 1}`);
        if ("error" in read) fields[costId(index, "amount")] = read.error;
        else if (read.pence === 0)
          fields[costId(index, "amount")] = `The amount of cost ${index + 1} must be at least 1p`;
      });
      return fields;
    },
    toBody: (values) => ({
      title: values.title.trim(),
      purpose: values.purpose.trim(),
      strand: values.strand as NewBid["strand"],
      crimeArea: values.crimeArea as CrimeArea,
      forceAreas: values.forceAreas,
      costs: values.costs.map((cost) => {
        const read = readPounds(cost.amount, "the amount");
        return {
          category: cost.category as CostCategory,
          financialYear: cost.financialYear,
          amountPence: "pence" in read ? read.pence : 0,
        };
      }),
    }),
    onSubmit,
    fieldIds: {
      title: "title",
      purpose: "purpose",
      strand: firstChoiceId("strand", STRAND_OPTIONS),
      crimeArea: "crimeArea",
      forceAreas: forceAreasId,
      costs: costId(0, "amount"),
    },
    onErrors,
  });
  const { values, errors, set } = form;
  const setCost = (index: number, changes: Partial<CostRow>) =>
    set({ costs: values.costs.map((cost, at) => (at === index ? { ...cost, ...changes } : cost)) });

  return (
    <form onSubmit={form.submit} noValidate>
      <FormErrorSummary errors={errors} />
      {heading}
      <TextInput
        id="title"
        label="Title"
        value={values.title}
        onChange={(title) => set({ title })}
        error={errors.fields.title}
      />
      <Textarea
        id="purpose"
        label="Purpose"
        hint="What the money is for and what it will achieve."
        rows={5}
        value={values.purpose}
        onChange={(purpose) => set({ purpose })}
        error={errors.fields.purpose}
      />
      <Radios
        idPrefix="strand"
        legend="4P strand"
        options={STRAND_OPTIONS}
        value={values.strand}
        onChange={(strand) => set({ strand })}
        error={errors.fields[firstChoiceId("strand", STRAND_OPTIONS)]}
        inline
      />
      <Select
        id="crimeArea"
        label="Crime area"
        value={values.crimeArea}
        onChange={(crimeArea) => set({ crimeArea })}
        placeholder="Choose a crime area"
        options={CRIME_AREA_OPTIONS}
        error={errors.fields.crimeArea}
      />
      {forces.error ? <LoadError error={forces.error} retry={forces.reload} /> : null}
      {forces.data ? (
        <Checkboxes
          idPrefix="forceAreas"
          legend="Force areas"
          hint="A bid covering more than one force area is shared between their commissioners by the region’s formula."
          options={forceOptions}
          values={values.forceAreas}
          onChange={(forceAreas) => set({ forceAreas })}
          error={errors.fields[forceAreasId]}
          small
          columns
        />
      ) : (
        <Loading what="Loading force areas" />
      )}
      <h2 className="govuk-heading-m">Costs</h2>
      {values.costs.map((cost, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are identified by their place in the list.
        <fieldset className="govuk-fieldset rocu-repeat rocu-money-row" key={`cost-${index}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Cost {index + 1}</legend>
          <Select
            id={costId(index, "category")}
            label="Category"
            value={cost.category}
            onChange={(category) => setCost(index, { category })}
            placeholder="Choose a category"
            options={CATEGORY_OPTIONS}
            error={errors.fields[costId(index, "category")]}
          />
          <Select
            id={costId(index, "year")}
            label="Financial year"
            value={cost.financialYear}
            onChange={(financialYear) => setCost(index, { financialYear })}
            placeholder="Choose a year"
            options={financialYearOptions()}
            error={errors.fields[costId(index, "year")]}
          />
          <TextInput
            id={costId(index, "amount")}
            label="Amount in pounds"
            prefix="£"
            inputMode="decimal"
            width="10"
            value={cost.amount}
            onChange={(amount) => setCost(index, { amount })}
            error={errors.fields[costId(index, "amount")]}
          />
          {values.costs.length > 1 ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => set({ costs: values.costs.filter((_, at) => at !== index) })}
            >
              Remove cost {index + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        onClick={() => set({ costs: [...values.costs, emptyCost()] })}
      >
        Add another cost
      </button>
      <SubmitOrCancel text={submitText} busy={form.busy} cancelTo={cancelTo} />
    </form>
  );
}

export function BidCreatePage() {
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Start a bid`, "Funding");
  const navigate = useNavigate();
  return (
    <>
      <FundingNav />
      <Breadcrumbs items={BID_CRUMBS} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <BidForm
            heading={
              <>
                <span className="govuk-caption-l">Funding</span>
                <h1 className="govuk-heading-l">Start a bid</h1>
                <p className="govuk-body">
                  The bid is saved as a draft: you submit it to the board from its page.
                </p>
              </>
            }
            initial={EMPTY}
            submitText="Save the draft bid"
            cancelTo="/funding/bids"
            onErrors={setErrorsShown}
            onSubmit={async (body) => {
              const created = await fundingApi.createBid(body);
              navigate(bidPath(created.id), {
                state: { message: `${created.title} has been saved as a draft.` },
              });
            }}
          />
        </div>
      </div>
    </>
  );
}

export function BidEditPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const navigate = useNavigate();
  const bid = useAsync(() => fundingApi.bid(id), [id]);
  const record = bid.data;
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}${record ? `Change ${record.title}` : "Change a bid"}`, "Funding");
  useClassification(highestMarking([record?.classification]));
  if (bid.error instanceof ApiError && bid.error.status === 404) return <NotFoundPage />;
  // Only the applicant's own organisation changes a bid, and only before the board has it.
  if (record && (record.applicant.id !== me?.organisation.id || !editableStatuses.includes(record.status))) {
    return <ForbiddenPage />;
  }
  const crumbs = record ? [...BID_CRUMBS, { to: bidPath(record.id), text: record.title }] : BID_CRUMBS;
  return (
    <>
      <FundingNav />
      <Breadcrumbs items={crumbs} />
      {bid.error ? <LoadError error={bid.error} retry={bid.reload} /> : null}
      {!record && !bid.error ? <Loading what="Loading the bid" /> : null}
      {record ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <BidForm
              heading={
                <>
                  <span className="govuk-caption-l">{record.title}</span>
                  <h1 className="govuk-heading-l">Change the bid</h1>
                  <p className="govuk-body">The costs you save replace every cost line.</p>
                </>
              }
              initial={valuesOf(record)}
              submitText="Save changes"
              cancelTo={bidPath(record.id)}
              onErrors={setErrorsShown}
              onSubmit={async (body) => {
                await fundingApi.updateBid(record.id, body);
                navigate(bidPath(record.id), { state: { message: "The changes have been saved." } });
              }}
            />
          </div>
        </div>
      ) : null}
    </>
  );
}
