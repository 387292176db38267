import { type ReactNode, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, api, type Me, type Panel } from "../api.ts";
import { linesOf, panelPath } from "../components/disruption.tsx";
import {
  Breadcrumbs,
  FormErrorSummary,
  LoadError,
  Loading,
  Radios,
  Select,
  SubmitOrCancel,
  Textarea,
  TextInput,
} from "../components/govuk.tsx";
import { PursueNav } from "../components/PursueNav.tsx";
import { useRecordForm } from "../components/recordForm.ts";
import { plural } from "../format.ts";
import { useAsync, useTitle } from "../hooks.ts";
import { useSession } from "../session.tsx";
import { NotFoundPage } from "./ErrorPages.tsx";

const CRUMBS = [
  { to: "/", text: "Home" },
  { to: "/organised-crime", text: "Organised crime" },
  { to: "/organised-crime/panels", text: "Moderation panels" },
];

interface PanelFormValues {
  regionId: string;
  periodMonth: string;
  heldOn: string;
  chairUserId: string;
  /** One a line. */
  attendees: string;
}

/** The control ids, by API field; the chair's radios start with the chosen chair. */
const FIELD_IDS: Record<string, string> = {
  regionId: "regionId",
  periodMonth: "periodMonth",
  heldOn: "heldOn",
  chairUserId: "chairUserId",
  attendees: "attendees",
};

function check(values: PanelFormValues, creating: boolean): Record<string, string> {
  const fields: Record<string, string> = {};
  if (creating && values.regionId === "") fields.regionId = "Choose the region";
  if (creating && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.periodMonth.trim()))
    fields.periodMonth = "Enter the month the panel moderates, like 2026-03";
  if (values.heldOn === "") fields.heldOn = "Enter the date of the meeting";
  if (values.chairUserId === "") fields.chairUserId = "Choose the chair";
  return fields;
}

/** The panel's details: region and month when setting it up; meeting date, chair and attendees always. */
function PanelForm({
  me,
  initial,
  creating,
  currentChair,
  heading,
  submitText,
  cancelTo,
  onSubmit,
  onErrors,
}: {
  me: Me | null | undefined;
  initial: PanelFormValues;
  creating: boolean;
  currentChair?: { id: string; name: string };
  heading: ReactNode;
  submitText: string;
  cancelTo: string;
  onSubmit: (values: PanelFormValues) => Promise<void>;
  onErrors: (shown: boolean) => void;
}) {
  const regions = useAsync(() => (creating ? api.regions() : Promise.resolve(null)), [creating]);
  const { values, set, errors, busy, submit } = useRecordForm({
    initial,
    check: (current: PanelFormValues) => check(current, creating),
    toBody: (current: PanelFormValues) => current,
    onSubmit,
    fieldIds: FIELD_IDS,
    onErrors,
  });

  // Regional moderators run their own region's panels; national ones any region's.
  const regionChoices = (regions.data?.items ?? []).filter(
    (region) => me?.scope === "national" || region.id === me?.regionId,
  );
  // The chair is an active moderator: the user themselves, or the chair already recorded.
  const chairChoices = [
    ...(me ? [{ value: me.id, label: `Me (${me.name})` }] : []),
    ...(currentChair && currentChair.id !== me?.id
      ? [{ value: currentChair.id, label: currentChair.name }]
      : []),
  ];

  return (
    <>
      <FormErrorSummary errors={errors} />
      {heading}
      {regions.error ? <LoadError error={regions.error} retry={regions.reload} /> : null}
      <form onSubmit={submit} noValidate aria-label={submitText}>
        {creating ? (
          <>
            <Select
              id="regionId"
              label="Region"
              value={values.regionId}
              onChange={(regionId) => set({ regionId })}
              placeholder={regions.loading ? "Loading regions…" : "Choose a region"}
              options={regionChoices.map((region) => ({ value: region.id, label: region.name }))}
              error={errors.fields.regionId}
            />
            <TextInput
              id="periodMonth"
              label="Month moderated"
              hint="As year and month, for example 2026-03. The agenda takes every claim of the region submitted for that month or earlier and not yet heard."
              value={values.periodMonth}
              onChange={(periodMonth) => set({ periodMonth })}
              error={errors.fields.periodMonth}
              inputMode="numeric"
              spellCheck={false}
              autoComplete="off"
              width="5"
            />
          </>
        ) : null}
        <TextInput
          id="heldOn"
          label="Date of the meeting"
          hint="Not before the month it moderates begins"
          type="date"
          value={values.heldOn}
          onChange={(heldOn) => set({ heldOn })}
          error={errors.fields.heldOn}
          width="10"
        />
        <div id="chairUserId" tabIndex={-1}>
          <Radios
            idPrefix="chair"
            legend="Chair"
            hint="The chair must be an active moderator"
            options={chairChoices}
            value={values.chairUserId}
            onChange={(chairUserId) => set({ chairUserId })}
            error={errors.fields.chairUserId}
            small
          />
        </div>
        <Textarea
          id="attendees"
          label="Attendees (optional)"
          hint="The forces and partner agencies represented, one a line, for example “Staffordshire Police” or “NCA”"
          value={values.attendees}
          onChange={(attendees) => set({ attendees })}
          error={errors.fields.attendees}
          rows={5}
        />
        <SubmitOrCancel text={submitText} busy={busy} cancelTo={cancelTo} />
      </form>
    </>
  );
}

export function PanelCreatePage() {
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(`${errorsShown ? "Error: " : ""}Set up a moderation panel`, "Organised crime");
  const { me } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <PursueNav />
      <Breadcrumbs items={CRUMBS} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <PanelForm
            me={me}
            creating
            initial={{
              regionId: me?.regionId ?? "",
              periodMonth: "",
              heldOn: "",
              chairUserId: me?.id ?? "",
              attendees: "",
            }}
            heading={
              <>
                <span className="govuk-caption-l">Organised crime</span>
                <h1 className="govuk-heading-l">Set up a moderation panel</h1>
              </>
            }
            submitText="Set up the panel"
            cancelTo="/organised-crime/panels"
            onErrors={setErrorsShown}
            onSubmit={async (values) => {
              const created = await api.createPanel({
                regionId: values.regionId,
                periodMonth: values.periodMonth.trim(),
                heldOn: values.heldOn,
                chairUserId: values.chairUserId,
                attendees: linesOf(values.attendees),
              });
              navigate(panelPath(created.id), {
                state: {
                  message: `The ${created.periodLabel} panel is set up with ${plural(created.counts.onAgenda, "claim")} on its agenda.`,
                },
              });
            }}
          />
        </div>
      </div>
    </>
  );
}

export function PanelEditPage() {
  const { id = "" } = useParams();
  const { me } = useSession();
  const navigate = useNavigate();
  const panel = useAsync(() => api.panel(id), [id]);
  const record: Panel | undefined = panel.data;
  const [errorsShown, setErrorsShown] = useState(false);
  useTitle(
    `${errorsShown ? "Error: " : ""}${record ? `Change the ${record.periodLabel} panel` : "Change a panel"}`,
    "Organised crime",
  );
  if (panel.error instanceof ApiError && panel.error.status === 404) return <NotFoundPage />;
  const crumbs = record
    ? [...CRUMBS, { to: panelPath(record.id), text: `${record.periodLabel} panel` }]
    : CRUMBS;
  return (
    <>
      <PursueNav />
      <Breadcrumbs items={crumbs} />
      {panel.error ? <LoadError error={panel.error} retry={panel.reload} /> : null}
      {!record && !panel.error ? <Loading what="Loading the panel" /> : null}
      {record && !record.allowedActions.includes("edit") ? (
        <>
          <h1 className="govuk-heading-l">The {record.periodLabel} panel cannot be changed</h1>
          <p className="govuk-body">
            {record.status === "closed"
              ? "It is closed, and a closed panel is locked."
              : "Only the region’s moderators change its panels."}{" "}
            <Link className="govuk-link" to={panelPath(record.id)}>
              Back to the panel
            </Link>
          </p>
        </>
      ) : null}
      {record?.allowedActions.includes("edit") ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <PanelForm
              me={me}
              creating={false}
              currentChair={record.chair}
              initial={{
                regionId: record.region.id,
                periodMonth: record.period,
                heldOn: record.heldOn,
                chairUserId: record.chair.id,
                attendees: record.attendees.join("\n"),
              }}
              heading={
                <>
                  <span className="govuk-caption-l">
                    {record.region.name}, {record.periodLabel}
                  </span>
                  <h1 className="govuk-heading-l">Change the panel’s details</h1>
                </>
              }
              submitText="Save changes"
              cancelTo={panelPath(record.id)}
              onErrors={setErrorsShown}
              onSubmit={async (values) => {
                await api.updatePanel(record.id, {
                  heldOn: values.heldOn,
                  chairUserId: values.chairUserId,
                  attendees: linesOf(values.attendees),
                });
                navigate(panelPath(record.id), {
                  state: { message: "The panel’s details have been saved." },
                });
              }}
            />
          </div>
        </div>
      ) : null}
    </>
  );
}
