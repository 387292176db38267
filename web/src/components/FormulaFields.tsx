import { checkShares, formatShare, parsePercent } from "#src/lib/money.ts";
import { api, type FormulaVersion, fundingApi, type NewFormula } from "../api.ts";
import { useAsync } from "../hooks.ts";
import { type FormErrors, type OptionGroup, Select, TextInput } from "./govuk.tsx";
import { organisationGroups } from "./OperationFields.tsx";

/** One part of a formula as the form keeps it: who pays ("party:…" or "formula:…") and the share typed. */
export interface PartRow {
  payer: string;
  /** As typed, in per cent: "57" or "26.5". */
  share: string;
}

const MAX_PARTS = 50;
export const emptyPart = (): PartRow => ({ payer: "", share: "" });

/** A decided version's parts, to start a new version from. */
export function partRowsOf(version: FormulaVersion | undefined): PartRow[] {
  if (!version) return [emptyPart(), emptyPart()];
  return version.parts.map((part) => ({
    payer: part.nestedFormula ? `formula:${part.nestedFormula.id}` : `party:${part.party?.id ?? ""}`,
    share: part.share.replace("%", ""),
  }));
}

const payerId = (index: number) => `parts-${index}-payer`;
const shareId = (index: number) => `parts-${index}-share`;

/** The server's names for the parts' fields, by control id. */
export const PART_FIELD_IDS: Record<string, string> = {
  parts: "parts",
  ...Object.fromEntries(
    Array.from({ length: MAX_PARTS }, (_, index) => [
      [`parts.${index}`, payerId(index)],
      [`parts.${index}.partyOrganisationId`, payerId(index)],
      [`parts.${index}.nestedFormulaId`, payerId(index)],
      [`parts.${index}.shareBasisPoints`, shareId(index)],
    ]).flat(),
  ),
};

function shareOf(row: PartRow): number | null {
  try {
    return parsePercent(row.share);
  } catch {
    return null;
  }
}

/** "Shares total 99.5%: they must total 100%", or null while a share cannot be read. */
function sharesMessage(parts: readonly PartRow[]): { ok: boolean; text: string } | null {
  const shares = parts.map(shareOf);
  if (shares.some((share) => share === null)) return null;
  const read = shares.filter((share): share is number => share !== null);
  const problem = checkShares(read);
  return problem
    ? { ok: false, text: problem }
    : { ok: true, text: `Shares total ${formatShare(read.reduce((sum, share) => sum + share, 0))}` };
}

/** Adds the parts' problems to a form's errors, keyed by control id, in page order. */
export function checkParts(parts: readonly PartRow[], fields: Record<string, string>): void {
  // The total's message sits above the rows, so it comes first in the error summary too.
  const message = sharesMessage(parts);
  if (parts.length === 0) fields.parts = "A formula needs at least one part";
  else if (message && !message.ok) fields.parts = message.text;
  parts.forEach((row, index) => {
    if (row.payer === "") fields[payerId(index)] = `Choose who pays part ${index + 1}`;
    const share = shareOf(row);
    if (share === null) {
      fields[shareId(index)] = `Enter the share of part ${index + 1} as a percentage, like 57 or 26.5`;
    }
  });
}

export function partsBody(parts: readonly PartRow[]): NewFormula["parts"] {
  return parts.map((row) => {
    const [kind, id = ""] = row.payer.split(/:(.*)/);
    // checkParts() has read every share already, so none throws here.
    const shareBasisPoints = parsePercent(row.share);
    return kind === "formula"
      ? { nestedFormulaId: id, shareBasisPoints }
      : { partyOrganisationId: id, shareBasisPoints };
  });
}

/** Who can pay a part: an organisation, or another formula (which splits the part again). */
export function usePartChoices(exceptFormulaId?: string) {
  return useAsync(
    () =>
      Promise.all([api.organisations(), fundingApi.formulas({ pageSize: 100 })]).then(
        ([organisations, formulas]): OptionGroup[] => [
          ...organisationGroups(organisations.items).map((group) => ({
            ...group,
            options: group.options.map((option) => ({ ...option, value: `party:${option.value}` })),
          })),
          {
            label: "Other formulas (split the part again)",
            options: formulas.items
              .filter((formula) => formula.id !== exceptFormulaId)
              .map((formula) => ({ value: `formula:${formula.id}`, label: formula.name })),
          },
        ],
      ),
    [exceptFormulaId],
  );
}

/** The parts of a formula: who pays and what share, rows added and removed, with the total as it stands. */
export function PartsFields({
  parts,
  onChange,
  errors,
  choices,
}: {
  parts: PartRow[];
  onChange: (parts: PartRow[]) => void;
  errors: FormErrors;
  choices: OptionGroup[];
}) {
  const message = sharesMessage(parts);
  const setRow = (index: number, changes: Partial<PartRow>) =>
    onChange(parts.map((row, at) => (at === index ? { ...row, ...changes } : row)));
  return (
    <div
      id="parts"
      tabIndex={-1}
      className={`govuk-form-group${errors.fields.parts ? " govuk-form-group--error" : ""}`}
    >
      <h2 className="govuk-heading-m">Parts</h2>
      <p className="govuk-hint">
        Each part is paid by a force or other organisation, or by another formula that splits it again (such
        as an alliance of two forces). Shares must total exactly 100%.
      </p>
      {errors.fields.parts ? (
        <p className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {errors.fields.parts}
        </p>
      ) : null}
      {parts.map((row, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are identified by their place in the list.
        <fieldset className="govuk-fieldset rocu-repeat" key={`part-${index}`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Part {index + 1}</legend>
          <Select
            id={payerId(index)}
            label="Paid by"
            value={row.payer}
            onChange={(payer) => setRow(index, { payer })}
            placeholder="Choose who pays"
            groups={choices}
            error={errors.fields[payerId(index)]}
          />
          <TextInput
            id={shareId(index)}
            label="Share in per cent"
            value={row.share}
            onChange={(share) => setRow(index, { share })}
            error={errors.fields[shareId(index)]}
            suffix="%"
            inputMode="decimal"
            autoComplete="off"
            width="5"
          />
          {parts.length > 1 ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => onChange(parts.filter((_, at) => at !== index))}
            >
              Remove part {index + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      <p
        className={`govuk-body govuk-!-font-weight-bold${message && !message.ok ? " rocu-text-error" : ""}`}
        aria-live="polite"
        data-testid="shares-total"
      >
        {message ? message.text : "Enter every part's share to see the total"}
      </p>
      {parts.length < MAX_PARTS ? (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => onChange([...parts, emptyPart()])}
        >
          Add another part
        </button>
      ) : null}
    </div>
  );
}
