import { type FormEvent, useMemo, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { dimensionGroups, ratingProblems, scoreAssessment } from "#src/features/scoring/model.ts";
import { ApiError, type Assessment, api, type Dimension, type Ocg, type ScoringModel } from "../api.ts";
import {
  Breadcrumbs,
  ConfirmPanel,
  FormErrorSummary,
  type FormErrors,
  firstChoiceId,
  formErrorsFrom,
  LoadError,
  Loading,
  noErrors,
  Radios,
  SuccessBanner,
  Textarea,
  TextInput,
} from "../components/govuk.tsx";
import { highestMarking, useClassification } from "../components/Layout.tsx";
import { BandTag, bandsOf, formatScore, todayIso } from "../components/ocg.tsx";
import { formatDate } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { NotFoundPage } from "./ErrorPages.tsx";
import { ocgPath } from "./OcgFormPages.tsx";

type Group = (typeof dimensionGroups)[number];

const GROUPS: Record<Group, { heading: string; hint: string }> = {
  harm: { heading: "Harm", hint: "The harm the group causes, each kind on its own scale." },
  vulnerability: { heading: "Victim vulnerability", hint: "Raises the impact of the harm." },
  scope: { heading: "Geographic scope", hint: "Raises the impact of the harm." },
  likelihood: { heading: "Likelihood", hint: "The score is impact × likelihood." },
  confidence: { heading: "Confidence", hint: "Low confidence lowers the score." },
  "organisational-position": {
    heading: "Organisational position",
    hint: "Capacity and capability to act. Reported beside the score, never in it.",
  },
};

interface Draft {
  value: string;
  rationale: string;
}

const radioId = (dimension: Dimension) =>
  firstChoiceId(
    `rating-${dimension.key}`,
    dimension.scale.map((point) => String(point.value)),
  );
const rationaleId = (dimension: Dimension) => `rationale-${dimension.key}`;

/** API and model field names (ratings.<key>.value) to the ids of the controls. */
function fieldIdsOf(dimensions: readonly Dimension[]): Record<string, string> {
  const ids: Record<string, string> = { assessedOn: "assessedOn" };
  for (const dimension of dimensions) {
    ids[`ratings.${dimension.key}`] = radioId(dimension);
    ids[`ratings.${dimension.key}.value`] = radioId(dimension);
    ids[`ratings.${dimension.key}.rationale`] = rationaleId(dimension);
  }
  return ids;
}

export function OcgAssessPage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const draftId = params.get("draft");
  const loaded = useAsync(
    () =>
      Promise.all([
        api.ocg(id),
        api.scoringModels(),
        draftId ? api.assessment(draftId).catch(() => null) : Promise.resolve(null),
        draftId ? Promise.resolve({ items: [] }) : api.assessments(id),
      ]).then(([ocg, models, found, history]) => {
        const draft = found && found.ocgId === ocg.id && found.status === "draft" ? found : null;
        const model = draft
          ? models.items.find((item) => item.id === draft.modelId)
          : models.items.find((item) => item.status === "active");
        // A re-assessment starts from the last final one under the same model: the assessor changes what moved.
        const previous =
          history.items.find((item) => item.status === "final" && item.modelId === model?.id) ?? null;
        return { ocg, model, draft, previous, draftMissing: Boolean(draftId) && !draft };
      }),
    [id, draftId],
  );
  const data = loaded.data;
  useTitle(data ? `Assess ${data.ocg.reference}` : "Assess an OCG", "Organised crime");
  useClassification(highestMarking([data?.ocg.classification]));

  if (loaded.error instanceof ApiError && loaded.error.status === 404) return <NotFoundPage />;
  const crumbs = [
    { to: "/", text: "Home" },
    { to: "/organised-crime", text: "Organised crime" },
    ...(data ? [{ to: ocgPath(data.ocg.id), text: data.ocg.reference }] : []),
  ];
  return (
    <>
      <Breadcrumbs items={crumbs} />
      {loaded.error ? <LoadError error={loaded.error} retry={loaded.reload} /> : null}
      {!data && !loaded.error ? <Loading what="Loading the scoring model" /> : null}
      {data && !data.model ? (
        <LoadError
          error={new Error("No scoring model is in force. A supervisor must make one active first.")}
        />
      ) : null}
      {data?.draftMissing ? (
        <LoadError
          error={new Error("That draft assessment was not found: it may have been finalised already.")}
        />
      ) : null}
      {data?.model && !data.draftMissing ? (
        <AssessmentForm
          key={data.draft?.id ?? "new"}
          ocg={data.ocg}
          model={data.model}
          draft={data.draft}
          previous={data.previous}
        />
      ) : null}
    </>
  );
}

function AssessmentForm({
  ocg,
  model,
  draft,
  previous,
}: {
  ocg: Ocg;
  model: ScoringModel;
  draft: Assessment | null;
  /** The last final assessment, whose ratings a re-assessment starts from. */
  previous: Assessment | null;
}) {
  const navigate = useNavigate();
  const definition = model.definition;
  const [assessedOn, setAssessedOn] = useState(draft?.assessedOn ?? todayIso());
  const [ratings, setRatings] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(
      definition.dimensions.map((dimension) => {
        const saved = (draft ?? previous)?.ratings[dimension.key];
        return [
          dimension.key,
          { value: saved ? String(saved.value) : "", rationale: saved?.rationale ?? "" },
        ];
      }),
    ),
  );
  const [savedId, setSavedId] = useState<string | null>(draft?.id ?? null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const fieldIds = useMemo(() => fieldIdsOf(definition.dimensions), [definition]);

  /** The ratings as the API and the model take them: only the dimensions given a value. */
  const body = useMemo(() => {
    const out: Record<string, { value: number; rationale: string }> = {};
    for (const [key, rating] of Object.entries(ratings)) {
      if (rating.value !== "") out[key] = { value: Number(rating.value), rationale: rating.rationale.trim() };
    }
    return out;
  }, [ratings]);
  const live = useMemo(() => scoreAssessment(definition, body), [definition, body]);
  const rated = definition.dimensions.length - live.missing.length;

  const set = (key: string, change: Partial<Draft>) =>
    setRatings((current) => ({
      ...current,
      [key]: { ...(current[key] ?? { value: "", rationale: "" }), ...change },
    }));

  function check(complete: boolean): boolean {
    const fields: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(assessedOn)) fields.assessedOn = "Enter the date of the assessment";
    else if (assessedOn > todayIso()) fields.assessedOn = "The assessment date cannot be in the future";
    for (const problem of ratingProblems(definition, body, { complete })) {
      const field = fieldIds[problem.field] ?? problem.field;
      if (!(field in fields)) fields[field] = problem.message;
    }
    // In page order, so the summary lists them as the questions appear.
    const order = ["assessedOn", ...definition.dimensions.flatMap((d) => [radioId(d), rationaleId(d)])];
    const sorted = Object.fromEntries(
      Object.entries(fields).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)),
    );
    setErrors({ fields: sorted });
    return Object.keys(sorted).length === 0;
  }

  /** Creates the draft, or saves over it; returns its id. */
  async function save(): Promise<string> {
    if (savedId) {
      await api.updateAssessment(savedId, { assessedOn, ratings: body });
      return savedId;
    }
    const created = await api.createAssessment(ocg.id, { modelId: model.id, assessedOn, ratings: body });
    setSavedId(created.id);
    return created.id;
  }

  async function saveDraft() {
    setSaved(null);
    if (!check(false)) return;
    setBusy(true);
    try {
      const assessmentId = await save();
      setErrors(noErrors);
      setSaved(
        `Draft saved with a score of ${formatScore(live.score)} (${live.band}). It does not count until it is finalised.`,
      );
      navigate(`?draft=${encodeURIComponent(assessmentId)}`, { replace: true });
    } catch (error) {
      setErrors(formErrorsFrom(error, fieldIds));
    } finally {
      setBusy(false);
    }
  }

  function askToFinalise(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    if (check(true)) setConfirming(true);
  }

  async function finalise() {
    setBusy(true);
    try {
      const assessmentId = await save();
      const final = await api.finaliseAssessment(assessmentId);
      navigate(ocgPath(ocg.id), {
        state: {
          message: `The assessment of ${ocg.reference} is final: score ${formatScore(final.score)}, band ${final.band}.`,
        },
      });
    } catch (error) {
      setConfirming(false);
      setErrors(formErrorsFrom(error, fieldIds));
      setBusy(false);
    }
  }

  const groups = dimensionGroups
    .map((group) => ({ group, dimensions: definition.dimensions.filter((item) => item.group === group) }))
    .filter((entry) => entry.dimensions.length > 0);

  return (
    <>
      {saved ? (
        <SuccessBanner key={saved}>
          <p className="govuk-notification-banner__heading">{saved}</p>
        </SuccessBanner>
      ) : null}
      <FormErrorSummary errors={errors} />
      <span className="govuk-caption-l">
        {ocg.reference} {ocg.name}
      </span>
      <h1 className="govuk-heading-l">
        {draft
          ? "Continue the draft assessment"
          : previous
            ? "Re-assess threat, risk and harm"
            : "Assess threat, risk and harm"}
      </h1>
      <div className="rocu-assess">
        <div className="rocu-assess__form">
          <p className="govuk-body">
            Rate each dimension on its scale and give the reason. The score is worked out as you go, with the
            same formula the server uses, under scoring model version {model.version} ({model.name}).
          </p>
          {previous && !draft ? (
            <div className="govuk-inset-text">
              The answers start from the final assessment of {formatDate(previous.assessedOn)} (score{" "}
              {formatScore(previous.score)}, band {previous.band}). Change what has moved and update the
              rationale.
            </div>
          ) : null}
          <form onSubmit={askToFinalise} noValidate aria-label={`Assessment of ${ocg.reference}`}>
            <TextInput
              id="assessedOn"
              label="Date of the assessment"
              type="date"
              value={assessedOn}
              onChange={setAssessedOn}
              error={errors.fields.assessedOn}
              width="10"
            />
            {groups.map(({ group, dimensions }) => (
              <section key={group} className="rocu-assess__group" aria-labelledby={`group-${group}`}>
                <h2 className="govuk-heading-m govuk-!-margin-bottom-1" id={`group-${group}`}>
                  {GROUPS[group].heading}
                </h2>
                <p className="govuk-hint">{GROUPS[group].hint}</p>
                {dimensions.map((dimension) => {
                  const rating = ratings[dimension.key] ?? { value: "", rationale: "" };
                  return (
                    <div
                      className="rocu-dimension"
                      key={dimension.key}
                      data-testid={`dimension-${dimension.key}`}
                    >
                      <Radios
                        idPrefix={`rating-${dimension.key}`}
                        legend={dimension.label}
                        legendClass="govuk-fieldset__legend--s"
                        hint={dimension.description || undefined}
                        options={dimension.scale.map((point) => ({
                          value: String(point.value),
                          label: `${point.value} – ${point.label}`,
                          hint: point.description || undefined,
                        }))}
                        value={rating.value}
                        onChange={(value) => set(dimension.key, { value })}
                        error={errors.fields[radioId(dimension)]}
                        small
                      />
                      <Textarea
                        id={rationaleId(dimension)}
                        label={`Rationale for ${dimension.label.toLowerCase()}`}
                        value={rating.rationale}
                        onChange={(rationale) => set(dimension.key, { rationale })}
                        error={errors.fields[rationaleId(dimension)]}
                        rows={2}
                      />
                    </div>
                  );
                })}
              </section>
            ))}
            {confirming ? (
              <ConfirmPanel
                heading={`Finalise the assessment of ${ocg.reference} ${ocg.name}?`}
                confirmText={`Yes, finalise the assessment of ${ocg.reference}`}
                onConfirm={finalise}
                onCancel={() => setConfirming(false)}
                busy={busy}
                warning={false}
              >
                <p className="govuk-body">
                  The score will be {formatScore(live.score)} out of 100, band {live.band}. It becomes the
                  group’s score on the priority list.
                </p>
                <p className="govuk-body">
                  A final assessment is never edited. To change it later, re-assess the group: the record
                  shows what changed between assessments.
                </p>
              </ConfirmPanel>
            ) : (
              <div className="govuk-button-group">
                <button type="submit" className="govuk-button" disabled={busy}>
                  Finalise assessment
                </button>
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={saveDraft}
                  disabled={busy}
                >
                  Save as draft
                </button>
                <Link className="govuk-link" to={ocgPath(ocg.id)}>
                  Cancel
                </Link>
              </div>
            )}
          </form>
        </div>
        <aside className="rocu-assess__panel" aria-labelledby="live-score-heading">
          <h2 className="govuk-heading-s govuk-!-margin-bottom-1" id="live-score-heading">
            Score so far
          </h2>
          <div aria-live="polite" aria-atomic="true" data-testid="live-score">
            <p className="rocu-assess__score">
              <span data-testid="live-score-value">{formatScore(live.score)}</span>
              <span className="rocu-score-card__out-of"> out of 100</span>
            </p>
            <p className="govuk-body govuk-!-margin-bottom-1">
              <span className="govuk-visually-hidden">Band: </span>
              <span data-testid="live-band">
                <BandTag band={live.band} bands={bandsOf(model)} />
              </span>
            </p>
            <p className="govuk-body-s govuk-!-margin-bottom-0">
              {rated} of {definition.dimensions.length} dimensions rated
              {live.missing.length > 0 ? ": the score is provisional until all are rated" : ""}.
            </p>
          </div>
          <details className="govuk-details rocu-details--compact rocu-assess__breakdown">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">How the score is made</span>
            </summary>
            <div className="govuk-details__text">
              <dl className="rocu-breakdown">
                {groups.map(({ group }) => (
                  <div key={group}>
                    <dt>{GROUPS[group].heading}</dt>
                    <dd>{Math.round(live.breakdown.groups[group].level * 100)}%</dd>
                  </div>
                ))}
                <div>
                  <dt>Impact (harm with uplifts)</dt>
                  <dd>{Math.round(live.breakdown.impact * 100)}%</dd>
                </div>
                <div>
                  <dt>Confidence factor</dt>
                  <dd>×{live.breakdown.confidenceFactor.toFixed(2)}</dd>
                </div>
              </dl>
              <p className="govuk-body-s">
                Bands: {definition.bands.map((band) => `${band.band} from ${band.minScore}`).join(", ")}.
              </p>
            </div>
          </details>
        </aside>
      </div>
    </>
  );
}
