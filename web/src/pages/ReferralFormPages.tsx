import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { api, CLEARANCES, type NewReferral } from "../api.ts";
import { CyberNav } from "../components/CyberNav.tsx";
import {
  Breadcrumbs,
  FormErrorSummary,
  firstChoiceId,
  LoadError,
  Loading,
  Radios,
  Select,
  Textarea,
  TextInput,
} from "../components/govuk.tsx";
import { forceGroups, leadForceFilter, useOcgReference } from "../components/OcgFields.tsx";
import { useRecordForm } from "../components/recordForm.ts";
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  CONTACT_PREFERENCE_LABELS,
  IDENTIFIER_KINDS,
  IDENTIFIER_LABELS,
  referralPath,
  SOURCE_LABELS,
  VICTIM_TYPE_LABELS,
  VICTIM_TYPES,
  VULNERABILITIES,
  VULNERABILITY_LABELS,
} from "../components/referral.tsx";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

interface Values {
  crimeReference: string;
  source: string;
  forceId: string;
  reportedOn: string;
  offenceFrom: string;
  offenceTo: string;
  nfibCode: string;
  summary: string;
  victimType: string;
  victimAgeBand: string;
  victimName: string;
  victimEmail: string;
  victimPhone: string;
  contactPreference: string;
  vulnerability: string;
  vulnerabilityIndicators: string;
  harmOngoing: string;
  lossPounds: string;
  suspectIdentifiers: { kind: IdentifierKind; value: string }[];
  classification: string;
}

const SOURCES = Object.keys(SOURCE_LABELS);
const CONTACT_PREFERENCES = Object.keys(CONTACT_PREFERENCE_LABELS);

/** The form's field ids by the API's field names, so the server's errors land on the right field. */
const FIELD_IDS: Record<string, string> = {
  crimeReference: "crimeReference",
  source: firstChoiceId("source", SOURCES),
  forceId: "forceId",
  reportedOn: "reportedOn",
  offenceFrom: "offenceFrom",
  offenceTo: "offenceTo",
  nfibCode: "nfibCode",
  summary: "summary",
  victimType: firstChoiceId("victimType", VICTIM_TYPES),
  victimAgeBand: "victimAgeBand",
  victimName: "victimName",
  victimEmail: "victimEmail",
  victimPhone: "victimPhone",
  contactPreference: "contactPreference",
  vulnerability: firstChoiceId("vulnerability", VULNERABILITIES),
  vulnerabilityIndicators: "vulnerabilityIndicators",
  harmOngoing: firstChoiceId("harmOngoing", ["yes", "no"]),
  lossPounds: "lossPounds",
  suspectIdentifiers: "identifier-0-value",
  classification: "classification",
};

const today = () => new Date().toISOString().slice(0, 10);

function check(values: Values): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.crimeReference.trim()) errors.crimeReference = "Enter the crime reference";
  if (!values.source) errors[FIELD_IDS.source ?? ""] = "Choose where the referral came from";
  if (!values.forceId) errors.forceId = "Choose the force area";
  if (!values.reportedOn) errors.reportedOn = "Enter the date reported";
  else if (values.reportedOn > today()) errors.reportedOn = "The date reported cannot be in the future";
  if (!values.nfibCode) errors.nfibCode = "Choose the NFIB crime code";
  if (!values.summary.trim()) errors.summary = "Enter a summary";
  if (!values.victimType) errors[FIELD_IDS.victimType ?? ""] = "Choose the kind of victim";
  if (!values.victimAgeBand) errors.victimAgeBand = "Choose the victim's age band";
  if (!values.contactPreference) errors.contactPreference = "Choose how the victim prefers to be contacted";
  if (!values.vulnerability) errors[FIELD_IDS.vulnerability ?? ""] = "Choose none, some or high";
  if (!values.harmOngoing) errors[FIELD_IDS.harmOngoing ?? ""] = "Say whether harm is ongoing";
  const loss = Number(values.lossPounds.replace(/[£,\s]/g, ""));
  if (values.lossPounds.trim() === "" || !Number.isFinite(loss))
    errors.lossPounds = "Enter the loss as a number of pounds, like 1250.50 (0 if none)";
  else if (loss < 0) errors.lossPounds = "A loss cannot be negative";
  values.suspectIdentifiers.forEach((identifier, index) => {
    if (!identifier.value.trim())
      errors[`identifier-${index}-value`] = "Enter the identifier, or remove the row";
  });
  return errors;
}

function toBody(values: Values): NewReferral {
  const optional = (value: string) => (value.trim() === "" ? null : value.trim());
  return {
    crimeReference: values.crimeReference,
    source: values.source as NewReferral["source"],
    forceId: values.forceId,
    reportedOn: values.reportedOn,
    offenceFrom: optional(values.offenceFrom),
    offenceTo: optional(values.offenceTo),
    nfibCode: values.nfibCode,
    summary: values.summary,
    victimType: values.victimType as NewReferral["victimType"],
    victimAgeBand: values.victimAgeBand as NewReferral["victimAgeBand"],
    victimName: optional(values.victimName),
    victimEmail: optional(values.victimEmail),
    victimPhone: optional(values.victimPhone),
    contactPreference: values.contactPreference as NewReferral["contactPreference"],
    vulnerability: values.vulnerability as NewReferral["vulnerability"],
    vulnerabilityIndicators: values.vulnerabilityIndicators
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean),
    harmOngoing: values.harmOngoing === "yes",
    lossPounds: Number(values.lossPounds.replace(/[£,\s]/g, "")),
    suspectIdentifiers: values.suspectIdentifiers.map((identifier) => ({
      ...identifier,
      value: identifier.value.trim(),
    })),
    classification: values.classification as NewReferral["classification"],
  };
}

const OUTCOME_WORDS = {
  created: "has been recorded",
  versioned: "was already held: your changes are its next version",
  unchanged: "was already held with exactly these details: nothing changed",
} as const;

export function ReferralCreatePage() {
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Record a referral`, "Cyber crime");
  const { me } = useSession();
  const navigate = useNavigate();
  const reference = useOcgReference();
  const codes = useAsync(() => api.nfibCodes(), []);
  const clearanceRank = CLEARANCES.indexOf(me?.clearance ?? "OFFICIAL");
  const ownForce = me?.scope === "force" ? (me.forceId ?? "") : "";
  const form = useRecordForm<Values, NewReferral>({
    initial: {
      crimeReference: "",
      source: "",
      forceId: ownForce,
      reportedOn: "",
      offenceFrom: "",
      offenceTo: "",
      nfibCode: "",
      summary: "",
      victimType: "",
      victimAgeBand: "",
      victimName: "",
      victimEmail: "",
      victimPhone: "",
      contactPreference: "",
      vulnerability: "",
      vulnerabilityIndicators: "",
      harmOngoing: "",
      lossPounds: "",
      suspectIdentifiers: [],
      classification: "OFFICIAL-SENSITIVE",
    },
    check,
    toBody,
    fieldIds: FIELD_IDS,
    onErrors: setErrorsShown,
    onSubmit: async (body) => {
      const result = await api.submitReferral(body);
      navigate(referralPath(result.referral.id), {
        state: { message: `Referral ${result.referral.crimeReference} ${OUTCOME_WORDS[result.outcome]}.` },
      });
    },
  });
  const { values, set, errors, busy } = form;
  const fieldError = (field: string) => errors.fields[FIELD_IDS[field] ?? field];

  if (reference.error) return <LoadError error={reference.error} retry={reference.reload} />;
  if (!reference.data || !codes.data) return <Loading what="Loading the form" />;

  const setIdentifier = (index: number, change: Partial<Values["suspectIdentifiers"][number]>) =>
    set({
      suspectIdentifiers: values.suspectIdentifiers.map((identifier, at) =>
        at === index ? { ...identifier, ...change } : identifier,
      ),
    });

  return (
    <>
      <CyberNav />
      <Breadcrumbs
        items={[
          { to: "/cyber-crime", text: "Cyber crime" },
          { to: "/cyber-crime/referrals", text: "All referrals" },
        ]}
      />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <form onSubmit={form.submit} noValidate>
            <FormErrorSummary errors={errors} />
            <span className="govuk-caption-l">Cyber crime</span>
            <h1 className="govuk-heading-l">Record a referral</h1>
            <p className="govuk-body">
              For a crime reported direct to the force, or an Action Fraud referral that did not come in a
              file. If the crime reference is already held, what you enter becomes its next version.
            </p>
            <TextInput
              id="crimeReference"
              label="Crime reference"
              hint="The Action Fraud reference, like NFRC181104123456, or the force's own"
              value={values.crimeReference}
              onChange={(crimeReference) => set({ crimeReference })}
              error={fieldError("crimeReference")}
              width="20"
              spellCheck={false}
            />
            <Radios
              idPrefix="source"
              legend="Where did it come from?"
              options={SOURCES.map((value) => ({
                value,
                label: SOURCE_LABELS[value as keyof typeof SOURCE_LABELS],
              }))}
              value={values.source}
              onChange={(source) => set({ source })}
              error={fieldError("source")}
              small
            />
            <Select
              id="forceId"
              label="Force area"
              value={values.forceId}
              onChange={(forceId) => set({ forceId })}
              placeholder="Choose the force area"
              groups={forceGroups(reference.data.forces, reference.data.regions, leadForceFilter(me))}
              error={fieldError("forceId")}
            />
            <TextInput
              id="reportedOn"
              type="date"
              label="Date reported"
              value={values.reportedOn}
              onChange={(reportedOn) => set({ reportedOn })}
              error={fieldError("reportedOn")}
            />
            <TextInput
              id="offenceFrom"
              type="date"
              label="Offence from (optional)"
              value={values.offenceFrom}
              onChange={(offenceFrom) => set({ offenceFrom })}
              error={fieldError("offenceFrom")}
            />
            <TextInput
              id="offenceTo"
              type="date"
              label="Offence to (optional)"
              value={values.offenceTo}
              onChange={(offenceTo) => set({ offenceTo })}
              error={fieldError("offenceTo")}
            />
            <Select
              id="nfibCode"
              label="NFIB crime code"
              value={values.nfibCode}
              onChange={(nfibCode) => set({ nfibCode })}
              placeholder="Choose the code"
              options={codes.data.items.map((code) => ({
                value: code.code,
                label: `${code.code} ${code.name}`,
              }))}
              error={fieldError("nfibCode")}
            />
            <Textarea
              id="summary"
              label="Summary"
              value={values.summary}
              onChange={(summary) => set({ summary })}
              error={fieldError("summary")}
              rows={5}
            />
            <TextInput
              id="lossPounds"
              label="Financial loss in pounds"
              hint="0 if nothing was lost"
              value={values.lossPounds}
              onChange={(lossPounds) => set({ lossPounds })}
              error={fieldError("lossPounds")}
              width="10"
              inputMode="text"
            />
            <Radios
              idPrefix="harmOngoing"
              legend="Is harm ongoing?"
              hint="For example, the suspect still has access to the victim's accounts"
              options={[
                { value: "yes", label: "Yes" },
                { value: "no", label: "No" },
              ]}
              value={values.harmOngoing}
              onChange={(harmOngoing) => set({ harmOngoing })}
              error={fieldError("harmOngoing")}
              small
              inline
            />

            <h2 className="govuk-heading-m">Victim</h2>
            <Radios
              idPrefix="victimType"
              legend="Kind of victim"
              options={VICTIM_TYPES.map((value) => ({ value, label: VICTIM_TYPE_LABELS[value] }))}
              value={values.victimType}
              onChange={(victimType) => set({ victimType })}
              error={fieldError("victimType")}
              small
            />
            <Select
              id="victimAgeBand"
              label="Age band"
              value={values.victimAgeBand}
              onChange={(victimAgeBand) => set({ victimAgeBand })}
              placeholder="Choose the age band"
              options={AGE_BANDS.map((value) => ({ value, label: AGE_BAND_LABELS[value] }))}
              error={fieldError("victimAgeBand")}
            />
            <TextInput
              id="victimName"
              label="Name (optional)"
              value={values.victimName}
              onChange={(victimName) => set({ victimName })}
              error={fieldError("victimName")}
            />
            <TextInput
              id="victimEmail"
              type="email"
              label="E-mail address (optional)"
              hint="A victim who reports again with the same e-mail or phone is flagged as a repeat victim"
              value={values.victimEmail}
              onChange={(victimEmail) => set({ victimEmail })}
              error={fieldError("victimEmail")}
              spellCheck={false}
            />
            <TextInput
              id="victimPhone"
              label="Phone number (optional)"
              value={values.victimPhone}
              onChange={(victimPhone) => set({ victimPhone })}
              error={fieldError("victimPhone")}
              width="20"
            />
            <Select
              id="contactPreference"
              label="Contact preference"
              value={values.contactPreference}
              onChange={(contactPreference) => set({ contactPreference })}
              placeholder="Choose how to contact the victim"
              options={CONTACT_PREFERENCES.map((value) => ({
                value,
                label: CONTACT_PREFERENCE_LABELS[value as keyof typeof CONTACT_PREFERENCE_LABELS],
              }))}
              error={fieldError("contactPreference")}
            />
            <Radios
              idPrefix="vulnerability"
              legend="Vulnerability"
              hint="A vulnerable victim gets a contact task with its own target"
              options={VULNERABILITIES.map((value) => ({ value, label: VULNERABILITY_LABELS[value] }))}
              value={values.vulnerability}
              onChange={(vulnerability) => set({ vulnerability })}
              error={fieldError("vulnerability")}
              small
            />
            <Textarea
              id="vulnerabilityIndicators"
              label="Vulnerability indicators (optional)"
              hint="One per line, for example: lives alone"
              value={values.vulnerabilityIndicators}
              onChange={(vulnerabilityIndicators) => set({ vulnerabilityIndicators })}
              error={fieldError("vulnerabilityIndicators")}
            />

            <h2 className="govuk-heading-m">Suspect identifiers</h2>
            <p className="govuk-body">
              E-mail addresses, phone numbers, websites, IP addresses, crypto wallets, bank accounts and
              social media handles. Referrals that share one are linked, across the forces you can see.
            </p>
            {values.suspectIdentifiers.map((identifier, index) => (
              <fieldset className="govuk-fieldset rocu-repeat" key={`identifier-${index.toString()}`}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                  Identifier {index + 1}
                </legend>
                <Select
                  id={`identifier-${index}-kind`}
                  label="Kind"
                  value={identifier.kind}
                  onChange={(kind) => setIdentifier(index, { kind: kind as IdentifierKind })}
                  options={IDENTIFIER_KINDS.map((value) => ({ value, label: IDENTIFIER_LABELS[value] }))}
                />
                <TextInput
                  id={`identifier-${index}-value`}
                  label="Identifier"
                  value={identifier.value}
                  onChange={(value) => setIdentifier(index, { value })}
                  error={errors.fields[`identifier-${index}-value`]}
                  spellCheck={false}
                />
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={() =>
                    set({ suspectIdentifiers: values.suspectIdentifiers.filter((_, at) => at !== index) })
                  }
                >
                  Remove identifier {index + 1}
                </button>
              </fieldset>
            ))}
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() =>
                set({ suspectIdentifiers: [...values.suspectIdentifiers, { kind: "email", value: "" }] })
              }
            >
              Add {values.suspectIdentifiers.length === 0 ? "a suspect identifier" : "another identifier"}
            </button>

            <Select
              id="classification"
              label="Classification"
              hint="The protective marking of this referral. You can only choose up to your own clearance."
              value={values.classification}
              onChange={(classification) => set({ classification })}
              options={CLEARANCES.filter((_, index) => index <= clearanceRank).map((level) => ({
                value: level,
                label: level,
              }))}
              error={fieldError("classification")}
            />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button" data-module="govuk-button" disabled={busy}>
                Record the referral
              </button>
              <Link className="govuk-link" to="/cyber-crime/referrals">
                Cancel
              </Link>
            </div>
          </form>
        </div>
      </div>
    </>
  );
}
