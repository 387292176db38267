import type { ReactNode } from "react";
import {
  api,
  CLEARANCES,
  type Claim,
  type Clearance,
  type Grade,
  type NewClaim,
  type Strand,
} from "../api.ts";
import { useAsync } from "../hooks.ts";
import { ClassificationRadios } from "./ClassificationRadios.tsx";
import { GRADE_HINTS, GRADE_LABELS, GRADES, linesOf } from "./disruption.tsx";
import {
  FormErrorSummary,
  FormLoading,
  firstChoiceId,
  Radios,
  Select,
  SubmitOrCancel,
  Textarea,
  TextInput,
} from "./govuk.tsx";
import { STRAND_HINTS, STRAND_LABELS, STRANDS, todayIso } from "./ocg.tsx";
import { useRecordForm } from "./recordForm.ts";

export interface ClaimFormValues {
  ocgId: string;
  operationId: string;
  disruptedOn: string;
  claimedGrade: string;
  strand: string;
  /** Empty until chosen: the OCG's primary crime type is offered when the OCG is chosen. */
  crimeType: string;
  narrative: string;
  /** One reference a line. */
  evidenceReferences: string;
  classification: string;
}

export function emptyClaimValues(prefill: { ocgId?: string; operationId?: string } = {}): ClaimFormValues {
  return {
    ocgId: prefill.ocgId ?? "",
    operationId: prefill.operationId ?? "",
    disruptedOn: "",
    claimedGrade: "",
    strand: "",
    crimeType: "",
    narrative: "",
    evidenceReferences: "",
    classification: "OFFICIAL-SENSITIVE",
  };
}

export function claimValuesOf(claim: Claim): ClaimFormValues {
  return {
    ocgId: claim.ocg.id,
    operationId: claim.operation?.id ?? "",
    disruptedOn: claim.disruptedOn,
    claimedGrade: claim.claimedGrade,
    strand: claim.strand,
    crimeType: claim.crimeType.code,
    narrative: claim.narrative,
    evidenceReferences: claim.evidenceReferences.join("\n"),
    classification: claim.classification,
  };
}

/** Ids of the controls, by the API body field they set (for linking API field errors). */
const FIELD_IDS: Record<string, string> = {
  ocgId: "ocgId",
  operationId: "operationId",
  disruptedOn: "disruptedOn",
  claimedGrade: firstChoiceId("claimedGrade", GRADES),
  strand: firstChoiceId("strand", STRANDS),
  crimeType: "crimeType",
  narrative: "narrative",
  evidenceReferences: "evidenceReferences",
  classification: firstChoiceId("classification", CLEARANCES),
};
const idOf = (field: string) => FIELD_IDS[field] ?? field;

/** Client-side checks, keyed by control id, in page order. */
function check(values: ClaimFormValues): Record<string, string> {
  const fields: Record<string, string> = {};
  if (values.ocgId === "") fields[idOf("ocgId")] = "Choose the OCG the disruption was against";
  if (values.disruptedOn === "") fields[idOf("disruptedOn")] = "Enter the date of the disruption";
  else if (values.disruptedOn > todayIso())
    fields[idOf("disruptedOn")] = "The date of the disruption cannot be in the future";
  if (values.claimedGrade === "") fields[idOf("claimedGrade")] = "Choose major, moderate or minor";
  if (values.strand === "") fields[idOf("strand")] = "Choose Pursue, Prevent, Protect or Prepare";
  if (values.narrative.trim() === "")
    fields[idOf("narrative")] = "Describe the disruption and its effect on the group";
  return fields;
}

function bodyOf(values: ClaimFormValues): NewClaim {
  return {
    ocgId: values.ocgId,
    operationId: values.operationId === "" ? null : values.operationId,
    disruptedOn: values.disruptedOn,
    claimedGrade: values.claimedGrade as Grade,
    strand: values.strand as Strand,
    ...(values.crimeType ? { crimeType: values.crimeType } : {}),
    narrative: values.narrative.trim(),
    evidenceReferences: linesOf(values.evidenceReferences),
    classification: values.classification as Clearance,
  };
}

const OCG_CHOICES = 200;

/** The OCGs the claimant can see, by reference, with the chosen one kept even beyond the first page. */
function useOcgChoices(chosenId: string) {
  return useAsync(async () => {
    const [page, crimeTypes] = await Promise.all([
      api.ocgs({ sort: "reference", pageSize: OCG_CHOICES }),
      api.crimeTypes(),
    ]);
    const listed = page.items.some((ocg) => ocg.id === chosenId);
    const chosen = chosenId && !listed ? await api.ocg(chosenId).catch(() => null) : null;
    return {
      ocgs: chosen ? [chosen, ...page.items] : page.items,
      more: page.total - page.items.length,
      crimeTypes: [...crimeTypes.items].sort((a, b) => a.sortOrder - b.sortOrder),
    };
  }, []);
}

/** The claim form: a new draft, or changes to a draft or returned claim. */
export function DisruptionForm({
  initial,
  submitText,
  cancelTo,
  onSubmit,
  onErrors,
  heading,
}: {
  /** The page's caption, heading and introduction: the error summary goes above them. */
  heading: ReactNode;
  /** Told whether the form shows errors, so the page can say so in its title. */
  onErrors?: (shown: boolean) => void;
  initial: ClaimFormValues;
  submitText: string;
  cancelTo: string;
  onSubmit: (body: NewClaim) => Promise<void>;
}) {
  const choices = useOcgChoices(initial.ocgId);
  const ocgs = choices.data?.ocgs ?? [];
  // The crime type follows the OCG's primary one until the claimant chooses another.
  const crimeTypeOf = (current: ClaimFormValues) =>
    current.crimeType || ocgs.find((item) => item.id === current.ocgId)?.primaryCrimeType.code || "";
  const { values, set, errors, busy, submit } = useRecordForm({
    initial,
    check,
    toBody: (current: ClaimFormValues) => bodyOf({ ...current, crimeType: crimeTypeOf(current) }),
    onSubmit,
    fieldIds: FIELD_IDS,
    onErrors,
  });
  const operations = useAsync(
    () =>
      values.ocgId
        ? api.operations({ ocgId: values.ocgId, sort: "codeName", pageSize: 200 })
        : Promise.resolve(null),
    [values.ocgId],
  );

  const ocg = ocgs.find((item) => item.id === values.ocgId);
  const crimeType = crimeTypeOf(values);

  if (choices.error || !choices.data) {
    return (
      <FormLoading
        heading={heading}
        error={choices.error}
        retry={choices.reload}
        what="Loading the groups you can see"
      />
    );
  }
  const fieldError = (field: string) => errors.fields[idOf(field)];
  const operationChoices = operations.data?.items ?? [];

  return (
    <>
      <FormErrorSummary errors={errors} />
      {heading}
      <form onSubmit={submit} noValidate aria-label={submitText}>
        <Select
          id="ocgId"
          label="OCG"
          hint={
            choices.data.more > 0
              ? `The first ${OCG_CHOICES} groups you can see, by reference`
              : "The groups you can see, by reference"
          }
          value={values.ocgId}
          // The operation must target the group, and the crime type follows it: both are chosen again.
          onChange={(ocgId) => set({ ocgId, operationId: "", crimeType: "" })}
          placeholder="Choose an OCG"
          options={ocgs.map((item) => ({ value: item.id, label: `${item.reference} ${item.name}` }))}
          error={fieldError("ocgId")}
        />
        {values.ocgId ? (
          <Select
            id="operationId"
            label="Operation (optional)"
            hint="The operations you can see that target this group"
            value={values.operationId}
            onChange={(operationId) => set({ operationId })}
            placeholder={operations.loading ? "Loading operations…" : "None"}
            options={operationChoices.map((item) => ({
              value: item.id,
              label: `Operation ${item.codeName}`,
            }))}
            error={fieldError("operationId")}
          />
        ) : null}
        <TextInput
          id="disruptedOn"
          label="Date of the disruption"
          hint="The day the disruption happened; not in the future"
          type="date"
          value={values.disruptedOn}
          onChange={(disruptedOn) => set({ disruptedOn })}
          error={fieldError("disruptedOn")}
          width="10"
        />
        <Radios
          idPrefix="claimedGrade"
          legend="Claimed grade"
          legendClass="govuk-fieldset__legend--m"
          hint="Grade the effect on the group as the national ROCU performance framework describes. The moderation panel confirms or changes it, and only its grade counts."
          options={GRADES.map((grade) => ({
            value: grade,
            label: GRADE_LABELS[grade],
            hint: GRADE_HINTS[grade],
          }))}
          value={values.claimedGrade}
          onChange={(claimedGrade) => set({ claimedGrade })}
          error={fieldError("claimedGrade")}
          small
        />
        <Radios
          idPrefix="strand"
          legend="4P strand"
          options={STRANDS.map((strand) => ({
            value: strand,
            label: STRAND_LABELS[strand],
            hint: STRAND_HINTS[strand],
          }))}
          value={values.strand}
          onChange={(strand) => set({ strand })}
          error={fieldError("strand")}
          small
        />
        <Select
          id="crimeType"
          label="Crime type"
          hint={ocg ? `The group’s primary crime type unless you choose another` : "Choose the OCG first"}
          value={crimeType}
          onChange={(next) => set({ crimeType: next })}
          placeholder="Choose a crime type"
          options={choices.data.crimeTypes.map((type) => ({ value: type.code, label: type.name }))}
          error={fieldError("crimeType")}
        />
        <Textarea
          id="narrative"
          label="What happened"
          hint="What was done and the effect on the group. Record no named individuals: use pseudonymous references."
          value={values.narrative}
          onChange={(narrative) => set({ narrative })}
          error={fieldError("narrative")}
          rows={8}
        />
        <Textarea
          id="evidenceReferences"
          label="Evidence references (optional)"
          hint="One a line: exhibit, crime or intelligence log references the panel can check"
          value={values.evidenceReferences}
          onChange={(evidenceReferences) => set({ evidenceReferences })}
          error={fieldError("evidenceReferences")}
          rows={4}
        />
        <ClassificationRadios
          value={values.classification}
          onChange={(classification) => set({ classification })}
          error={fieldError("classification")}
          what="claim"
        />
        <SubmitOrCancel text={submitText} busy={busy} cancelTo={cancelTo} />
      </form>
    </>
  );
}
