import { useRef, useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import { type CostCategory, costCategories } from "#src/features/funding/vocabulary.ts";
import { formatPence, parsePounds } from "#src/lib/money.ts";
import { ApiError, type FundingStream, fundingApi, type NewSpend, spendApi } from "../api.ts";
import {
  categoryLabel,
  categoryList,
  FundingNav,
  mayManageFunding,
  monthLabel,
  monthsOfYear,
  readPounds,
  streamPath,
} from "../components/funding.tsx";
import {
  Breadcrumbs,
  FormErrorSummary,
  LoadError,
  Loading,
  Select,
  SubmitOrCancel,
  Textarea,
  TextInput,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { useRecordForm } from "../components/recordForm.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { ForbiddenPage, NotFoundPage } from "./ErrorPages.tsx";
import { STREAM_CRUMBS } from "./FundingStreamDetailPage.tsx";

interface SpendValues {
  month: string;
  bidId: string;
  /** As typed, in pounds, by cost category; blank is not recorded. */
  amounts: Record<CostCategory, string>;
  note: string;
}

const amountId = (category: CostCategory) => `amount-${category}`;

/** Only money a commissioner has approved is spent on a project. */
const SPENDABLE = ["approved", "approved-with-conditions", "funded"] as const;

function projectsToChoose() {
  return Promise.all(
    SPENDABLE.map((status) => fundingApi.bids({ status, pageSize: 100, sort: "title" })),
  ).then((pages) =>
    pages
      .flatMap((page) => page.items)
      .sort((a, b) => a.title.localeCompare(b.title, "en-GB"))
      .map((bid) => ({ value: bid.id, label: bid.title })),
  );
}

/** The categories the stream pays for first, then the rest (recorded, but shown as ineligible). */
function categoriesOf(stream: FundingStream): { category: CostCategory; eligible: boolean }[] {
  const allowed = stream.allowedCategories;
  if (allowed.length === 0) return costCategories.map((category) => ({ category, eligible: true }));
  return [
    ...allowed.map((category) => ({ category, eligible: true })),
    ...costCategories
      .filter((category) => !allowed.includes(category))
      .map((category) => ({ category, eligible: false })),
  ];
}

/** The controls the API's field names point at: `lines.2.amountPence` is the third amount sent. */
function fieldIdsOf(body: NewSpend, firstAmountId: string): Record<string, string> {
  return {
    lines: firstAmountId,
    ...Object.fromEntries(
      body.lines.flatMap((line, index) => [
        [`lines.${index}`, amountId(line.category)],
        [`lines.${index}.amountPence`, amountId(line.category)],
        [`lines.${index}.category`, amountId(line.category)],
        [`lines.${index}.month`, "month"],
        [`lines.${index}.bidId`, "bidId"],
        [`lines.${index}.note`, "note"],
      ]),
    ),
  };
}

const filled = (values: SpendValues, stream: FundingStream) =>
  categoriesOf(stream).filter(({ category }) => values.amounts[category].trim() !== "");

export function RecordSpendPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const stream = useAsync(() => fundingApi.stream(id), [id]);
  const projects = useAsync(projectsToChoose, []);
  const record = stream.data;
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Record a month’s spend`, "Funding");
  useClassification(highestMarking([record?.classification]));

  if (stream.error instanceof ApiError && stream.error.status === 404) return <NotFoundPage />;
  if (record && !mayManageFunding(me, record)) return <ForbiddenPage />;
  const crumbs = record
    ? [
        ...STREAM_CRUMBS,
        { to: streamPath(record.id), text: record.name },
        { to: streamPath(record.id, "/monitoring"), text: "Spend monitoring" },
      ]
    : STREAM_CRUMBS;
  const error = stream.error ?? projects.error;
  return (
    <>
      <FundingNav />
      <Breadcrumbs items={crumbs} />
      {error ? (
        <LoadError
          error={error}
          retry={() => {
            stream.reload();
            projects.reload();
          }}
        />
      ) : null}
      {!error && (!record || !projects.data) ? <Loading what="Loading the funding stream" /> : null}
      {record && projects.data ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <SpendForm stream={record} projects={projects.data} onErrors={setErrorsShown} />
          </div>
        </div>
      ) : null}
    </>
  );
}

function SpendForm({
  stream,
  projects,
  onErrors,
}: {
  stream: FundingStream;
  projects: { value: string; label: string }[];
  onErrors: (shown: boolean) => void;
}) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const categories = categoriesOf(stream);
  // Reached from a project's monitoring, the form starts on that project (if money can be spent on it).
  const chosenProject = params.get("bidId") ?? "";
  const initial: SpendValues = {
    month: "",
    bidId: projects.some((project) => project.value === chosenProject) ? chosenProject : "",
    amounts: Object.fromEntries(costCategories.map((category) => [category, ""])) as Record<
      CostCategory,
      string
    >,
    note: "",
  };

  // "Enter at least one amount" is shown on the first amount on the page.
  const firstAmountId = amountId(categories[0]?.category ?? "staff");

  function check(values: SpendValues): Record<string, string> {
    const fields: Record<string, string> = {};
    if (values.month === "") fields.month = "Choose the month the money was spent";
    const lines = filled(values, stream);
    if (lines.length === 0) {
      fields[firstAmountId] =
        "Enter the amount spent in at least one cost category (0 for a month with no spend)";
    }
    for (const { category } of lines) {
      const read = readPounds(
        values.amounts[category],
        `the amount for ${categoryLabel(category).toLowerCase()}`,
      );
      if ("error" in read) fields[amountId(category)] = read.error;
    }
    return fields;
  }

  function bodyOf(values: SpendValues): NewSpend {
    return {
      // check() has read every amount already, so none throws here.
      lines: filled(values, stream).map(({ category }) => ({
        month: values.month,
        category,
        amountPence: parsePounds(values.amounts[category]),
        ...(values.bidId ? { bidId: values.bidId } : {}),
        note: values.note.trim(),
      })),
    };
  }

  // The API names a line by its place in the request; the ids are filled in as each request is sent.
  const fieldIds = useRef<Record<string, string>>({}).current;
  const { values, set, errors, busy, submit } = useRecordForm({
    initial,
    check,
    toBody: bodyOf,
    onSubmit: async (body: NewSpend) => {
      for (const key of Object.keys(fieldIds)) delete fieldIds[key];
      Object.assign(fieldIds, fieldIdsOf(body, firstAmountId));
      const recorded = await spendApi.record(stream.id, body);
      const first = recorded.items[0];
      const total = recorded.items.reduce((sum, line) => sum + line.amountPence, 0);
      // Back to the monitoring the form was reached from: the project's, if it was recorded on it.
      const back = new URLSearchParams({ financialYear: first?.financialYear ?? "" });
      if (chosenProject && body.lines[0]?.bidId === chosenProject) back.set("bidId", chosenProject);
      navigate(`${streamPath(stream.id, "/monitoring")}?${back}`, {
        state: {
          message: `Spend for ${monthLabel(first?.month ?? "")} has been recorded: ${formatPence(total)}.`,
        },
      });
    },
    fieldIds,
    onErrors,
  });

  const monthGroups = stream.amounts.map((amount) => ({
    label: amount.financialYear,
    options: monthsOfYear(amount.financialYear).map((month) => ({ value: month, label: monthLabel(month) })),
  }));
  // What the month already holds for this project, so that finance sees what recording it replaces.
  const month = values.month;
  const recorded = useAsync(
    () =>
      month === "" ? Promise.resolve(null) : spendApi.lines({ streamId: stream.id, month, pageSize: 200 }),
    [stream.id, month],
  );
  const recordedHere = (recorded.data?.items ?? []).filter((line) => (line.bid?.id ?? "") === values.bidId);
  const ineligible = categories.filter(({ eligible }) => !eligible);
  // Kept open while any of them holds an amount or an error, so nothing typed is hidden.
  const ineligibleInUse = ineligible.some(
    ({ category }) => values.amounts[category] !== "" || errors.fields[amountId(category)] !== undefined,
  );
  const amountInput = (category: CostCategory, notAllowed: boolean) => (
    <TextInput
      key={category}
      id={amountId(category)}
      label={`${categoryLabel(category)}, in pounds`}
      hint={notAllowed ? "Not allowed by this stream: it will show as ineligible" : undefined}
      value={values.amounts[category]}
      onChange={(amount) => set({ amounts: { ...values.amounts, [category]: amount } })}
      error={errors.fields[amountId(category)]}
      prefix="£"
      inputMode="decimal"
      autoComplete="off"
      spellCheck={false}
      width="10"
    />
  );
  const allowedWords = categoryList(stream.allowedCategories);

  return (
    <>
      <FormErrorSummary errors={errors} />
      <span className="govuk-caption-l">{stream.name}</span>
      <h1 className="govuk-heading-l">Record a month’s spend</h1>
      <div className="govuk-inset-text" data-testid="replace-note">
        Recording a month again replaces what was recorded before for that month, project and cost category.
        Categories you leave blank keep what they had; enter 0 to clear one.
      </div>
      <form onSubmit={submit} noValidate aria-label="Record a month’s spend">
        <Select
          id="month"
          label="Month"
          hint="The month the money was spent, in a financial year the stream has money for"
          value={values.month}
          onChange={(month) => set({ month })}
          placeholder="Choose a month"
          groups={monthGroups}
          error={errors.fields.month}
        />
        <Select
          id="bidId"
          label="Project (optional)"
          hint="The approved bid the money paid for; leave as it is for the stream’s own spend"
          value={values.bidId}
          onChange={(bidId) => set({ bidId })}
          placeholder="The stream’s own spend"
          options={projects}
          error={errors.fields.bidId}
        />
        {month !== "" && recorded.data ? (
          <p className="govuk-body" aria-live="polite" data-testid="already-recorded">
            {recordedHere.length === 0
              ? `Nothing is recorded for ${monthLabel(month)} ${values.bidId ? "on this project" : "as the stream’s own spend"} yet.`
              : `Already recorded for ${monthLabel(month)}: ${recordedHere
                  .map((line) => `${categoryLabel(line.category)} ${line.amount}`)
                  .join(", ")}. An amount you enter replaces its category’s.`}
          </p>
        ) : null}
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 className="govuk-fieldset__heading">Amount spent by cost category</h2>
          </legend>
          <p className="govuk-hint">
            In pounds, for example 6,400 or 1234.50.
            {stream.allowedCategories.length > 0
              ? ` The stream pays only for ${allowedWords} costs: spend in another category is recorded, and shown as ineligible.`
              : null}
          </p>
          {categories.filter(({ eligible }) => eligible).map(({ category }) => amountInput(category, false))}
          {ineligible.length > 0 ? (
            <details className="govuk-details" open={ineligibleInUse || undefined}>
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">
                  Spend in categories the stream does not allow
                </span>
              </summary>
              <div className="govuk-details__text">
                {ineligible.map(({ category }) => amountInput(category, true))}
              </div>
            </details>
          ) : null}
        </fieldset>
        <Textarea
          id="note"
          label="Note (optional)"
          hint="Kept with each amount you record, for example what the money paid for"
          value={values.note}
          onChange={(note) => set({ note })}
          error={errors.fields.note}
        />
        <SubmitOrCancel
          text="Record the spend"
          busy={busy}
          cancelTo={`${streamPath(stream.id, "/monitoring")}${chosenProject ? `?${new URLSearchParams({ bidId: chosenProject })}` : ""}`}
        />
      </form>
    </>
  );
}
