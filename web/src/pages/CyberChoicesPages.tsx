import { type ReactNode, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  ApiError,
  CLEARANCES,
  type Clearance,
  type CyberChoices,
  type CyberChoicesIntervention,
  type CyberChoicesSource,
  cyberChoicesApi,
  type Me,
  type NewCyberChoices,
} from "../api.ts";
import { PreventProtectNav } from "../components/CyberNav.tsx";
import {
  Breadcrumbs,
  Checkboxes,
  FormErrorSummary,
  firstChoiceId,
  formErrorsFrom,
  LoadError,
  Loading,
  noErrors,
  Radios,
  Select,
  SubmitOrCancel,
  SuccessBanner,
  SummaryList,
  TableWrapper,
  Tag,
  Textarea,
  TextInput,
  WarningText,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import {
  FilterActions,
  ListCount,
  ListPagination,
  SortHeader,
  useListFilters,
} from "../components/listing.tsx";
import { forceGroups, leadForceFilter, useOcgReference } from "../components/OcgFields.tsx";
import { useRecordForm } from "../components/recordForm.ts";
import { formatDate, formatDateTime } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";

const HOME = "/prevent-protect/cyber-choices";
const recordPath = (id: string) => `${HOME}/${id}`;
const CRUMBS = [{ to: HOME, text: "Cyber Choices" }];

const SOURCE_LABELS: Record<CyberChoicesSource, string> = {
  school: "School",
  parent: "Parent or carer",
  police: "Police",
  other: "Other",
};
const SOURCES = Object.keys(SOURCE_LABELS) as CyberChoicesSource[];

const INTERVENTION_LABELS: Record<CyberChoicesIntervention, string> = {
  "awareness-session": "Awareness session",
  mentoring: "Mentoring",
  "cease-and-desist": "Cease-and-desist visit",
  "skills-pathway": "Skills pathway",
};
const INTERVENTIONS = Object.keys(INTERVENTION_LABELS) as CyberChoicesIntervention[];

/** Said wherever the records are read: the team knows each read is on the record. */
function ReadsAudited() {
  return (
    <WarningText>
      These records are about people at risk of offending, often children. Only the Prevent team sees them,
      and every time a list or a record is opened it is written to the audit log.
    </WarningText>
  );
}

function StatusTag({ record }: { record: Pick<CyberChoices, "status" | "reviewDue"> }) {
  if (record.status === "closed") return <Tag colour="grey">Closed</Tag>;
  return record.reviewDue ? <Tag colour="orange">Review due</Tag> : <Tag colour="blue">Open</Tag>;
}

const PAGE_SIZE = 25;
const FILTERS = ["status", "reviewDue", "source", "forceId"] as const;
type SortKey = "reviewOn" | "referredOn" | "reference";

export function CyberChoicesListPage() {
  useTitle("Cyber Choices", "Prevent and Protect");
  const message = useArrivalMessage();
  const listing = useListFilters({ filters: FILTERS, defaultSort: "reviewOn", pageSize: PAGE_SIZE });
  const { draft, setDraft, sort, hrefWith, filtered } = listing;
  const reference = useOcgReference();
  const records = useAsync(() => cyberChoicesApi.list(listing.query), [listing.queryKey]);
  const data = records.data;
  useClassification(highestMarking((data?.items ?? []).map((item) => item.classification)));

  return (
    <>
      <PreventProtectNav />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      <div className="rocu-heading-row">
        <div>
          <span className="govuk-caption-l">Prevent and Protect</span>
          <h1 className="govuk-heading-l">Cyber Choices</h1>
        </div>
        <Link to={`${HOME}/new`} className="govuk-button" data-module="govuk-button">
          Record a referral
        </Link>
      </div>
      <p className="govuk-body">
        People at risk of cyber offending referred by schools, parents, the police and others, with the
        interventions planned and a date to review each one.
      </p>
      <ReadsAudited />

      <search className="rocu-filters" aria-label="Filter Cyber Choices referrals">
        <form onSubmit={listing.applyFilters}>
          <div className="rocu-filters__fields">
            <Select
              id="filter-status"
              label="Status"
              value={draft.status}
              onChange={(status) => setDraft({ ...draft, status })}
              placeholder="Open or closed"
              options={[
                { value: "open", label: "Open" },
                { value: "closed", label: "Closed" },
              ]}
            />
            <Select
              id="filter-reviewDue"
              label="Review"
              value={draft.reviewDue}
              onChange={(reviewDue) => setDraft({ ...draft, reviewDue })}
              placeholder="Any review date"
              options={[
                { value: "true", label: "Review due" },
                { value: "false", label: "Review not due" },
              ]}
            />
            <Select
              id="filter-source"
              label="Referred by"
              value={draft.source}
              onChange={(source) => setDraft({ ...draft, source })}
              placeholder="Anyone"
              options={SOURCES.map((source) => ({ value: source, label: SOURCE_LABELS[source] }))}
            />
            <Select
              id="filter-forceId"
              label="Force area"
              value={draft.forceId}
              onChange={(forceId) => setDraft({ ...draft, forceId })}
              placeholder="Any force area"
              groups={reference.data ? forceGroups(reference.data.forces, reference.data.regions) : []}
            />
          </div>
          <FilterActions filtered={filtered} clearHref={listing.clearHref} />
        </form>
      </search>

      {records.error ? <LoadError error={records.error} retry={records.reload} /> : null}
      {records.loading && !data ? <Loading what="Loading Cyber Choices referrals" /> : null}
      {data ? (
        data.total === 0 ? (
          <div className="rocu-empty" data-testid="cyber-choices-empty">
            {filtered ? (
              <>
                <h2 className="govuk-heading-m">No referrals match these filters</h2>
                <p className="govuk-body">
                  <Link className="govuk-link" to={listing.clearHref}>
                    Clear the filters
                  </Link>{" "}
                  to see every referral you can read.
                </p>
              </>
            ) : (
              <>
                <h2 className="govuk-heading-m">No Cyber Choices referrals yet</h2>
                <p className="govuk-body">
                  <Link className="govuk-link" to={`${HOME}/new`}>
                    Record the first referral
                  </Link>{" "}
                  of a person at risk of cyber offending.
                </p>
              </>
            )}
          </div>
        ) : (
          <>
            <ListCount data={data} noun="referral" filtered={filtered} testId="cyber-choices-count" />
            <TableWrapper label="Cyber Choices referrals">
              <table className="govuk-table rocu-table--dense rocu-table--stack" aria-busy={records.loading}>
                <caption className="govuk-table__caption govuk-visually-hidden">
                  Cyber Choices referrals
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <SortHeader<SortKey> field="reference" sort={sort} hrefWith={hrefWith}>
                      Reference
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Person
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Referred by
                    </th>
                    <SortHeader<SortKey> field="referredOn" sort={sort} hrefWith={hrefWith} descendingFirst>
                      Referred
                    </SortHeader>
                    <SortHeader<SortKey> field="reviewOn" sort={sort} hrefWith={hrefWith}>
                      Review
                    </SortHeader>
                    <th scope="col" className="govuk-table__header">
                      Status
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {data.items.map((item) => (
                    <tr className="govuk-table__row" key={item.id} data-testid="cyber-choices-row">
                      <td className="govuk-table__cell">
                        <Link className="govuk-link" to={recordPath(item.id)}>
                          {item.reference}
                        </Link>
                        <span className="rocu-block rocu-muted">{item.force.name}</span>
                      </td>
                      <td data-label="Person" className="govuk-table__cell">
                        {item.subjectLabel}, aged {item.age}
                      </td>
                      <td data-label="Referred by" className="govuk-table__cell">
                        {SOURCE_LABELS[item.source]}
                      </td>
                      <td data-label="Referred" className="govuk-table__cell">
                        {formatDate(item.referredOn)}
                      </td>
                      <td data-label="Review" className="govuk-table__cell">
                        {formatDate(item.reviewOn)}
                      </td>
                      <td data-label="Status" className="govuk-table__cell">
                        <StatusTag record={item} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrapper>
            <ListPagination data={data} label="referrals" hrefWith={hrefWith} />
          </>
        )
      ) : null}
    </>
  );
}

interface RecordValues {
  forceId: string;
  referredOn: string;
  source: string;
  subjectLabel: string;
  age: string;
  concerns: string;
  safeguardingChecked: string;
  consentObtained: string;
  interventions: string[];
  interventionPlan: string;
  reviewOn: string;
  classification: string;
}

const emptyValues = (me: Me | null | undefined): RecordValues => ({
  forceId: me?.forceId ?? "",
  referredOn: "",
  source: "",
  subjectLabel: "",
  age: "",
  concerns: "",
  safeguardingChecked: "",
  consentObtained: "",
  interventions: [],
  interventionPlan: "",
  reviewOn: "",
  classification: "OFFICIAL-SENSITIVE",
});

const valuesOf = (record: CyberChoices): RecordValues => ({
  forceId: record.force.id,
  referredOn: record.referredOn,
  source: record.source,
  subjectLabel: record.subjectLabel,
  age: String(record.age),
  concerns: record.concerns,
  safeguardingChecked: record.safeguardingChecked ? "yes" : "no",
  consentObtained: record.consentObtained ? "yes" : "no",
  interventions: record.interventions,
  interventionPlan: record.interventionPlan ?? "",
  reviewOn: record.reviewOn,
  classification: record.classification,
});

const YES_NO = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

const FIELD_IDS: Record<string, string> = {
  forceId: "cc-forceId",
  referredOn: "cc-referredOn",
  source: firstChoiceId("cc-source", SOURCES),
  subjectLabel: "cc-subjectLabel",
  age: "cc-age",
  concerns: "cc-concerns",
  safeguardingChecked: firstChoiceId("cc-safeguarding", YES_NO),
  consentObtained: firstChoiceId("cc-consent", YES_NO),
  interventions: firstChoiceId("cc-interventions", INTERVENTIONS),
  interventionPlan: "cc-interventionPlan",
  reviewOn: "cc-reviewOn",
  classification: firstChoiceId("cc-classification", CLEARANCES),
};
const idOf = (field: string) => FIELD_IDS[field] ?? field;

function checkValues(values: RecordValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.forceId) errors[idOf("forceId")] = "Choose the force area";
  if (!values.referredOn) errors[idOf("referredOn")] = "Enter the date referred";
  if (!values.source) errors[idOf("source")] = "Choose who made the referral";
  const label = values.subjectLabel.trim();
  if (!label) errors[idOf("subjectLabel")] = "Enter the person's initials or a pseudonym";
  else if (label.includes("@"))
    errors[idOf("subjectLabel")] =
      "Use initials or a pseudonym, not an e-mail address: Cyber Choices keeps minimal personal data";
  const age = Number(values.age);
  if (!/^\d+$/.test(values.age.trim()) || age < 8 || age > 30)
    errors[idOf("age")] = "Cyber Choices works with people aged 8 to 30";
  if (!values.concerns.trim()) errors[idOf("concerns")] = "Describe the concerns";
  if (!values.safeguardingChecked)
    errors[idOf("safeguardingChecked")] = "Say whether safeguarding checks are done";
  if (!values.consentObtained) errors[idOf("consentObtained")] = "Say whether consent was obtained";
  if (!values.reviewOn) errors[idOf("reviewOn")] = "Enter the review date";
  return errors;
}

const bodyOf = (values: RecordValues): NewCyberChoices => ({
  forceId: values.forceId,
  referredOn: values.referredOn,
  source: values.source as CyberChoicesSource,
  subjectLabel: values.subjectLabel,
  age: Number(values.age),
  concerns: values.concerns,
  safeguardingChecked: values.safeguardingChecked === "yes",
  consentObtained: values.consentObtained === "yes",
  interventions: values.interventions as CyberChoicesIntervention[],
  interventionPlan: values.interventionPlan,
  reviewOn: values.reviewOn,
  classification: values.classification as Clearance,
});

function RecordForm({
  heading,
  initial,
  submitText,
  cancelTo,
  onSubmit,
  onErrors,
}: {
  heading: ReactNode;
  initial: RecordValues;
  submitText: string;
  cancelTo: string;
  onSubmit: (body: NewCyberChoices) => Promise<void>;
  onErrors: (shown: boolean) => void;
}) {
  const { me } = useSession();
  const reference = useOcgReference();
  const { values, set, errors, busy, submit } = useRecordForm({
    initial,
    check: checkValues,
    toBody: bodyOf,
    onSubmit,
    fieldIds: FIELD_IDS,
    onErrors,
  });
  const clearanceRank = CLEARANCES.indexOf(me?.clearance ?? "OFFICIAL");
  const error = (field: string) => errors.fields[idOf(field)];
  return (
    <>
      {heading}
      <FormErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate aria-label={submitText}>
        <Select
          id="cc-forceId"
          label="Force area"
          value={values.forceId}
          error={error("forceId")}
          onChange={(forceId) => set({ forceId })}
          placeholder="Choose a force area"
          groups={
            reference.data
              ? forceGroups(reference.data.forces, reference.data.regions, leadForceFilter(me))
              : []
          }
        />
        <TextInput
          id="cc-referredOn"
          type="date"
          label="Date referred"
          value={values.referredOn}
          error={error("referredOn")}
          onChange={(referredOn) => set({ referredOn })}
        />
        <Radios
          idPrefix="cc-source"
          legend="Referred by"
          inline
          value={values.source}
          error={error("source")}
          onChange={(source) => set({ source })}
          options={SOURCES.map((source) => ({ value: source, label: SOURCE_LABELS[source] }))}
        />
        <TextInput
          id="cc-subjectLabel"
          label="Initials or pseudonym"
          hint="Never a full name, e-mail address or phone number: Cyber Choices keeps minimal personal data. 40 characters at most."
          width="10"
          spellCheck={false}
          value={values.subjectLabel}
          error={error("subjectLabel")}
          onChange={(subjectLabel) => set({ subjectLabel })}
        />
        <TextInput
          id="cc-age"
          label="Age"
          hint="In years, 8 to 30"
          width="2"
          inputMode="numeric"
          value={values.age}
          error={error("age")}
          onChange={(age) => set({ age })}
        />
        <Textarea
          id="cc-concerns"
          label="Concerns"
          rows={5}
          value={values.concerns}
          error={error("concerns")}
          onChange={(concerns) => set({ concerns })}
        />
        <Radios
          idPrefix="cc-safeguarding"
          legend="Safeguarding checks done?"
          inline
          small
          value={values.safeguardingChecked}
          error={error("safeguardingChecked")}
          onChange={(safeguardingChecked) => set({ safeguardingChecked })}
          options={YES_NO}
        />
        <Radios
          idPrefix="cc-consent"
          legend="Consent obtained?"
          hint="From the person, or a parent or carer for a child"
          inline
          small
          value={values.consentObtained}
          error={error("consentObtained")}
          onChange={(consentObtained) => set({ consentObtained })}
          options={YES_NO}
        />
        <Checkboxes
          idPrefix="cc-interventions"
          legend="Interventions planned"
          small
          values={values.interventions}
          error={error("interventions")}
          onChange={(interventions) => set({ interventions })}
          options={INTERVENTIONS.map((item) => ({ value: item, label: INTERVENTION_LABELS[item] }))}
        />
        <Textarea
          id="cc-interventionPlan"
          label="Intervention plan (optional)"
          rows={4}
          value={values.interventionPlan}
          error={error("interventionPlan")}
          onChange={(interventionPlan) => set({ interventionPlan })}
        />
        <TextInput
          id="cc-reviewOn"
          type="date"
          label="Review date"
          hint="When the team next looks at this referral; it is listed as review due from then."
          value={values.reviewOn}
          error={error("reviewOn")}
          onChange={(reviewOn) => set({ reviewOn })}
        />
        <Radios
          idPrefix="cc-classification"
          legend="Classification"
          hint="You can only choose up to your own clearance."
          small
          value={values.classification}
          error={error("classification")}
          onChange={(classification) => set({ classification })}
          options={CLEARANCES.filter((_, index) => index <= clearanceRank).map((level) => ({
            value: level,
            label: level,
          }))}
        />
        <SubmitOrCancel text={submitText} busy={busy} cancelTo={cancelTo} />
      </form>
    </>
  );
}

export function CyberChoicesCreatePage() {
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Record a Cyber Choices referral`, "Prevent and Protect");
  const { me } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <PreventProtectNav />
      <Breadcrumbs items={CRUMBS} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <RecordForm
            heading={
              <>
                <span className="govuk-caption-l">Cyber Choices</span>
                <h1 className="govuk-heading-l">Record a referral</h1>
              </>
            }
            initial={emptyValues(me)}
            submitText="Record the referral"
            cancelTo={HOME}
            onErrors={setErrorsShown}
            onSubmit={async (body) => {
              const created = await cyberChoicesApi.create(body);
              navigate(recordPath(created.id), {
                state: { message: `${created.reference} has been recorded.` },
              });
            }}
          />
        </div>
      </div>
    </>
  );
}

export function CyberChoicesEditPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const loaded = useAsync(() => cyberChoicesApi.get(id), [id]);
  const record = loaded.data;
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Change ${record?.reference ?? "a referral"}`, "Cyber Choices");
  useClassification(highestMarking([record?.classification]));
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;
  return (
    <>
      <PreventProtectNav />
      <Breadcrumbs
        items={record ? [...CRUMBS, { to: recordPath(record.id), text: record.reference }] : CRUMBS}
      />
      {loaded.error ? <LoadError error={loaded.error} retry={loaded.reload} /> : null}
      {!record && !loaded.error ? <Loading what="Loading the referral" /> : null}
      {record ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <RecordForm
              heading={
                <>
                  <span className="govuk-caption-l">Cyber Choices</span>
                  <h1 className="govuk-heading-l">Change {record.reference}</h1>
                </>
              }
              initial={valuesOf(record)}
              submitText="Save changes"
              cancelTo={recordPath(record.id)}
              onErrors={setErrorsShown}
              onSubmit={async (body) => {
                await cyberChoicesApi.update(record.id, body);
                navigate(recordPath(record.id), { state: { message: "The changes have been saved." } });
              }}
            />
          </div>
        </div>
      ) : null}
    </>
  );
}

/** Close with the outcome, or reopen a closed referral. */
function StatusChange({
  record,
  onChanged,
}: {
  record: CyberChoices;
  onChanged: (next: CyberChoices) => void;
}) {
  const [outcome, setOutcome] = useState("");
  const [errors, setErrors] = useState(noErrors);
  const [busy, setBusy] = useState(false);
  async function change(body: { status: "open" } | { status: "closed"; outcome: string }) {
    if (body.status === "closed" && !body.outcome.trim()) {
      setErrors({ fields: { "cc-outcome": "Give the outcome to close the referral" } });
      return;
    }
    setBusy(true);
    try {
      onChanged(await cyberChoicesApi.update(record.id, body));
      setErrors(noErrors);
      setOutcome("");
    } catch (failure) {
      setErrors(formErrorsFrom(failure, { outcome: "cc-outcome" }));
    } finally {
      setBusy(false);
    }
  }
  if (record.status === "closed")
    return (
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={busy}
          onClick={() => change({ status: "open" })}
        >
          Reopen {record.reference}
        </button>
      </div>
    );
  return (
    <form
      noValidate
      aria-label="Close the referral"
      onSubmit={(event) => {
        event.preventDefault();
        void change({ status: "closed", outcome });
      }}
    >
      <h2 className="govuk-heading-m">Close the referral</h2>
      <FormErrorSummary errors={errors} />
      <Textarea
        id="cc-outcome"
        label="Outcome"
        hint="What the interventions achieved, and why the referral can close."
        value={outcome}
        error={errors.fields["cc-outcome"]}
        onChange={setOutcome}
      />
      <button type="submit" className="govuk-button govuk-button--warning" disabled={busy}>
        Close {record.reference}
      </button>
    </form>
  );
}

export function CyberChoicesDetailPage() {
  const { id = "" } = useParams();
  const message = useArrivalMessage();
  const loaded = useAsync(() => cyberChoicesApi.get(id), [id]);
  const record = loaded.data;
  const [changed, setChanged] = useState<string | null>(null);
  useTitle(record?.reference ?? "Referral", "Cyber Choices");
  useClassification(highestMarking([record?.classification]));
  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;
  const banner = changed ?? message;
  return (
    <>
      <PreventProtectNav />
      <Breadcrumbs items={CRUMBS} />
      {banner ? (
        <SuccessBanner key={banner}>
          <p className="govuk-notification-banner__heading">{banner}</p>
        </SuccessBanner>
      ) : null}
      {loaded.error ? <LoadError error={loaded.error} retry={loaded.reload} /> : null}
      {!record && !loaded.error ? <Loading what="Loading the referral" /> : null}
      {record ? (
        <>
          <div className="rocu-heading-row">
            <div>
              <span className="govuk-caption-l">Cyber Choices</span>
              <h1 className="govuk-heading-l">
                {record.reference} <StatusTag record={record} />
              </h1>
            </div>
            <Link to={`${recordPath(record.id)}/edit`} className="govuk-button govuk-button--secondary">
              Change details
            </Link>
          </div>
          <ReadsAudited />
          <SummaryList
            rows={[
              { key: "Person", value: `${record.subjectLabel}, aged ${record.age}` },
              { key: "Force area", value: record.force.name },
              {
                key: "Referred",
                value: `${formatDate(record.referredOn)} by ${SOURCE_LABELS[record.source].toLowerCase()}`,
              },
              { key: "Concerns", value: <span className="rocu-pre-line">{record.concerns}</span> },
              { key: "Safeguarding checks done", value: record.safeguardingChecked ? "Yes" : "No" },
              { key: "Consent obtained", value: record.consentObtained ? "Yes" : "No" },
              {
                key: "Interventions planned",
                value:
                  record.interventions.length === 0
                    ? "None yet"
                    : record.interventions.map((item) => INTERVENTION_LABELS[item]).join(", "),
              },
              {
                key: "Intervention plan",
                value: record.interventionPlan ? (
                  <span className="rocu-pre-line">{record.interventionPlan}</span>
                ) : (
                  "None yet"
                ),
              },
              { key: "Review date", value: formatDate(record.reviewOn) },
              ...(record.outcome ? [{ key: "Outcome", value: record.outcome }] : []),
              { key: "Classification", value: record.classification },
              {
                key: "Recorded",
                value: `${formatDateTime(record.createdAt)} by ${record.createdBy.name}`,
              },
            ]}
          />
          <StatusChange
            record={record}
            onChanged={(next) => {
              loaded.setData(next);
              setChanged(
                next.status === "closed"
                  ? `${next.reference} is closed.`
                  : `${next.reference} is open again.`,
              );
            }}
          />
        </>
      ) : null}
    </>
  );
}
