import { type ReactNode, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { formatFte, parseFte } from "#src/features/funding/reconciliation.ts";
import { formatPence, parsePounds } from "#src/lib/money.ts";
import {
  ApiError,
  api,
  CLEARANCES,
  type Clearance,
  type FundingPost,
  fundingApi,
  type NewFundingPost,
  postsApi,
} from "../api.ts";
import { ClassificationRadios } from "../components/ClassificationRadios.tsx";
import { FundingNav, mayManageFunding, postPath, readPounds } from "../components/funding.tsx";
import {
  Breadcrumbs,
  FormErrorSummary,
  FormLoading,
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
import { useRecordForm } from "../components/recordForm.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { ForbiddenPage, NotFoundPage } from "./ErrorPages.tsx";
import { POST_CRUMBS } from "./PostDetailPage.tsx";
import { FUNDING_SOURCE_OPTIONS } from "./PostListPage.tsx";

interface PostFormValues {
  roleTitle: string;
  organisationId: string;
  formulaId: string;
  fundingSource: string;
  fundingStreamId: string;
  /** As typed: "0.5" */
  fte: string;
  /** As typed, in pounds: "36,000" */
  annualCost: string;
  startsOn: string;
  endsOn: string;
  notes: string;
  classification: string;
}

const emptyValues: PostFormValues = {
  roleTitle: "",
  organisationId: "",
  formulaId: "",
  fundingSource: "force-contribution",
  fundingStreamId: "",
  fte: "1",
  annualCost: "",
  startsOn: "",
  endsOn: "",
  notes: "",
  classification: "OFFICIAL",
};

function valuesOf(post: FundingPost): PostFormValues {
  return {
    roleTitle: post.roleTitle,
    organisationId: post.organisation.id,
    formulaId: post.formula.id,
    fundingSource: post.fundingSource,
    fundingStreamId: post.fundingStream?.id ?? "",
    fte: formatFte(post.fteBasisPoints),
    annualCost: formatPence(post.annualCostPence).replace("£", ""),
    startsOn: post.startsOn,
    endsOn: post.endsOn ?? "",
    notes: post.notes,
    classification: post.classification,
  };
}

/** Ids of the controls, by the API body field they set (for linking the server's errors). */
const FIELD_IDS: Record<string, string> = {
  roleTitle: "roleTitle",
  organisationId: "organisationId",
  formulaId: "formulaId",
  fundingStreamId: "fundingStreamId",
  fteBasisPoints: "fte",
  annualCostPence: "annualCost",
  startsOn: "startsOn",
  endsOn: "endsOn",
  notes: "notes",
  classification: firstChoiceId("classification", CLEARANCES),
};

function readFte(text: string): { basisPoints: number } | { error: string } {
  if (text.trim() === "") return { error: "Enter the full-time equivalent, like 1 or 0.5" };
  try {
    const basisPoints = parseFte(text);
    if (basisPoints <= 0) return { error: "The full-time equivalent must be more than 0" };
    if (basisPoints > 10_000) return { error: "The full-time equivalent cannot be more than 1" };
    return { basisPoints };
  } catch {
    return { error: "Enter the full-time equivalent as a number to at most 4 decimal places, like 0.5" };
  }
}

/** Client-side checks, keyed by control id, in page order. */
function check(values: PostFormValues): Record<string, string> {
  const fields: Record<string, string> = {};
  if (values.roleTitle.trim() === "") fields.roleTitle = "Enter the role title";
  if (values.organisationId === "") fields.organisationId = "Choose the force that provides the post";
  if (values.formulaId === "") fields.formulaId = "Choose the formula the post contributes to";
  if (values.fundingSource === "stream" && values.fundingStreamId === "") {
    fields.fundingStreamId = "Choose the funding stream that pays the post";
  }
  const fte = readFte(values.fte);
  if ("error" in fte) fields.fte = fte.error;
  const cost = readPounds(values.annualCost, "the annual cost");
  if ("error" in cost) fields.annualCost = cost.error;
  if (values.startsOn === "") fields.startsOn = "Enter the date the post starts";
  return fields;
}

function bodyOf(values: PostFormValues): NewFundingPost {
  const fte = readFte(values.fte);
  return {
    roleTitle: values.roleTitle.trim(),
    organisationId: values.organisationId,
    formulaId: values.formulaId,
    fundingStreamId: values.fundingSource === "stream" ? values.fundingStreamId : null,
    // check() has read both already, so neither fails here.
    fteBasisPoints: "basisPoints" in fte ? fte.basisPoints : 0,
    annualCostPence: parsePounds(values.annualCost),
    startsOn: values.startsOn,
    endsOn: values.endsOn === "" ? null : values.endsOn,
    notes: values.notes.trim(),
    classification: values.classification as Clearance,
  };
}

function PostForm({
  heading,
  initial,
  submitText,
  cancelTo,
  onSubmit,
  onErrors,
}: {
  heading: ReactNode;
  initial: PostFormValues;
  submitText: string;
  cancelTo: string;
  onSubmit: (body: NewFundingPost) => Promise<void>;
  onErrors: (shown: boolean) => void;
}) {
  const reference = useAsync(
    () =>
      Promise.all([
        api.organisations(),
        fundingApi.formulas({ pageSize: 200 }),
        fundingApi.streams({ pageSize: 200 }),
      ]).then(([organisations, formulas, streams]) => ({
        forces: organisations.items
          .filter((organisation) => organisation.kind === "force")
          .sort((a, b) => a.name.localeCompare(b.name, "en-GB"))
          .map((organisation) => ({ value: organisation.id, label: organisation.name })),
        formulas: formulas.items.map((formula) => ({ value: formula.id, label: formula.name })),
        streams: streams.items.map((stream) => ({ value: stream.id, label: stream.name })),
      })),
    [],
  );
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
        what="Loading forces and formulas"
      />
    );
  }
  return (
    <>
      <FormErrorSummary errors={errors} />
      {heading}
      <form onSubmit={submit} noValidate aria-label={submitText}>
        <TextInput
          id="roleTitle"
          label="Role title"
          hint="For example Detective Sergeant, regional cyber crime unit"
          value={values.roleTitle}
          onChange={(roleTitle) => set({ roleTitle })}
          error={errors.fields.roleTitle}
          autoComplete="off"
        />
        <Select
          id="organisationId"
          label="Force"
          hint="The force that provides and pays the post"
          value={values.organisationId}
          onChange={(organisationId) => set({ organisationId })}
          placeholder="Choose a force"
          options={reference.data.forces}
          error={errors.fields.organisationId}
        />
        <Select
          id="formulaId"
          label="Contributes to"
          hint="The cost-sharing formula of the ROCU the post works for"
          value={values.formulaId}
          onChange={(formulaId) => set({ formulaId })}
          placeholder="Choose a formula"
          options={reference.data.formulas}
          error={errors.fields.formulaId}
        />
        <Radios
          idPrefix="fundingSource"
          legend="Paid from"
          hint="Only posts paid from the force’s own contribution count towards its share"
          options={FUNDING_SOURCE_OPTIONS}
          value={values.fundingSource}
          onChange={(fundingSource) => set({ fundingSource })}
          small
        />
        {values.fundingSource === "stream" ? (
          <div className="govuk-inset-text">
            <Select
              id="fundingStreamId"
              label="Funding stream"
              value={values.fundingStreamId}
              onChange={(fundingStreamId) => set({ fundingStreamId })}
              placeholder="Choose a stream"
              options={reference.data.streams}
              error={errors.fields.fundingStreamId}
            />
          </div>
        ) : null}
        <TextInput
          id="fte"
          label="Full-time equivalent"
          hint="1 for full time, 0.5 for half time"
          value={values.fte}
          onChange={(fte) => set({ fte })}
          error={errors.fields.fte}
          inputMode="decimal"
          autoComplete="off"
          width="4"
        />
        <TextInput
          id="annualCost"
          label="Annual cost in pounds"
          hint="The full-time cost for a year, with on-costs, for example 45,000"
          value={values.annualCost}
          onChange={(annualCost) => set({ annualCost })}
          error={errors.fields.annualCost}
          prefix="£"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          width="10"
        />
        <TextInput
          id="startsOn"
          type="date"
          label="Start date"
          hint="The first day in post"
          value={values.startsOn}
          onChange={(startsOn) => set({ startsOn })}
          error={errors.fields.startsOn}
        />
        <TextInput
          id="endsOn"
          type="date"
          label="End date (optional)"
          hint="The last day in post; leave empty while it continues"
          value={values.endsOn}
          onChange={(endsOn) => set({ endsOn })}
          error={errors.fields.endsOn}
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
          error={errors.fields[FIELD_IDS.classification ?? ""]}
        />
        <SubmitOrCancel text={submitText} busy={busy} cancelTo={cancelTo} />
      </form>
    </>
  );
}

export function PostCreatePage() {
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Record a post`, "Funding");
  const navigate = useNavigate();
  return (
    <>
      <FundingNav />
      <Breadcrumbs items={POST_CRUMBS} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PostForm
            heading={
              <>
                <span className="govuk-caption-l">Funding</span>
                <h1 className="govuk-heading-l">Record a post</h1>
              </>
            }
            initial={emptyValues}
            submitText="Record the post"
            cancelTo="/funding/posts"
            onErrors={setErrorsShown}
            onSubmit={async (body) => {
              const created = await postsApi.create(body);
              navigate(postPath(created.id), {
                state: { message: `${created.roleTitle} has been recorded.` },
              });
            }}
          />
        </div>
      </div>
    </>
  );
}

export function PostEditPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const navigate = useNavigate();
  const post = useAsync(() => postsApi.post(id), [id]);
  const record = post.data;
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(
    `${errorsShown ? "Error: " : ""}${record ? `Change ${record.roleTitle}` : "Change a post"}`,
    "Funding",
  );
  useClassification(highestMarking([record?.classification]));
  if (post.error instanceof ApiError && post.error.status === 404) return <NotFoundPage />;
  // Finance users of the other forces paying the formula read the post but do not change it.
  if (record && !mayManageFunding(me, record)) return <ForbiddenPage />;
  const crumbs = record ? [...POST_CRUMBS, { to: postPath(record.id), text: record.roleTitle }] : POST_CRUMBS;
  return (
    <>
      <FundingNav />
      <Breadcrumbs items={crumbs} />
      {post.error ? <LoadError error={post.error} retry={post.reload} /> : null}
      {!record && !post.error ? <Loading what="Loading the post" /> : null}
      {record ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <PostForm
              heading={
                <>
                  <span className="govuk-caption-l">{record.roleTitle}</span>
                  <h1 className="govuk-heading-l">Change the post</h1>
                </>
              }
              initial={valuesOf(record)}
              submitText="Save changes"
              cancelTo={postPath(record.id)}
              onErrors={setErrorsShown}
              onSubmit={async (body) => {
                await postsApi.update(record.id, body);
                navigate(postPath(record.id), { state: { message: "The changes have been saved." } });
              }}
            />
          </div>
        </div>
      ) : null}
    </>
  );
}
