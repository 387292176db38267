import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import {
  ApiError,
  api,
  CLEARANCES,
  type Clearance,
  type Formula,
  fundingApi,
  type NewFormula,
  type NewFormulaVersion,
} from "../api.ts";
import { ClassificationRadios } from "../components/ClassificationRadios.tsx";
import {
  checkParts,
  emptyPart,
  PART_FIELD_IDS,
  type PartRow,
  PartsFields,
  partRowsOf,
  partsBody,
  usePartChoices,
} from "../components/FormulaFields.tsx";
import { FundingNav, financialYearOptions, formulaPath, mayManageFunding } from "../components/funding.tsx";
import {
  Breadcrumbs,
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
import { organisationGroups } from "../components/OperationFields.tsx";
import { useRecordForm } from "../components/recordForm.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { ForbiddenPage, NotFoundPage } from "./ErrorPages.tsx";
import { FORMULA_CRUMBS } from "./FormulaDetailPage.tsx";
import { latestVersion } from "./FormulaListPage.tsx";

interface FormulaValues {
  name: string;
  scopeDescription: string;
  ownerOrganisationId: string;
  financialYear: string;
  decisionReference: string;
  notes: string;
  parts: PartRow[];
  classification: string;
}

const FORMULA_FIELD_IDS: Record<string, string> = {
  name: "name",
  scopeDescription: "scopeDescription",
  ownerOrganisationId: "ownerOrganisationId",
  financialYear: "financialYear",
  decisionReference: "decisionReference",
  notes: "notes",
  classification: firstChoiceId("classification", CLEARANCES),
  ...PART_FIELD_IDS,
};

function checkFormula(values: FormulaValues): Record<string, string> {
  const fields: Record<string, string> = {};
  if (values.name.trim() === "") fields.name = "Enter the formula's name";
  if (values.scopeDescription.trim() === "") {
    fields.scopeDescription = "Say what the formula covers, for example West Midlands region";
  }
  if (values.ownerOrganisationId === "") fields.ownerOrganisationId = "Choose who keeps the formula";
  if (values.financialYear === "")
    fields.financialYear = "Choose the first financial year the shares apply to";
  if (values.decisionReference.trim() === "") {
    fields.decisionReference =
      "Enter the decision that set the shares, for example ROCU Executive Board 2018-03";
  }
  checkParts(values.parts, fields);
  return fields;
}

function formulaBody(values: FormulaValues): NewFormula {
  return {
    name: values.name.trim(),
    scopeDescription: values.scopeDescription.trim(),
    ownerOrganisationId: values.ownerOrganisationId,
    financialYear: values.financialYear,
    decisionReference: values.decisionReference.trim(),
    notes: values.notes.trim(),
    parts: partsBody(values.parts),
    classification: values.classification as Clearance,
  };
}

export function FormulaCreatePage() {
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Record a formula`, "Funding");
  const { me } = useSession();
  const navigate = useNavigate();
  const organisations = useAsync(() => api.organisations(), []);
  const choices = usePartChoices();
  const { values, set, errors, busy, submit } = useRecordForm({
    initial: {
      name: "",
      scopeDescription: "",
      ownerOrganisationId: me?.organisation.id ?? "",
      financialYear: "",
      decisionReference: "",
      notes: "",
      parts: [emptyPart(), emptyPart()],
      classification: "OFFICIAL",
    },
    check: checkFormula,
    toBody: formulaBody,
    onSubmit: async (body) => {
      const created = await fundingApi.createFormula(body);
      navigate(formulaPath(created.id), { state: { message: `${created.name} has been recorded.` } });
    },
    fieldIds: FORMULA_FIELD_IDS,
    onErrors: setErrorsShown,
  });
  const failed = organisations.error ?? choices.error;

  return (
    <>
      <FundingNav />
      <Breadcrumbs items={FORMULA_CRUMBS} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <FormErrorSummary errors={errors} />
          <span className="govuk-caption-l">Funding</span>
          <h1 className="govuk-heading-l">Record a formula</h1>
          {failed ? (
            <LoadError error={failed} retry={organisations.error ? organisations.reload : choices.reload} />
          ) : null}
          {!failed && (!organisations.data || !choices.data) ? (
            <Loading what="Loading organisations" />
          ) : null}
          {organisations.data && choices.data ? (
            <form onSubmit={submit} noValidate aria-label="Record the formula">
              <TextInput
                id="name"
                label="Name"
                hint="For example West Midlands ROCU force contributions"
                value={values.name}
                onChange={(name) => set({ name })}
                error={errors.fields.name}
                autoComplete="off"
              />
              <TextInput
                id="scopeDescription"
                label="What it covers"
                hint="For example West Midlands region, or projects spanning both Alliance force areas"
                value={values.scopeDescription}
                onChange={(scopeDescription) => set({ scopeDescription })}
                error={errors.fields.scopeDescription}
                autoComplete="off"
              />
              <Select
                id="ownerOrganisationId"
                label="Kept by"
                hint="The ROCU for a regional formula, or the lead force of an alliance: its finance officers change it"
                value={values.ownerOrganisationId}
                onChange={(ownerOrganisationId) => set({ ownerOrganisationId })}
                placeholder="Choose who keeps it"
                groups={organisationGroups(organisations.data.items)}
                error={errors.fields.ownerOrganisationId}
              />
              <Select
                id="financialYear"
                label="First financial year"
                hint="The shares apply from this year until a later version"
                value={values.financialYear}
                onChange={(financialYear) => set({ financialYear })}
                placeholder="Choose a year"
                options={financialYearOptions()}
                error={errors.fields.financialYear}
              />
              <TextInput
                id="decisionReference"
                label="Decision reference"
                hint="The decision that set the shares, for example ROCU Executive Board 2018-03"
                value={values.decisionReference}
                onChange={(decisionReference) => set({ decisionReference })}
                error={errors.fields.decisionReference}
                autoComplete="off"
              />
              <PartsFields
                parts={values.parts}
                onChange={(parts) => set({ parts })}
                errors={errors}
                choices={choices.data}
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
                error={errors.fields[FORMULA_FIELD_IDS.classification ?? ""]}
              />
              <SubmitOrCancel text="Record the formula" busy={busy} cancelTo="/funding/formulas" />
            </form>
          ) : null}
        </div>
      </div>
    </>
  );
}

interface VersionValues {
  financialYear: string;
  decisionReference: string;
  notes: string;
  shares: "carry" | "new";
  parts: PartRow[];
}

const VERSION_FIELD_IDS: Record<string, string> = {
  financialYear: "financialYear",
  decisionReference: "decisionReference",
  notes: "notes",
  ...PART_FIELD_IDS,
};

function checkVersion(values: VersionValues): Record<string, string> {
  const fields: Record<string, string> = {};
  if (values.financialYear === "") fields.financialYear = "Choose the financial year the shares apply from";
  if (values.decisionReference.trim() === "") {
    fields.decisionReference =
      "Enter the decision that set the shares, for example ROCU Executive Board 2019-03";
  }
  if (values.shares === "new") checkParts(values.parts, fields);
  return fields;
}

function versionBody(values: VersionValues): NewFormulaVersion {
  return {
    financialYear: values.financialYear,
    decisionReference: values.decisionReference.trim(),
    notes: values.notes.trim(),
    // Without parts the server carries the shares in effect that year forward.
    ...(values.shares === "new" ? { parts: partsBody(values.parts) } : {}),
  };
}

export function FormulaVersionPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const formula = useAsync(() => fundingApi.formula(id), [id]);
  const record = formula.data;
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}New version${record ? ` of ${record.name}` : ""}`, "Funding");
  useClassification(highestMarking([record?.classification]));
  if (formula.error instanceof ApiError && formula.error.status === 404) return <NotFoundPage />;
  if (record && !mayManageFunding(me, record)) return <ForbiddenPage />;
  const crumbs = record
    ? [...FORMULA_CRUMBS, { to: formulaPath(record.id), text: record.name }]
    : FORMULA_CRUMBS;
  return (
    <>
      <FundingNav />
      <Breadcrumbs items={crumbs} />
      {formula.error ? <LoadError error={formula.error} retry={formula.reload} /> : null}
      {!record && !formula.error ? <Loading what="Loading the formula" /> : null}
      {record ? <VersionForm formula={record} onErrors={setErrorsShown} /> : null}
    </>
  );
}

function VersionForm({ formula, onErrors }: { formula: Formula; onErrors: (shown: boolean) => void }) {
  const navigate = useNavigate();
  const choices = usePartChoices(formula.id);
  const latest = latestVersion(formula);
  const { values, set, errors, busy, submit } = useRecordForm<VersionValues, NewFormulaVersion>({
    initial: {
      financialYear: "",
      decisionReference: "",
      notes: "",
      shares: "new",
      parts: partRowsOf(latest),
    },
    check: checkVersion,
    toBody: versionBody,
    onSubmit: async (body) => {
      await fundingApi.addFormulaVersion(formula.id, body);
      navigate(formulaPath(formula.id), {
        state: { message: `The shares for ${body.financialYear} have been recorded.` },
      });
    },
    fieldIds: VERSION_FIELD_IDS,
    onErrors,
  });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormErrorSummary errors={errors} />
        <span className="govuk-caption-l">{formula.name}</span>
        <h1 className="govuk-heading-l">New version for a year</h1>
        <p className="govuk-body">
          Record the shares decided for another financial year. They apply from that year until a later
          version; the years before keep their own shares.
          {latest ? ` The latest shares were decided for ${latest.financialYear}.` : ""}
        </p>
        {choices.error ? <LoadError error={choices.error} retry={choices.reload} /> : null}
        {!choices.data && !choices.error ? <Loading what="Loading organisations and formulas" /> : null}
        {choices.data ? (
          <form onSubmit={submit} noValidate aria-label="Record the new version">
            <Select
              id="financialYear"
              label="Financial year"
              value={values.financialYear}
              onChange={(financialYear) => set({ financialYear })}
              placeholder="Choose a year"
              options={financialYearOptions()}
              error={errors.fields.financialYear}
            />
            <TextInput
              id="decisionReference"
              label="Decision reference"
              hint="The decision that set the shares for this year"
              value={values.decisionReference}
              onChange={(decisionReference) => set({ decisionReference })}
              error={errors.fields.decisionReference}
              autoComplete="off"
            />
            <Radios
              idPrefix="shares"
              legend="Shares"
              options={[
                { value: "new", label: "Set the shares for this year" },
                {
                  value: "carry",
                  label: "Keep the shares in effect",
                  hint: "The decision confirms the previous year’s shares unchanged",
                },
              ]}
              value={values.shares}
              onChange={(shares) => set({ shares: shares === "carry" ? "carry" : "new" })}
              small
            />
            {values.shares === "new" ? (
              <PartsFields
                parts={values.parts}
                onChange={(parts) => set({ parts })}
                errors={errors}
                choices={choices.data}
              />
            ) : null}
            <Textarea
              id="notes"
              label="Notes (optional)"
              value={values.notes}
              onChange={(notes) => set({ notes })}
              error={errors.fields.notes}
            />
            <SubmitOrCancel text="Record the new version" busy={busy} cancelTo={formulaPath(formula.id)} />
          </form>
        ) : null}
      </div>
    </div>
  );
}
