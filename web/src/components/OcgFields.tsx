import type { ReactNode } from "react";
import {
  api,
  CLEARANCES,
  type Clearance,
  type CrimeType,
  type Force,
  type Me,
  type NewOcg,
  type Ocg,
  type OcgLevel,
  type Region,
} from "../api.ts";
import { useAsync } from "../hooks.ts";
import { ClassificationRadios } from "./ClassificationRadios.tsx";
import {
  Checkboxes,
  FormErrorSummary,
  FormLoading,
  firstChoiceId,
  type OptionGroup,
  Radios,
  Select,
  SubmitOrCancel,
  Textarea,
  TextInput,
} from "./govuk.tsx";
import { LEVEL_LABELS, OCG_LEVELS, splitList } from "./ocg.tsx";
import { useRecordForm } from "./recordForm.ts";

export interface OcgFormValues {
  name: string;
  aliases: string;
  leadForceId: string;
  level: string;
  primaryCrimeType: string;
  secondaryCrimeTypes: string[];
  forcesAffected: string[];
  areasAffected: string;
  estimatedSize: string;
  classification: string;
}

export function emptyOcgValues(me: Me | null | undefined): OcgFormValues {
  return {
    name: "",
    aliases: "",
    leadForceId: me?.forceId ?? "",
    level: "",
    primaryCrimeType: "",
    secondaryCrimeTypes: [],
    forcesAffected: [],
    areasAffected: "",
    estimatedSize: "",
    classification: "OFFICIAL-SENSITIVE",
  };
}

export function ocgValuesOf(ocg: Ocg): OcgFormValues {
  return {
    name: ocg.name,
    aliases: ocg.aliases.join("\n"),
    leadForceId: ocg.leadForce.id,
    level: ocg.level,
    primaryCrimeType: ocg.primaryCrimeType.code,
    secondaryCrimeTypes: [...ocg.secondaryCrimeTypes],
    forcesAffected: [...ocg.forcesAffected],
    areasAffected: ocg.areasAffected,
    estimatedSize: ocg.estimatedSize === null ? "" : String(ocg.estimatedSize),
    classification: ocg.classification,
  };
}

/** Ids of the controls, by the API body field they set (for linking API field errors). */
const FIELD_IDS: Record<string, string> = {
  name: "name",
  aliases: "aliases",
  leadForceId: "leadForceId",
  level: firstChoiceId("level", OCG_LEVELS),
  primaryCrimeType: "primaryCrimeType",
  secondaryCrimeTypes: "secondaryCrimeTypes",
  forcesAffected: "forcesAffected",
  areasAffected: "areasAffected",
  estimatedSize: "estimatedSize",
  classification: firstChoiceId("classification", CLEARANCES),
};

/** Client-side checks, keyed by control id, in page order. */
function check(values: OcgFormValues): Record<string, string> {
  const fields: Record<string, string> = {};
  if (values.name.trim() === "") fields.name = "Enter the name the group is known by";
  if (values.leadForceId === "") fields.leadForceId = "Choose the lead force";
  if (values.level === "") fields[FIELD_IDS.level ?? "level"] = "Select the level of activity";
  if (values.primaryCrimeType === "") fields.primaryCrimeType = "Choose the primary crime type";
  const size = values.estimatedSize.trim();
  if (size !== "" && !/^\d+$/.test(size))
    fields.estimatedSize = "Estimated size must be a whole number of members, like 12";
  if (values.classification === "")
    fields[FIELD_IDS.classification ?? "classification"] = "Select the classification";
  return fields;
}

export function ocgBodyOf(values: OcgFormValues): NewOcg {
  const size = values.estimatedSize.trim();
  return {
    name: values.name.trim(),
    aliases: splitList(values.aliases),
    leadForceId: values.leadForceId,
    level: values.level as OcgLevel,
    primaryCrimeType: values.primaryCrimeType,
    secondaryCrimeTypes: values.secondaryCrimeTypes.filter((code) => code !== values.primaryCrimeType),
    forcesAffected: values.forcesAffected.filter((id) => id !== values.leadForceId),
    areasAffected: values.areasAffected.trim(),
    estimatedSize: size === "" ? null : Number(size),
    classification: values.classification as Clearance,
  };
}

/** Forces grouped by region, in name order; only the regions the user works in when they are limited. */
export function forceGroups(
  forces: Force[],
  regions: Region[],
  only?: (force: Force) => boolean,
): OptionGroup[] {
  return [...regions]
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"))
    .map((region) => ({
      label: region.name,
      options: forces
        .filter((force) => force.regionId === region.id && (only ? only(force) : true))
        .sort((a, b) => a.name.localeCompare(b.name, "en-GB"))
        .map((force) => ({ value: force.id, label: force.name })),
    }))
    .filter((group) => group.options.length > 0);
}

/** The forces a user may choose as lead force: their own, their region's, or all. */
export function leadForceFilter(me: Me | null | undefined): (force: Force) => boolean {
  if (!me || me.scope === "national") return () => true;
  if (me.scope === "region") return (force) => force.regionId === me.regionId;
  return (force) => force.id === me.forceId;
}

export function useOcgReference() {
  return useAsync(
    () =>
      Promise.all([api.forces(), api.regions(), api.crimeTypes()]).then(([forces, regions, crimeTypes]) => ({
        forces: forces.items,
        regions: regions.items,
        crimeTypes: [...crimeTypes.items].sort((a, b) => a.sortOrder - b.sortOrder),
      })),
    [],
  );
}

/** The create and edit form of an OCG. */
export function OcgForm({
  me,
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
  me: Me | null | undefined;
  initial: OcgFormValues;
  submitText: string;
  cancelTo: string;
  onSubmit: (body: NewOcg) => Promise<void>;
}) {
  const reference = useOcgReference();
  const { values, set, errors, busy, submit } = useRecordForm({
    initial,
    check,
    toBody: ocgBodyOf,
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
        what="Loading forces and crime types"
      />
    );
  }
  const { forces, regions, crimeTypes } = reference.data;

  return (
    <>
      <FormErrorSummary errors={errors} />
      {heading}
      <form onSubmit={submit} noValidate aria-label={submitText}>
        <TextInput
          id="name"
          label="Name"
          hint="The name the group is known by. Record no named individuals: use pseudonymous references."
          value={values.name}
          onChange={(name) => set({ name })}
          error={errors.fields.name}
          autoComplete="off"
          width="30"
        />
        <Textarea
          id="aliases"
          label="Aliases (optional)"
          hint="Other names the group is known by, separated by commas or one per line"
          value={values.aliases}
          onChange={(aliases) => set({ aliases })}
          error={errors.fields.aliases}
          rows={2}
        />
        <Select
          id="leadForceId"
          label="Lead force"
          hint="The force that owns the record; the OCG reference takes its region’s prefix"
          value={values.leadForceId}
          onChange={(leadForceId) => set({ leadForceId })}
          placeholder="Choose a force"
          groups={forceGroups(forces, regions, leadForceFilter(me))}
          error={errors.fields.leadForceId}
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
        <Select
          id="primaryCrimeType"
          label="Primary crime type"
          hint="The group’s predominant criminality"
          value={values.primaryCrimeType}
          onChange={(primaryCrimeType) => set({ primaryCrimeType })}
          placeholder="Choose a crime type"
          options={crimeTypes.map((type) => ({ value: type.code, label: type.name }))}
          error={errors.fields.primaryCrimeType}
        />
        <div id="secondaryCrimeTypes" tabIndex={-1}>
          <Checkboxes
            idPrefix="secondaryCrimeTypes"
            legend="Secondary crime types (optional)"
            hint="Select all that apply"
            options={crimeTypes
              .filter((type: CrimeType) => type.code !== values.primaryCrimeType)
              .map((type) => ({ value: type.code, label: type.name }))}
            values={values.secondaryCrimeTypes}
            onChange={(secondaryCrimeTypes) => set({ secondaryCrimeTypes })}
            error={errors.fields.secondaryCrimeTypes}
            small
            columns
          />
        </div>
        <ForcesAffected
          groups={forceGroups(forces, regions)}
          leadRegionId={
            forces.find((force) => force.id === values.leadForceId)?.regionId ?? me?.regionId ?? null
          }
          regions={regions}
          values={values.forcesAffected}
          leadForceId={values.leadForceId}
          onChange={(forcesAffected) => set({ forcesAffected })}
          error={errors.fields.forcesAffected}
        />
        <Textarea
          id="areasAffected"
          label="Areas affected (optional)"
          hint="Towns, districts or neighbourhoods where the group is active"
          value={values.areasAffected}
          onChange={(areasAffected) => set({ areasAffected })}
          error={errors.fields.areasAffected}
          rows={2}
        />
        <TextInput
          id="estimatedSize"
          label="Estimated size (optional)"
          hint="Number of members"
          inputMode="numeric"
          spellCheck={false}
          value={values.estimatedSize}
          onChange={(estimatedSize) => set({ estimatedSize })}
          error={errors.fields.estimatedSize}
          width="4"
        />
        <ClassificationRadios
          value={values.classification}
          onChange={(classification) => set({ classification })}
          error={errors.fields[FIELD_IDS.classification ?? ""]}
        />
        <p className="govuk-body">
          The Local Responsible Officer is not set on this form yet: it needs a list of officers you are
          allowed to see.
        </p>
        <SubmitOrCancel text={submitText} busy={busy} cancelTo={cancelTo} />
      </form>
    </>
  );
}

/** Forces affected: the lead force's region open, other regions folded away. */
function ForcesAffected({
  groups,
  regions,
  leadRegionId,
  leadForceId,
  values,
  onChange,
  error,
}: {
  groups: OptionGroup[];
  regions: Region[];
  leadRegionId: string | null;
  leadForceId: string;
  values: string[];
  onChange: (values: string[]) => void;
  error: string | undefined;
}) {
  const regionIdOf = (label: string) => regions.find((region) => region.name === label)?.id;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset
        className="govuk-fieldset"
        aria-describedby="forcesAffected-hint"
        id="forcesAffected"
        tabIndex={-1}
      >
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
          Other forces affected (optional)
        </legend>
        <div id="forcesAffected-hint" className="govuk-hint">
          Officers in these forces will see the group too. The lead force is included already.
        </div>
        {error ? (
          <p className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        {groups.map((group) => {
          const options = group.options.filter((option) => option.value !== leadForceId);
          if (options.length === 0) return null;
          const chosen = options.filter((option) => values.includes(option.value)).length;
          const regionId = regionIdOf(group.label);
          return (
            <details
              key={group.label}
              className="govuk-details rocu-details--compact"
              open={regionId === leadRegionId || chosen > 0}
            >
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">
                  {group.label}
                  {chosen > 0 ? ` (${chosen} selected)` : ""}
                </span>
              </summary>
              <div className="govuk-details__text">
                <Checkboxes
                  idPrefix={`forcesAffected-${regionId ?? group.label}`}
                  legend={<span className="govuk-visually-hidden">Forces in {group.label}</span>}
                  options={options}
                  values={values}
                  onChange={onChange}
                  small
                  columns
                />
              </div>
            </details>
          );
        })}
      </fieldset>
    </div>
  );
}
