import { type ReactNode, useEffect } from "react";
import { outcomeErrors, quantityQuestion, unitOf } from "#src/features/outcomes/kinds.ts";
import {
  api,
  CLEARANCES,
  type Clearance,
  type Commodity,
  type Me,
  type NewOutcome,
  type Operation,
  type Outcome,
  type OutcomeKind,
  type SafeguardedGroup,
} from "../api.ts";
import { formatDate } from "../format.ts";
import { useAsync } from "../hooks.ts";
import { ClassificationRadios } from "./ClassificationRadios.tsx";
import {
  FormErrorSummary,
  firstChoiceId,
  LoadError,
  Loading,
  Radios,
  Select,
  SubmitOrCancel,
  Textarea,
  TextInput,
} from "./govuk.tsx";
import { forceGroups, leadForceFilter, useOcgReference } from "./OcgFields.tsx";
import {
  COMMODITIES,
  COMMODITY_LABELS,
  GROUP_LABELS,
  KIND_HINTS,
  KIND_LABELS,
  OUTCOME_KINDS,
  SAFEGUARDED_GROUPS,
} from "./outcome.tsx";
import { useRecordForm } from "./recordForm.ts";

export interface OutcomeFormValues {
  kind: string;
  operationId: string;
  ocgId: string;
  disruptionId: string;
  occurredOn: string;
  quantity: string;
  commodity: string;
  offence: string;
  sentenceMonths: string;
  court: string;
  safeguardedGroup: string;
  notes: string;
  /** Empty: the operation's host force. */
  forceId: string;
  classification: string;
}

export function emptyOutcomeValues(
  prefill: { operationId?: string; ocgId?: string } = {},
): OutcomeFormValues {
  return {
    kind: "",
    operationId: prefill.operationId ?? "",
    ocgId: prefill.ocgId ?? "",
    disruptionId: "",
    occurredOn: "",
    quantity: "",
    commodity: "",
    offence: "",
    sentenceMonths: "",
    court: "",
    safeguardedGroup: "",
    notes: "",
    forceId: "",
    classification: "OFFICIAL-SENSITIVE",
  };
}

export function outcomeValuesOf(outcome: Outcome): OutcomeFormValues {
  return {
    kind: outcome.kind,
    operationId: outcome.operationId,
    ocgId: outcome.ocgId,
    disruptionId: outcome.disruptionId ?? "",
    occurredOn: outcome.occurredOn,
    quantity: String(outcome.quantity),
    commodity: outcome.commodity ?? "",
    offence: outcome.offence ?? "",
    sentenceMonths: outcome.sentenceMonths === null ? "" : String(outcome.sentenceMonths),
    court: outcome.court ?? "",
    safeguardedGroup: outcome.safeguardedGroup ?? "",
    notes: outcome.notes,
    forceId: outcome.force.id,
    classification: outcome.classification,
  };
}

/** Ids of the controls, by the API body field they set (for linking API field errors). */
const FIELD_IDS: Record<string, string> = {
  kind: firstChoiceId("kind", OUTCOME_KINDS),
  operationId: "operationId",
  ocgId: "ocgId",
  disruptionId: "disruptionId",
  occurredOn: "occurredOn",
  quantity: "quantity",
  commodity: "commodity",
  offence: "offence",
  sentenceMonths: "sentenceMonths",
  court: "court",
  safeguardedGroup: firstChoiceId("safeguardedGroup", SAFEGUARDED_GROUPS),
  notes: "notes",
  forceId: "forceId",
  classification: firstChoiceId("classification", CLEARANCES),
};
const idOf = (field: string) => FIELD_IDS[field] ?? field;
/** The controls every kind shows; the rest come and go with the kind. */
const SHARED_FIELD_IDS = [
  "kind",
  "operationId",
  "ocgId",
  "disruptionId",
  "occurredOn",
  "forceId",
  "classification",
  "notes",
].map(idOf);

const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
const isOrder = (kind: string) => kind === "confiscation-order" || kind === "restraint-order";
const numberOrNull = (text: string) => (text.trim() === "" ? null : Number(text.trim().replace(/[,£]/g, "")));

/**
 * The checks the server makes on an outcome's own facts (the same rules, from kinds.ts) and the
 * choices the form needs, keyed by control id in page order; links are checked by the server.
 */
function check(values: OutcomeFormValues): Record<string, string> {
  const fields: Record<string, string> = {};
  if (values.kind === "") fields[idOf("kind")] = "Choose the kind of outcome";
  if (values.operationId === "") fields[idOf("operationId")] = "Choose the operation";
  else if (values.ocgId === "") fields[idOf("ocgId")] = "Choose the OCG the outcome is against";
  if (values.occurredOn === "") fields[idOf("occurredOn")] = "Enter the date";
  if (values.kind === "") return fields;
  const quantity = numberOrNull(values.quantity);
  const sentence = numberOrNull(values.sentenceMonths);
  if (quantity !== null && Number.isNaN(quantity))
    fields[idOf("quantity")] = "Enter the quantity as a number";
  if (sentence !== null && Number.isNaN(sentence))
    fields[idOf("sentenceMonths")] = "Enter the sentence as a whole number of months";
  const kind = values.kind as OutcomeKind;
  const errors = outcomeErrors(
    {
      kind,
      occurredOn: values.occurredOn || today(),
      quantity: kind === "conviction" ? null : quantity,
      commodity: kind === "seizure" && values.commodity ? (values.commodity as Commodity) : null,
      offence: kind === "conviction" ? values.offence : null,
      sentenceMonths: kind === "conviction" ? sentence : null,
      court: isOrder(kind) ? values.court : null,
      safeguardedGroup:
        kind === "safeguarding" && values.safeguardedGroup
          ? (values.safeguardedGroup as SafeguardedGroup)
          : null,
    },
    today(),
  );
  for (const error of errors) {
    const id = idOf(error.field);
    if (!(id in fields)) fields[id] = error.message;
  }
  // The summary lists errors in page order: the kind's own fields come after the links and date.
  const order = Object.values(FIELD_IDS);
  return Object.fromEntries(Object.entries(fields).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
}

/** The body the API takes: only the fields of the chosen kind, numbers as numbers. */
export function outcomeBodyOf(values: OutcomeFormValues): NewOutcome {
  const kind = values.kind as OutcomeKind;
  return {
    kind,
    operationId: values.operationId,
    ocgId: values.ocgId,
    disruptionId: values.disruptionId || null,
    occurredOn: values.occurredOn,
    quantity: kind === "conviction" ? null : numberOrNull(values.quantity),
    commodity: kind === "seizure" ? (values.commodity as Commodity) : null,
    offence: kind === "conviction" ? values.offence.trim() : null,
    sentenceMonths: kind === "conviction" ? numberOrNull(values.sentenceMonths) : null,
    court: isOrder(kind) ? values.court.trim() : null,
    safeguardedGroup: kind === "safeguarding" ? (values.safeguardedGroup as SafeguardedGroup) : null,
    notes: values.notes.trim(),
    ...(values.forceId ? { forceId: values.forceId } : {}),
    classification: values.classification as Clearance,
  };
}

/** A number field with its unit beside it, as GOV.UK writes prefixes and suffixes. */
function QuantityInput({
  label,
  hint,
  value,
  onChange,
  error,
  prefix,
  suffix,
}: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  prefix?: string;
  suffix?: string;
}) {
  const id = "quantity";
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <div className="govuk-input__wrapper">
        {prefix ? (
          <div className="govuk-input__prefix" aria-hidden="true">
            {prefix}
          </div>
        ) : null}
        <input
          id={id}
          name={id}
          className={`govuk-input govuk-input--width-10${error ? " govuk-input--error" : ""}`}
          inputMode="decimal"
          spellCheck={false}
          autoComplete="off"
          value={value}
          aria-describedby={describedBy || undefined}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(event.target.value)}
        />
        {suffix ? (
          <div className="govuk-input__suffix" aria-hidden="true">
            {suffix}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** Disruption claims against an OCG, newest first: an outcome may be linked to one of them. */
function useClaimsAgainst(ocgId: string) {
  return useAsync(
    () => (ocgId ? api.disruptions({ ocgId, sort: "-disruptedOn", pageSize: 100 }) : Promise.resolve(null)),
    [ocgId],
  );
}

/**
 * The create and edit form of an outcome. The fields follow the kind chosen: a conviction asks
 * for the offence and the sentence, a seizure for what was seized and shows its unit beside the
 * quantity, an order for its amount and court. The OCG is one of the chosen operation's targets.
 */
export function OutcomeForm({
  me,
  initial,
  editing = false,
  onlyOperationsAgainst,
  submitText,
  cancelTo,
  onSubmit,
  onErrors,
  heading,
}: {
  heading: ReactNode;
  onErrors?: (shown: boolean) => void;
  me: Me | null | undefined;
  initial: OutcomeFormValues;
  /** The kind is fixed once recorded. */
  editing?: boolean;
  /** Offer only the operations targeting this OCG (coming from its page). */
  onlyOperationsAgainst?: string;
  submitText: string;
  cancelTo: string;
  onSubmit: (body: NewOutcome) => Promise<void>;
}) {
  const reference = useOcgReference();
  const operations = useAsync(
    () => api.operations({ sort: "codeName", pageSize: 200, ocgId: onlyOperationsAgainst }),
    [onlyOperationsAgainst],
  );
  const { values, setValues, set, errors, setErrors, busy, submit } = useRecordForm({
    initial,
    check,
    toBody: outcomeBodyOf,
    onSubmit,
    fieldIds: FIELD_IDS,
    onErrors,
  });
  const claims = useClaimsAgainst(values.ocgId);

  const operationList = operations.data?.items ?? [];
  const operation: Operation | undefined = operationList.find((item) => item.id === values.operationId);
  // Coming from an operation with a single target, or an OCG, the group is chosen already.
  useEffect(() => {
    if (!operation) return;
    const targets = operation.targets;
    const only = targets.length === 1 ? targets[0] : undefined;
    if (only && values.ocgId === "") setValues((current) => ({ ...current, ocgId: only.id }));
  }, [operation, values.ocgId, setValues]);

  if (reference.error || operations.error || !reference.data || !operations.data) {
    const failure = reference.error ?? operations.error;
    return (
      <>
        {heading}
        {failure ? (
          <LoadError
            error={failure}
            retry={() => {
              reference.reload();
              operations.reload();
            }}
          />
        ) : (
          <Loading what="Loading operations and forces" />
        )}
      </>
    );
  }
  const { forces, regions } = reference.data;
  const kind = values.kind === "" ? null : (values.kind as OutcomeKind);
  const commodity = values.commodity === "" ? null : (values.commodity as Commodity);
  const unit = kind ? unitOf(kind, commodity) : null;
  const fieldError = (field: string) => errors.fields[idOf(field)];
  const hostForce = operation?.hostForce;

  return (
    <>
      <FormErrorSummary errors={errors} />
      {heading}
      <form onSubmit={submit} noValidate aria-label={submitText}>
        {editing ? null : (
          <Radios
            idPrefix="kind"
            legend="What was the outcome?"
            legendClass="govuk-fieldset__legend--m"
            options={OUTCOME_KINDS.map((value) => ({
              value,
              label: KIND_LABELS[value],
              hint: KIND_HINTS[value],
            }))}
            value={values.kind}
            onChange={(next) => {
              set({ kind: next });
              // The fields of the kind left behind are gone: so are their errors.
              setErrors((current) => ({
                ...current,
                fields: Object.fromEntries(
                  Object.entries(current.fields).filter(([id]) => SHARED_FIELD_IDS.includes(id)),
                ),
              }));
            }}
            error={fieldError("kind")}
            small
          />
        )}
        <Select
          id="operationId"
          label="Operation"
          hint={
            onlyOperationsAgainst
              ? "The operations you can see that target this group"
              : "The operations you can see; the outcome is credited to its host force unless you choose another"
          }
          value={values.operationId}
          onChange={(operationId) => set({ operationId, ocgId: "", disruptionId: "" })}
          placeholder="Choose an operation"
          options={operationList.map((item) => ({ value: item.id, label: `Operation ${item.codeName}` }))}
          error={fieldError("operationId")}
        />
        {operation ? (
          <Select
            id="ocgId"
            label="OCG"
            hint={`One of the groups Operation ${operation.codeName} targets`}
            value={values.ocgId}
            onChange={(ocgId) => set({ ocgId, disruptionId: "" })}
            placeholder="Choose an OCG"
            options={operation.targets.map((target) => ({
              value: target.id,
              label: `${target.reference} ${target.name}`,
            }))}
            error={fieldError("ocgId")}
          />
        ) : null}
        {values.ocgId && claims.data ? (
          <Select
            id="disruptionId"
            label="Disruption (optional)"
            hint="The disruption claim this outcome supports, if there is one"
            value={values.disruptionId}
            onChange={(disruptionId) => set({ disruptionId })}
            placeholder="None"
            options={claims.data.items.map((claim) => ({
              value: claim.id,
              label: `${claim.reference}, ${formatDate(claim.disruptedOn)}`,
            }))}
            error={fieldError("disruptionId")}
          />
        ) : null}
        <TextInput
          id="occurredOn"
          label={kind && isOrder(kind) ? "Date of the order" : "Date"}
          hint={kind === "conviction" ? "The date of sentence" : "The date it happened; not in the future"}
          type="date"
          value={values.occurredOn}
          onChange={(occurredOn) => set({ occurredOn })}
          error={fieldError("occurredOn")}
          width="10"
        />

        {kind === "conviction" ? (
          <>
            <TextInput
              id="offence"
              label="Offence"
              hint="The offence the person was convicted of, e.g. conspiracy to supply class A drugs"
              value={values.offence}
              onChange={(offence) => set({ offence })}
              error={fieldError("offence")}
              width="30"
            />
            <TextInput
              id="sentenceMonths"
              label="Sentence in months"
              hint="The custodial sentence in whole months; 0 for a sentence without custody. Totals show years."
              inputMode="numeric"
              spellCheck={false}
              value={values.sentenceMonths}
              onChange={(sentenceMonths) => set({ sentenceMonths })}
              error={fieldError("sentenceMonths")}
              width="4"
            />
          </>
        ) : null}
        {kind === "seizure" ? (
          <Select
            id="commodity"
            label="What was seized"
            value={values.commodity}
            onChange={(next) => set({ commodity: next })}
            placeholder="Choose what was seized"
            options={COMMODITIES.map((value) => ({ value, label: COMMODITY_LABELS[value] }))}
            error={fieldError("commodity")}
          />
        ) : null}
        {kind && isOrder(kind) ? (
          <TextInput
            id="court"
            label="Court"
            hint="The court that made the order"
            value={values.court}
            onChange={(court) => set({ court })}
            error={fieldError("court")}
            width="30"
          />
        ) : null}
        {kind === "safeguarding" ? (
          <Radios
            idPrefix="safeguardedGroup"
            legend="Who was safeguarded"
            options={SAFEGUARDED_GROUPS.map((value) => ({ value, label: GROUP_LABELS[value] }))}
            value={values.safeguardedGroup}
            onChange={(safeguardedGroup) => set({ safeguardedGroup })}
            error={fieldError("safeguardedGroup")}
            small
            inline
          />
        ) : null}
        {kind && kind !== "conviction" && (kind !== "seizure" || unit) ? (
          <QuantityInput
            label={quantityQuestion(kind, commodity)}
            hint={
              unit === "kg"
                ? "To the nearest gram, e.g. 2.125"
                : unit === "pounds"
                  ? "To the penny, e.g. 15250.50"
                  : "A whole number"
            }
            value={values.quantity}
            onChange={(quantity) => set({ quantity })}
            error={fieldError("quantity")}
            {...(unit === "pounds" ? { prefix: "£" } : {})}
            {...(unit === "kg" ? { suffix: "kg" } : {})}
            {...(unit === "people" ? { suffix: "people" } : {})}
          />
        ) : null}

        <Select
          id="forceId"
          label="Force credited"
          hint="The force whose outcome this is; its users and region see it"
          value={values.forceId}
          onChange={(forceId) => set({ forceId })}
          placeholder={
            hostForce ? `The operation's host force (${hostForce.name})` : "The operation's host force"
          }
          groups={forceGroups(forces, regions, leadForceFilter(me))}
          error={fieldError("forceId")}
        />
        <ClassificationRadios
          value={values.classification}
          onChange={(classification) => set({ classification })}
          error={fieldError("classification")}
        />
        <Textarea
          id="notes"
          label="Notes (optional)"
          hint="Restricted: shown to those who read outcomes, never in totals. Record no named individuals."
          value={values.notes}
          onChange={(notes) => set({ notes })}
          error={fieldError("notes")}
        />
        <SubmitOrCancel text={submitText} busy={busy} cancelTo={cancelTo} />
      </form>
    </>
  );
}
