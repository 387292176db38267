import { Link } from "react-router";
import { editableStatuses, nextStatuses } from "#src/features/funding/machine.ts";
import type { DecisionOutcome } from "#src/features/funding/vocabulary.ts";
import { formatPence } from "#src/lib/money.ts";
import { type Bid, type BidReview, type BidStatusChange, fundingApi, type Me } from "../api.ts";
import { useAsync } from "../hooks.ts";
import { bidPath, bidStatusLabel, mayManageFunding, readPounds } from "./funding.tsx";
import {
  FormErrorSummary,
  firstChoiceId,
  type Option,
  Radios,
  Select,
  Textarea,
  TextInput,
} from "./govuk.tsx";
import { useRecordForm } from "./recordForm.ts";

/** What the page does after a step is recorded: show the bid as it now stands, with a message. */
export type Done = (message: string) => void;

/**
 * The steps this user may take on the bid now, and only those: the applicant edits and submits,
 * the board reviews, finance records the commissioners' decisions and marks the bid funded or closed.
 */
export function BidActions({ bid, me, done }: { bid: Bid; me: Me | null | undefined; done: Done }) {
  const can = (permission: Me["permissions"][number]) => me?.permissions.includes(permission) ?? false;
  // Applicants act on their own organisation's bids only (the server checks the same).
  const ownBid = can("funding.bid") && me?.organisation.id === bid.applicant.id;
  const editable = editableStatuses.includes(bid.status);
  const finance = mayManageFunding(me, bid);
  const boardSteps = can("funding.review") ? nextStatuses(bid.status, "board") : [];
  const financeSteps = finance ? nextStatuses(bid.status, "finance") : [];
  const undecided = bid.shares.filter(
    (share) =>
      share.amountPence > 0 &&
      !bid.decisions.some((decision) => decision.decisionMaker.id === share.decisionMaker.id),
  );
  const deciding = finance && nextStatuses(bid.status, "decisions").length > 0 && undecided.length > 0;

  const sections = [
    ownBid && editable ? <ApplicantActions key="applicant" bid={bid} done={done} /> : null,
    // A submitted bid first goes under review: one button, then the outcomes.
    boardSteps.length === 0 ? null : bid.status === "submitted" ? (
      <StartReview key="review" bid={bid} done={done} />
    ) : (
      <ReviewForm key="review" bid={bid} steps={boardSteps} done={done} />
    ),
    deciding ? <DecisionForm key="decision" bid={bid} done={done} /> : null,
    financeSteps.map((status) => <StatusForm key={status} bid={bid} status={status} done={done} />),
  ].flat();
  if (sections.every((section) => section === null)) return null;
  return (
    <section
      aria-labelledby="bid-actions-heading"
      className="govuk-!-margin-bottom-8"
      data-testid="bid-actions"
    >
      <h2 className="govuk-heading-m" id="bid-actions-heading">
        What you can do now
      </h2>
      {sections}
    </section>
  );
}

function ApplicantActions({ bid, done }: { bid: Bid; done: Done }) {
  // Sending back a bid the board asked about needs to say what changed.
  const resubmit = bid.status === "more-information-requested";
  const form = useRecordForm({
    initial: { reason: "" },
    check: (values): Record<string, string> =>
      resubmit && values.reason.trim() === "" ? { "submit-reason": "Say what you changed" } : {},
    toBody: (values) => (values.reason.trim() ? { reason: values.reason.trim() } : {}),
    onSubmit: async (body) => {
      await fundingApi.submitBid(bid.id, body);
      done(`${bid.title} has been submitted to the board.`);
    },
    fieldIds: { reason: "submit-reason" },
  });
  return (
    <form onSubmit={form.submit} noValidate className="govuk-!-margin-bottom-6">
      <FormErrorSummary errors={form.errors} />
      <p className="govuk-body">
        <Link className="govuk-link" to={bidPath(bid.id, "/edit")}>
          Change the bid<span className="govuk-visually-hidden"> {bid.title}</span>
        </Link>
      </p>
      {resubmit ? (
        <Textarea
          id="submit-reason"
          label="What you changed"
          hint="The board asked for more information: say what you changed or added."
          value={form.values.reason}
          onChange={(reason) => form.set({ reason })}
          error={form.errors.fields["submit-reason"]}
        />
      ) : null}
      <button type="submit" className="govuk-button" disabled={form.busy}>
        Submit the bid to the board
      </button>
    </form>
  );
}

const REVIEW_LABELS: Partial<Record<Bid["status"], string>> = {
  recommended: "Recommend it",
  "more-information-requested": "Ask for more information",
  "not-recommended": "Do not recommend it",
};

function ReviewForm({ bid, steps, done }: { bid: Bid; steps: Bid["status"][]; done: Done }) {
  const form = useRecordForm({
    initial: { status: "", reason: "" },
    check: (values) => {
      const fields: Record<string, string> = {};
      if (!values.status) fields[firstChoiceId("review-status", steps)] = "Choose the board’s outcome";
      if (values.reason.trim() === "") fields["review-reason"] = "Say why";
      return fields;
    },
    toBody: (values) => ({ status: values.status as BidReview["status"], reason: values.reason.trim() }),
    onSubmit: async (body) => {
      await fundingApi.reviewBid(bid.id, body);
      done(`The board’s review has been recorded: ${bidStatusLabel(body.status)}.`);
    },
    fieldIds: { status: firstChoiceId("review-status", steps), reason: "review-reason" },
  });
  const options: Option[] = steps.map((status) => ({
    value: status,
    label: REVIEW_LABELS[status] ?? status,
  }));
  return (
    <form onSubmit={form.submit} noValidate className="govuk-!-margin-bottom-6">
      <FormErrorSummary errors={form.errors} />
      <h3 className="govuk-heading-s">Record the board’s review</h3>
      <Radios
        idPrefix="review-status"
        legend="The board’s outcome"
        options={options}
        value={form.values.status}
        onChange={(status) => form.set({ status })}
        error={form.errors.fields[firstChoiceId("review-status", steps)]}
      />
      <Textarea
        id="review-reason"
        label="Reason"
        hint="The applicant and the commissioners see this."
        value={form.values.reason}
        onChange={(reason) => form.set({ reason })}
        error={form.errors.fields["review-reason"]}
      />
      <button type="submit" className="govuk-button" disabled={form.busy}>
        Record the review
      </button>
    </form>
  );
}

function StartReview({ bid, done }: { bid: Bid; done: Done }) {
  const form = useRecordForm({
    initial: {},
    check: () => ({}),
    toBody: () => ({ status: "under-board-review" as const }),
    onSubmit: async (body) => {
      await fundingApi.reviewBid(bid.id, body);
      done(`The board’s review of ${bid.title} has started.`);
    },
    fieldIds: {},
  });
  return (
    <form onSubmit={form.submit} noValidate className="govuk-!-margin-bottom-6">
      <FormErrorSummary errors={form.errors} />
      <button type="submit" className="govuk-button" disabled={form.busy}>
        Start the board’s review
      </button>
    </form>
  );
}

const OUTCOME_OPTIONS: { value: DecisionOutcome; label: string }[] = [
  { value: "approved", label: "Approved" },
  { value: "approved-with-conditions", label: "Approved with conditions" },
  { value: "declined", label: "Declined" },
];

interface DecisionValues {
  reference: string;
  decisionMaker: string;
  decidedOn: string;
  outcome: string;
  /** Pounds as typed, by financial year. */
  amounts: Record<string, string>;
  /** The funding stream each year's money comes from, by financial year; blank names none. */
  streams: Record<string, string>;
  conditions: string;
  publishedSummary: string;
  potId: string;
}

/** Each year's share of one commissioner's office, in pounds as the form shows them. */
function shareAmounts(bid: Bid, decisionMaker: string): Record<string, string> {
  return Object.fromEntries(
    bid.shares
      .filter((share) => share.decisionMaker.id === decisionMaker && share.amountPence > 0)
      .map((share) => [share.financialYear, formatPence(share.amountPence).replace("£", "")]),
  );
}

const amountId = (year: string) => `decision-amount-${year.replace("/", "-")}`;
const streamId = (year: string) => `decision-stream-${year.replace("/", "-")}`;

function DecisionForm({ bid, done }: { bid: Bid; done: Done }) {
  const pots = useAsync(() => fundingApi.pots({ pageSize: 100 }), []);
  const streams = useAsync(() => fundingApi.streams({ pageSize: 100, sort: "name" }), []);
  const streamOptions = (year: string) =>
    (streams.data?.items ?? [])
      .filter((stream) => stream.amounts.some((amount) => amount.financialYear === year))
      .map((stream) => ({ value: stream.id, label: stream.name }));
  const makers = [
    ...new Map(bid.shares.map((share) => [share.decisionMaker.id, share.decisionMaker])).values(),
  ].filter((maker) => !bid.decisions.some((decision) => decision.decisionMaker.id === maker.id));
  const first = makers[0]?.id ?? "";
  const initial: DecisionValues = {
    reference: "",
    decisionMaker: first,
    decidedOn: "",
    outcome: "",
    amounts: shareAmounts(bid, first),
    streams: {},
    conditions: "",
    publishedSummary: "",
    potId: "",
  };
  const form = useRecordForm({
    initial,
    check: (values) => {
      const fields: Record<string, string> = {};
      if (!values.reference.trim())
        fields["decision-reference"] = "Enter the decision’s reference, e.g. PCD 510";
      if (!values.decisionMaker) fields["decision-maker"] = "Choose the commissioner’s office that decided";
      if (!values.decidedOn) fields["decision-date"] = "Enter the decision date";
      if (!values.outcome) fields[firstChoiceId("decision-outcome", OUTCOME_OPTIONS)] = "Choose the outcome";
      if (values.outcome !== "declined") {
        for (const [year, typed] of Object.entries(values.amounts)) {
          const read = readPounds(typed, `the amount for ${year}`);
          if ("error" in read) fields[amountId(year)] = read.error;
        }
      }
      if (values.outcome === "approved-with-conditions" && !values.conditions.trim()) {
        fields["decision-conditions"] = "Enter the conditions";
      }
      if (!values.publishedSummary.trim()) {
        fields["decision-summary"] = "Enter the summary the commissioner publishes";
      }
      return fields;
    },
    toBody: (values) => ({
      reference: values.reference.trim(),
      decisionMakerOrganisationId: values.decisionMaker,
      decidedOn: values.decidedOn,
      outcome: values.outcome as DecisionOutcome,
      // A declined share gives no money.
      amounts:
        values.outcome === "declined"
          ? []
          : Object.entries(values.amounts).flatMap(([financialYear, typed]) => {
              const read = readPounds(typed, financialYear);
              const fundingStreamId = values.streams[financialYear] ?? "";
              return "pence" in read && read.pence > 0
                ? [
                    {
                      financialYear,
                      amountPence: read.pence,
                      ...(fundingStreamId ? { fundingStreamId } : {}),
                    },
                  ]
                : [];
            }),
      conditions: values.conditions.trim(),
      publishedSummary: values.publishedSummary.trim(),
      ...(values.potId && values.outcome !== "declined" ? { potId: values.potId } : {}),
    }),
    onSubmit: async (body) => {
      const decision = await fundingApi.recordDecision(bid.id, body);
      done(`Decision ${decision.reference} has been recorded.`);
    },
    fieldIds: {
      reference: "decision-reference",
      decisionMakerOrganisationId: "decision-maker",
      decidedOn: "decision-date",
      outcome: firstChoiceId("decision-outcome", OUTCOME_OPTIONS),
      amounts: amountId(Object.keys(shareAmounts(bid, first))[0] ?? ""),
      // The API names a year's stream by the line's place, which follows the years in order.
      ...Object.fromEntries(
        Object.keys(shareAmounts(bid, first)).map((year, index) => [
          `amounts.${index}.fundingStreamId`,
          streamId(year),
        ]),
      ),
      conditions: "decision-conditions",
      publishedSummary: "decision-summary",
      potId: "decision-pot",
    },
  });
  const { values, errors } = form;
  return (
    <form onSubmit={form.submit} noValidate className="govuk-!-margin-bottom-6" data-testid="decision-form">
      <FormErrorSummary errors={errors} />
      <h3 className="govuk-heading-s">Record a commissioner’s decision</h3>
      <Select
        id="decision-maker"
        label="Commissioner’s office"
        hint="Each office decides on its own share of the bid."
        value={values.decisionMaker}
        onChange={(decisionMaker) => form.set({ decisionMaker, amounts: shareAmounts(bid, decisionMaker) })}
        options={makers.map((maker) => ({ value: maker.id, label: maker.name }))}
        error={errors.fields["decision-maker"]}
      />
      <TextInput
        id="decision-reference"
        label="Decision reference"
        hint="For example, PCD 510"
        value={values.reference}
        onChange={(reference) => form.set({ reference })}
        error={errors.fields["decision-reference"]}
        width="20"
      />
      <TextInput
        id="decision-date"
        label="Date of the decision"
        type="date"
        value={values.decidedOn}
        onChange={(decidedOn) => form.set({ decidedOn })}
        error={errors.fields["decision-date"]}
      />
      <Radios
        idPrefix="decision-outcome"
        legend="Outcome"
        options={OUTCOME_OPTIONS}
        value={values.outcome}
        onChange={(outcome) => form.set({ outcome })}
        error={errors.fields[firstChoiceId("decision-outcome", OUTCOME_OPTIONS)]}
      />
      {values.outcome === "declined"
        ? null
        : Object.entries(values.amounts).map(([year, typed]) => (
            <div key={year}>
              <TextInput
                id={amountId(year)}
                label={`Amount for ${year}, in pounds`}
                hint="Filled in with the office’s share. A commissioner may give less, as an approval with conditions saying what the smaller sum pays for; never more."
                prefix="£"
                inputMode="decimal"
                width="10"
                value={typed}
                onChange={(amount) => form.set({ amounts: { ...values.amounts, [year]: amount } })}
                error={errors.fields[amountId(year)]}
              />
              <Select
                id={streamId(year)}
                label={`Funding stream it comes from in ${year} (optional)`}
                hint="Name the stream, and the project’s spend can be monitored against what this decision gives it"
                value={values.streams[year] ?? ""}
                onChange={(chosen) => form.set({ streams: { ...values.streams, [year]: chosen } })}
                placeholder="No stream named"
                options={streamOptions(year)}
                error={errors.fields[streamId(year)]}
              />
            </div>
          ))}
      {values.outcome === "approved-with-conditions" ? (
        <Textarea
          id="decision-conditions"
          label="Conditions"
          value={values.conditions}
          onChange={(conditions) => form.set({ conditions })}
          error={errors.fields["decision-conditions"]}
        />
      ) : null}
      <Textarea
        id="decision-summary"
        label="Published summary"
        hint="What the commissioner publishes about the decision."
        value={values.publishedSummary}
        onChange={(publishedSummary) => form.set({ publishedSummary })}
        error={errors.fields["decision-summary"]}
      />
      {values.outcome === "declined" ? null : (
        <Select
          id="decision-pot"
          label="Budget pot it draws on (optional)"
          value={values.potId}
          onChange={(potId) => form.set({ potId })}
          placeholder="No pot"
          options={(pots.data?.items ?? []).map((pot) => ({ value: pot.id, label: pot.name }))}
          error={errors.fields["decision-pot"]}
        />
      )}
      <button type="submit" className="govuk-button" disabled={form.busy}>
        Record the decision
      </button>
    </form>
  );
}

const STATUS_STEPS: Partial<Record<Bid["status"], { button: string; reasonRequired: boolean }>> = {
  funded: { button: "Mark the bid funded", reasonRequired: false },
  closed: { button: "Close the bid", reasonRequired: true },
};

function StatusForm({ bid, status, done }: { bid: Bid; status: Bid["status"]; done: Done }) {
  const step = STATUS_STEPS[status] ?? { button: bidStatusLabel(status), reasonRequired: true };
  const id = `status-${status}-reason`;
  const form = useRecordForm({
    initial: { reason: "" },
    check: (values): Record<string, string> =>
      step.reasonRequired && !values.reason.trim() ? { [id]: "Say why" } : {},
    toBody: (values) => ({
      status: status as BidStatusChange["status"],
      ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
    }),
    onSubmit: async (body) => {
      await fundingApi.setBidStatus(bid.id, body);
      done(`${bid.title} is now ${bidStatusLabel(status).toLowerCase()}.`);
    },
    fieldIds: { reason: id },
  });
  return (
    <form onSubmit={form.submit} noValidate className="govuk-!-margin-bottom-6">
      <FormErrorSummary errors={form.errors} />
      <Textarea
        id={id}
        label={step.reasonRequired ? "Reason" : "Note (optional)"}
        value={form.values.reason}
        onChange={(reason) => form.set({ reason })}
        error={form.errors.fields[id]}
      />
      <button
        type="submit"
        className={`govuk-button${status === "closed" ? " govuk-button--warning" : ""}`}
        disabled={form.busy}
      >
        {step.button}
      </button>
    </form>
  );
}
