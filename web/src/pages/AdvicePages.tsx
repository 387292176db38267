import { Link, useNavigate, useParams } from "react-router";
import { type AdviceAudience, type AdviceVersion, adviceApi } from "../api.ts";
import { PreventProtectNav } from "../components/CyberNav.tsx";
import {
  Breadcrumbs,
  FormErrorSummary,
  firstChoiceId,
  LoadError,
  Loading,
  Radios,
  SubmitOrCancel,
  SuccessBanner,
  Tag,
  Textarea,
  TextInput,
} from "../components/govuk.tsx";
import { useRecordForm } from "../components/recordForm.ts";
import { formatDateTime } from "../format.ts";
import { useArrivalMessage, useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";

const AUDIENCE_LABELS: Record<AdviceAudience, string> = {
  everyone: "Everyone",
  individuals: "Individuals",
  businesses: "Businesses",
};
const AUDIENCES = Object.keys(AUDIENCE_LABELS) as AdviceAudience[];

const LIBRARY = "/prevent-protect/advice";
const advicePath = (slug: string) => `${LIBRARY}/${encodeURIComponent(slug)}`;

function AdviceText({ advice }: { advice: AdviceVersion }) {
  return (
    <>
      <p className="govuk-body">
        <Tag colour="blue">{AUDIENCE_LABELS[advice.audience]}</Tag>{" "}
        <span className="rocu-muted">
          Version {advice.version}, {advice.createdBy ? `by ${advice.createdBy.name}, ` : ""}
          {formatDateTime(advice.createdAt)}
        </span>
      </p>
      <p className="govuk-body rocu-pre-line">{advice.body}</p>
    </>
  );
}

/** The advice victims are given, current versions only; advice managers add and revise it. */
export function AdviceLibraryPage() {
  useTitle("Protect advice", "Prevent and Protect");
  const { can } = useSession();
  const message = useArrivalMessage();
  const library = useAsync(() => adviceApi.library(), []);
  const manage = can("advice.manage");
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
          <h1 className="govuk-heading-l">Protect advice</h1>
        </div>
        {manage ? (
          <Link to={`${LIBRARY}/new`} className="govuk-button" data-module="govuk-button">
            Add advice
          </Link>
        ) : null}
      </div>
      <p className="govuk-body">
        The advice given to victims when they are contacted. Each contact records the version given, so
        revising advice never changes what a victim was told.
      </p>
      {library.error ? <LoadError error={library.error} retry={library.reload} /> : null}
      {library.loading && !library.data ? <Loading what="Loading the Protect advice library" /> : null}
      {library.data ? (
        library.data.items.length === 0 ? (
          <p className="govuk-body" data-testid="advice-empty">
            The library is empty.{" "}
            {manage ? (
              <Link className="govuk-link" to={`${LIBRARY}/new`}>
                Add the first piece of advice
              </Link>
            ) : (
              "Protect officers and supervisors add advice here."
            )}
          </p>
        ) : (
          library.data.items.map((advice) => (
            <section
              key={advice.slug}
              className="govuk-!-margin-bottom-7"
              aria-labelledby={`advice-${advice.slug}`}
              data-testid="advice-item"
            >
              <h2 className="govuk-heading-m" id={`advice-${advice.slug}`}>
                <Link className="govuk-link" to={advicePath(advice.slug)}>
                  {advice.title}
                </Link>
              </h2>
              <AdviceText advice={advice} />
              {advice.version > 1 || manage ? (
                <p className="govuk-body">
                  <Link className="govuk-link" to={advicePath(advice.slug)}>
                    {manage ? "See all versions or publish a new one" : "See earlier versions"}
                    <span className="govuk-visually-hidden"> of {advice.title}</span>
                  </Link>
                </p>
              ) : null}
            </section>
          ))
        )
      ) : null}
    </>
  );
}

interface AdviceValues {
  slug: string;
  title: string;
  audience: string;
  body: string;
}

const ADVICE_FIELD_IDS: Record<string, string> = {
  slug: "advice-slug",
  title: "advice-title",
  audience: firstChoiceId("advice-audience", AUDIENCES),
  body: "advice-body",
};

function checkAdvice(values: AdviceValues, withSlug: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (withSlug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.slug.trim()))
    errors["advice-slug"] =
      "Use lower-case letters and digits in words joined by single hyphens, like romance-fraud";
  if (!values.title.trim()) errors["advice-title"] = "Enter a title";
  if (!values.audience) errors[ADVICE_FIELD_IDS.audience ?? ""] = "Choose who the advice is for";
  if (!values.body.trim()) errors["advice-body"] = "Enter the advice as it is to be given";
  return errors;
}

function AdviceFields({
  values,
  set,
  errors,
}: {
  values: AdviceValues;
  set: (changes: Partial<AdviceValues>) => void;
  errors: Record<string, string>;
}) {
  return (
    <>
      <TextInput
        id="advice-title"
        label="Title"
        value={values.title}
        error={errors["advice-title"]}
        onChange={(title) => set({ title })}
      />
      <Radios
        idPrefix="advice-audience"
        legend="Who it is for"
        inline
        value={values.audience}
        error={errors[ADVICE_FIELD_IDS.audience ?? ""]}
        onChange={(audience) => set({ audience })}
        options={AUDIENCES.map((audience) => ({ value: audience, label: AUDIENCE_LABELS[audience] }))}
      />
      <Textarea
        id="advice-body"
        label="Advice"
        hint="The words the victim is given, as they are to be read or sent."
        rows={8}
        value={values.body}
        error={errors["advice-body"]}
        onChange={(body) => set({ body })}
      />
    </>
  );
}

export function AdviceCreatePage() {
  useTitle("Add advice", "Protect advice");
  const navigate = useNavigate();
  const { values, set, errors, busy, submit } = useRecordForm({
    initial: { slug: "", title: "", audience: "", body: "" },
    check: (current: AdviceValues) => checkAdvice(current, true),
    toBody: (current: AdviceValues) => ({
      slug: current.slug.trim(),
      title: current.title,
      audience: current.audience as AdviceAudience,
      body: current.body,
    }),
    onSubmit: async (body) => {
      const created = await adviceApi.create(body);
      navigate(advicePath(created.slug), { state: { message: `${body.title} added as version 1` } });
    },
    fieldIds: ADVICE_FIELD_IDS,
  });
  return (
    <>
      <PreventProtectNav />
      <Breadcrumbs items={[{ text: "Protect advice", to: LIBRARY }]} />
      <h1 className="govuk-heading-l">Add advice</h1>
      <FormErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate aria-label="Add advice">
        <TextInput
          id="advice-slug"
          label="Short name"
          hint="Lower-case words joined by hyphens, like courier-fraud. It never changes once added."
          width="20"
          spellCheck={false}
          value={values.slug}
          error={errors.fields["advice-slug"]}
          onChange={(slug) => set({ slug })}
        />
        <AdviceFields values={values} set={set} errors={errors.fields} />
        <SubmitOrCancel text="Add advice" busy={busy} cancelTo={LIBRARY} />
      </form>
    </>
  );
}

function PublishVersionForm({ current, onPublished }: { current: AdviceVersion; onPublished: () => void }) {
  // The form starts from the current words: a revision usually changes a sentence, not all of it.
  const initial: AdviceValues = {
    slug: current.slug,
    title: current.title,
    audience: current.audience,
    body: current.body,
  };
  const { values, set, errors, busy, submit } = useRecordForm({
    initial,
    check: (draft: AdviceValues) => checkAdvice(draft, false),
    toBody: (draft: AdviceValues) => ({
      title: draft.title,
      audience: draft.audience as AdviceAudience,
      body: draft.body,
    }),
    onSubmit: async (body) => {
      await adviceApi.publishVersion(current.slug, body);
      onPublished();
    },
    fieldIds: ADVICE_FIELD_IDS,
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Publish a new version" data-testid="publish-version">
      <h2 className="govuk-heading-m">Publish a new version</h2>
      <p className="govuk-body">
        Version {current.version + 1} will be given from now on. Contacts that recorded version{" "}
        {current.version} or earlier keep it.
      </p>
      <FormErrorSummary errors={errors} />
      <AdviceFields values={values} set={set} errors={errors.fields} />
      <button type="submit" className="govuk-button" disabled={busy}>
        Publish version {current.version + 1}
      </button>
    </form>
  );
}

/** One piece of advice with every version it has had; advice managers publish the next one here. */
export function AdviceDetailPage() {
  const { slug = "" } = useParams();
  const { can } = useSession();
  const message = useArrivalMessage();
  const navigate = useNavigate();
  const history = useAsync(() => adviceApi.versions(slug), [slug]);
  const versions = history.data?.versions ?? [];
  const current = versions.find((version) => version.current);
  useTitle(current?.title ?? "Advice", "Protect advice");
  return (
    <>
      <PreventProtectNav />
      <Breadcrumbs items={[{ text: "Protect advice", to: LIBRARY }]} />
      {message ? (
        <SuccessBanner key={message}>
          <p className="govuk-notification-banner__heading">{message}</p>
        </SuccessBanner>
      ) : null}
      {history.error ? <LoadError error={history.error} retry={history.reload} /> : null}
      {history.loading && !history.data ? <Loading what="Loading the advice" /> : null}
      {current ? (
        <>
          <span className="govuk-caption-l">Protect advice</span>
          <h1 className="govuk-heading-l">{current.title}</h1>
          <h2 className="govuk-heading-m">Current version</h2>
          <AdviceText advice={current} />
          <h2 className="govuk-heading-m">Earlier versions</h2>
          {versions.length === 1 ? (
            <p className="govuk-body">This is the first version.</p>
          ) : (
            versions
              .filter((version) => !version.current)
              .map((version) => (
                <details className="govuk-details" key={version.version} data-testid="earlier-version">
                  <summary className="govuk-details__summary">
                    <span className="govuk-details__summary-text">
                      Version {version.version}: {version.title}
                    </span>
                  </summary>
                  <div className="govuk-details__text">
                    <AdviceText advice={version} />
                  </div>
                </details>
              ))
          )}
          {can("advice.manage") ? (
            <PublishVersionForm
              key={current.version}
              current={current}
              onPublished={() => {
                navigate(".", {
                  replace: true,
                  state: { message: `Version ${current.version + 1} published` },
                });
                history.reload();
              }}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
