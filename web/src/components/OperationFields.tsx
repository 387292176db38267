import { type ReactNode, useEffect, useState } from "react";
import {
  api,
  CLEARANCES,
  type Clearance,
  type Me,
  type NewOperation,
  type Ocg,
  type OcgLevel,
  type Operation,
  type Organisation,
  type OrganisationKind,
} from "../api.ts";
import { formatNumber } from "../format.ts";
import { useAsync } from "../hooks.ts";
import { ClassificationRadios } from "./ClassificationRadios.tsx";
import {
  Checkboxes,
  FormErrorSummary,
  FormLoading,
  firstChoiceId,
  LoadError,
  Loading,
  type OptionGroup,
  Radios,
  Select,
  SubmitOrCancel,
  TextInput,
} from "./govuk.tsx";
import { forceGroups, leadForceFilter } from "./OcgFields.tsx";
import { LEVEL_LABELS, OCG_LEVELS } from "./ocg.tsx";
import { useRecordForm } from "./recordForm.ts";

/** A target OCG as the form shows it: by reference and name. */
export interface TargetChoice {
  id: string;
  reference: string;
  name: string;
}

export interface OperationFormValues {
  codeName: string;
  leadOrganisationId: string;
  hostForceId: string;
  level: string;
  sioUserId: string;
  startedOn: string;
  endedOn: string;
  targets: TargetChoice[];
  classification: string;
}

/** An empty form; a record page's "record an operation" link may bring its OCG as the first target. */
export function emptyOperationValues(me: Me | null | undefined, target?: Ocg): OperationFormValues {
  return {
    codeName: "",
    leadOrganisationId: "",
    hostForceId: me?.forceId ?? "",
    level: "",
    sioUserId: "",
    startedOn: "",
    endedOn: "",
    targets: target ? [{ id: target.id, reference: target.reference, name: target.name }] : [],
    classification: "OFFICIAL-SENSITIVE",
  };
}

export function operationValuesOf(operation: Operation): OperationFormValues {
  return {
    codeName: operation.codeName,
    leadOrganisationId: operation.leadOrganisation.id,
    hostForceId: operation.hostForce.id,
    level: operation.level,
    sioUserId: operation.sio?.id ?? "",
    startedOn: operation.startedOn ?? "",
    endedOn: operation.endedOn ?? "",
    targets: [...operation.targets],
    classification: operation.classification,
  };
}

/** Ids of the controls, by the API body field they set (for linking API field errors). */
const FIELD_IDS: Record<string, string> = {
  codeName: "codeName",
  leadOrganisationId: "leadOrganisationId",
  hostForceId: "hostForceId",
  level: firstChoiceId("level", OCG_LEVELS),
  sioUserId: "sioUserId",
  startedOn: "startedOn",
  endedOn: "endedOn",
  targetOcgIds: "targetOcgIds",
  classification: firstChoiceId("classification", CLEARANCES),
};

/** Client-side checks, keyed by control id, in page order. */
function check(values: OperationFormValues): Record<string, string> {
  const fields: Record<string, string> = {};
  if (values.codeName.trim() === "") fields.codeName = "Enter the operation's code name";
  if (values.leadOrganisationId === "") fields.leadOrganisationId = "Choose who leads the operation";
  if (values.hostForceId === "") fields.hostForceId = "Choose the host force";
  if (values.level === "") fields[FIELD_IDS.level ?? "level"] = "Select the level of activity";
  if (values.startedOn !== "" && values.endedOn !== "" && values.endedOn < values.startedOn)
    fields.endedOn = "The end date must be on or after the start date";
  if (values.targets.length === 0) fields.targetOcgIds = "Choose at least one target OCG";
  return fields;
}

function bodyOf(values: OperationFormValues): NewOperation {
  return {
    codeName: values.codeName.trim(),
    leadOrganisationId: values.leadOrganisationId,
    hostForceId: values.hostForceId,
    level: values.level as OcgLevel,
    sioUserId: values.sioUserId === "" ? null : values.sioUserId,
    startedOn: values.startedOn === "" ? null : values.startedOn,
    endedOn: values.endedOn === "" ? null : values.endedOn,
    targetOcgIds: values.targets.map((target) => target.id),
    classification: values.classification as Clearance,
  };
}

const KIND_GROUPS: { kind: OrganisationKind; label: string }[] = [
  { kind: "rocu", label: "Regional organised crime units" },
  { kind: "force", label: "Police forces" },
  { kind: "national", label: "National bodies" },
];

/** Organisations (to lead an operation, receive or pay money), grouped by kind, in name order. */
export function organisationGroups(organisations: Organisation[]): OptionGroup[] {
  return KIND_GROUPS.map(({ kind, label }) => ({
    label,
    options: organisations
      .filter((organisation) => organisation.kind === kind)
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB"))
      .map((organisation) => ({ value: organisation.id, label: organisation.name })),
  })).filter((group) => group.options.length > 0);
}

function useOperationReference() {
  return useAsync(
    () =>
      Promise.all([api.organisations(), api.forces(), api.regions()]).then(
        ([organisations, forces, regions]) => ({
          organisations: organisations.items,
          forces: forces.items,
          regions: regions.items,
        }),
      ),
    [],
  );
}

/** The create and edit form of an operation. */
export function OperationForm({
  me,
  initial,
  currentSio,
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
  me: Me | null | undefined;
  initial: OperationFormValues;
  /** The SIO already recorded, kept as a choice when it is someone else. */
  currentSio?: { id: string; name: string } | null;
  submitText: string;
  cancelTo: string;
  onSubmit: (body: NewOperation) => Promise<void>;
}) {
  const reference = useOperationReference();
  const { values, set, errors, busy, submit } = useRecordForm({
    initial,
    check,
    toBody: bodyOf,
    onSubmit,
    fieldIds: FIELD_IDS,
    onErrors,
  });

  if (reference.error || !reference.data) {
    return (
      <FormLoading
        heading={heading}
        error={reference.error}
        retry={reference.reload}
        what="Loading organisations and forces"
      />
    );
  }
  const { organisations, forces, regions } = reference.data;
  const sioChoices = [
    { value: "", label: "Not appointed yet" },
    ...(me ? [{ value: me.id, label: `Me (${me.name})` }] : []),
    ...(currentSio && currentSio.id !== me?.id ? [{ value: currentSio.id, label: currentSio.name }] : []),
  ];

  return (
    <>
      <FormErrorSummary errors={errors} />
      {heading}
      <form onSubmit={submit} noValidate aria-label={submitText}>
        <TextInput
          id="codeName"
          label="Code name"
          hint="Without the word “Operation”, for example NIGHTJAR. No two operations share a code name."
          value={values.codeName}
          onChange={(codeName) => set({ codeName })}
          error={errors.fields.codeName}
          autoComplete="off"
          spellCheck={false}
          width="20"
        />
        <Select
          id="leadOrganisationId"
          label="Lead"
          hint="The force, ROCU or national body (such as the NCA) leading the operation"
          value={values.leadOrganisationId}
          onChange={(leadOrganisationId) => {
            const lead = organisations.find((organisation) => organisation.id === leadOrganisationId);
            // A force-led operation is usually hosted by that force: offer it when the host is not chosen.
            const hostForceId =
              values.hostForceId === "" && lead?.kind === "force" && lead.forceId
                ? lead.forceId
                : values.hostForceId;
            set({ leadOrganisationId, hostForceId });
          }}
          placeholder="Choose who leads it"
          groups={organisationGroups(organisations)}
          error={errors.fields.leadOrganisationId}
        />
        <Select
          id="hostForceId"
          label="Host force"
          hint="The force the record belongs to: its officers and its region’s ROCU see and run the operation"
          value={values.hostForceId}
          onChange={(hostForceId) => set({ hostForceId })}
          placeholder="Choose a force"
          groups={forceGroups(forces, regions, leadForceFilter(me))}
          error={errors.fields.hostForceId}
        />
        <Radios
          idPrefix="level"
          legend="Level of activity"
          options={OCG_LEVELS.map((level) => ({ value: level, label: LEVEL_LABELS[level] }))}
          value={values.level}
          onChange={(level) => set({ level })}
          error={errors.fields[FIELD_IDS.level ?? ""]}
          small
        />
        <div id="sioUserId" tabIndex={-1}>
          <Radios
            idPrefix="sio"
            legend="Senior Investigating Officer"
            hint="Appoint yourself, or leave it for the SIO to set when they take the operation on"
            options={sioChoices}
            value={values.sioUserId}
            onChange={(sioUserId) => set({ sioUserId })}
            error={errors.fields.sioUserId}
            small
          />
        </div>
        <TextInput
          id="startedOn"
          label="Start date (optional)"
          hint="Set to today when the operation goes active, if left empty"
          type="date"
          value={values.startedOn}
          onChange={(startedOn) => set({ startedOn })}
          error={errors.fields.startedOn}
          width="10"
        />
        <TextInput
          id="endedOn"
          label="End date (optional)"
          hint="Set to today when the operation is closed, if left empty"
          type="date"
          value={values.endedOn}
          onChange={(endedOn) => set({ endedOn })}
          error={errors.fields.endedOn}
          width="10"
        />
        <TargetPicker
          selected={values.targets}
          onChange={(targets) => set({ targets })}
          error={errors.fields.targetOcgIds}
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

const TARGET_PAGE_SIZE = 50;

/**
 * Target OCGs as checkboxes: the chosen ones first, then the groups the user may see that match
 * the search (found by the server, so that a region with hundreds of groups stays quick).
 */
function TargetPicker({
  selected,
  onChange,
  error,
}: {
  selected: TargetChoice[];
  onChange: (targets: TargetChoice[]) => void;
  error: string | undefined;
}) {
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const found = useAsync(
    () => api.ocgs({ q: query, sort: "reference", pageSize: TARGET_PAGE_SIZE }),
    [query],
  );
  const chosenIds = new Set(selected.map((target) => target.id));
  const choices = [
    ...selected,
    ...(found.data?.items ?? [])
      .filter((ocg) => !chosenIds.has(ocg.id))
      .map((ocg) => ({ id: ocg.id, reference: ocg.reference, name: ocg.name })),
  ];
  const more = found.data ? found.data.total - found.data.items.length : 0;

  return (
    <div className="govuk-form-group">
      <div className="govuk-label govuk-label--s" aria-hidden="true">
        Target OCGs
      </div>
      <div className="govuk-form-group govuk-!-margin-bottom-2">
        <label className="govuk-label" htmlFor="target-search">
          Find a group by reference, name or alias
        </label>
        <input
          id="target-search"
          name="target-search"
          className="govuk-input govuk-input--width-20"
          type="search"
          value={search}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setSearch(event.target.value)}
          // Enter searches here; it must not submit the whole form.
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              setQuery(search.trim());
            }
          }}
        />
      </div>
      <div id="targetOcgIds" tabIndex={-1}>
        <Checkboxes
          idPrefix="targetOcgIds"
          legend={<span className="govuk-visually-hidden">Target OCGs</span>}
          hint="Select every group the operation targets. Officers of their lead forces will see the operation."
          options={choices.map((target) => ({
            value: target.id,
            label: `${target.reference} – ${target.name}`,
          }))}
          values={selected.map((target) => target.id)}
          onChange={(ids) => onChange(choices.filter((target) => ids.includes(target.id)))}
          error={error}
          small
        />
      </div>
      {found.error ? <LoadError error={found.error} retry={found.reload} /> : null}
      {found.loading && !found.data ? <Loading what="Loading groups" /> : null}
      {found.data && choices.length === 0 ? (
        <p className="govuk-body">No groups you can see match “{query}”.</p>
      ) : null}
      {more > 0 ? (
        <p className="govuk-hint">
          {formatNumber(more)} more {more === 1 ? "group matches" : "groups match"}: search to narrow the
          list.
        </p>
      ) : null}
    </div>
  );
}
