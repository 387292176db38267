import { useState } from "react";
import {
  type AdviceVersion,
  adviceApi,
  type ContactChannel,
  type ContactOutcome,
  type ContactTarget,
  type NewContact,
  type VictimCare,
  victimCareApi,
} from "../api.ts";
import { formatDate, formatDateTime } from "../format.ts";
import { useAsync } from "../hooks.ts";
import {
  Checkboxes,
  FormErrorSummary,
  firstChoiceId,
  LoadError,
  Loading,
  Radios,
  SuccessBanner,
  TableWrapper,
  Tag,
  type TagColour,
  Textarea,
  TextInput,
} from "./govuk.tsx";
import { useRecordForm } from "./recordForm.ts";

export const CHANNEL_LABELS: Record<ContactChannel, string> = {
  phone: "Phone call",
  email: "E-mail",
  letter: "Letter",
  visit: "Visit in person",
  text: "Text message",
};
const CHANNELS = Object.keys(CHANNEL_LABELS) as ContactChannel[];

export const CONTACT_OUTCOME_LABELS: Record<ContactOutcome, string> = {
  contacted: "Spoke to the victim",
  "no-answer": "No answer",
  "left-message": "Left a message",
  declined: "Victim declined contact",
  "wrong-details": "Contact details wrong",
};
const CONTACT_OUTCOMES = Object.keys(CONTACT_OUTCOME_LABELS) as ContactOutcome[];

const TARGET_TAGS: Record<ContactTarget, { colour: TagColour; text: string }> = {
  met: { colour: "green", text: "Contact target met" },
  missed: { colour: "red", text: "Contact target missed" },
  pending: { colour: "yellow", text: "Contact due" },
};

/** Where a referral's victim contact stands against its target, in words and a tag. */
export function ContactTargetSummary({
  target,
  contactDueAt,
  contactedAt,
}: {
  target: ContactTarget | null;
  contactDueAt: string | null;
  contactedAt: string | null;
}) {
  if (target === null || contactDueAt === null)
    return (
      <p className="govuk-body" data-testid="contact-target">
        The victim is not recorded as vulnerable, so no contact target applies.
        {contactedAt ? ` First contacted ${formatDateTime(contactedAt)}.` : ""}
      </p>
    );
  const tag = TARGET_TAGS[target];
  return (
    <p className="govuk-body" data-testid="contact-target">
      <Tag colour={tag.colour}>{tag.text}</Tag>{" "}
      {contactedAt
        ? `First contacted ${formatDateTime(contactedAt)}; due by ${formatDateTime(contactDueAt)}.`
        : `Not contacted yet; due by ${formatDateTime(contactDueAt)}.`}
    </p>
  );
}

/** A wall-clock date and time in the UK as the moment it names (British Summer Time included). */
function ukMoment(date: string, time: string): Date {
  const [year = 0, month = 1, day = 1] = date.split("-").map(Number);
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/London",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    })
      .formatToParts(new Date(asUtc))
      .map((part) => [part.type, Number(part.value)]),
  );
  const londonOfUtc = Date.UTC(
    parts.year ?? year,
    (parts.month ?? month) - 1,
    parts.day ?? day,
    parts.hour ?? hour,
    parts.minute ?? minute,
  );
  return new Date(asUtc - (londonOfUtc - asUtc));
}

interface ContactValues {
  when: "now" | "earlier";
  date: string;
  time: string;
  channel: string;
  outcome: string;
  notes: string;
  followUpOn: string;
  adviceGiven: string[];
}

const emptyContact: ContactValues = {
  when: "now",
  date: "",
  time: "",
  channel: "",
  outcome: "",
  notes: "",
  followUpOn: "",
  adviceGiven: [],
};

const FIELD_IDS: Record<string, string> = {
  attemptedAt: "contact-date",
  channel: firstChoiceId("contact-channel", CHANNELS),
  outcome: firstChoiceId("contact-outcome", CONTACT_OUTCOMES),
  notes: "contact-notes",
  followUpOn: "contact-followUpOn",
};

function checkContact(values: ContactValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.when === "earlier") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) errors["contact-date"] = "Enter the date of the attempt";
    if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(values.time.trim()))
      errors["contact-time"] = "Enter the time as 24-hour hours and minutes, like 14:30";
  }
  if (!values.channel) errors[FIELD_IDS.channel ?? ""] = "Choose how the victim was contacted";
  if (!values.outcome) errors[FIELD_IDS.outcome ?? ""] = "Choose what happened";
  return errors;
}

function contactBodyOf(values: ContactValues): NewContact {
  return {
    ...(values.when === "earlier"
      ? { attemptedAt: ukMoment(values.date, values.time.trim()).toISOString() }
      : {}),
    channel: values.channel as ContactChannel,
    outcome: values.outcome as ContactOutcome,
    notes: values.notes,
    followUpOn: values.followUpOn === "" ? null : values.followUpOn,
    adviceGiven: values.adviceGiven,
  };
}

function ContactForm({
  referralId,
  library,
  onRecorded,
}: {
  referralId: string;
  library: AdviceVersion[];
  onRecorded: (care: VictimCare) => void;
}) {
  const { values, set, errors, busy, submit } = useRecordForm({
    initial: emptyContact,
    check: checkContact,
    toBody: contactBodyOf,
    onSubmit: async (body) => onRecorded(await victimCareApi.recordContact(referralId, body)),
    fieldIds: {
      ...FIELD_IDS,
      adviceGiven: firstChoiceId(
        "contact-advice",
        library.map((item) => item.slug),
      ),
    },
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Record contact attempt" data-testid="contact-form">
      <h3 className="govuk-heading-s">Record contact attempt</h3>
      <FormErrorSummary errors={errors} />
      <Radios
        idPrefix="contact-when"
        legend="When was it?"
        small
        value={values.when}
        onChange={(when) => set({ when: when as ContactValues["when"] })}
        options={[
          { value: "now", label: "Just now" },
          { value: "earlier", label: "Earlier" },
        ]}
      />
      {values.when === "earlier" ? (
        <div className="rocu-filters__fields">
          <TextInput
            id="contact-date"
            type="date"
            label="Date"
            width="10"
            value={values.date}
            error={errors.fields["contact-date"]}
            onChange={(date) => set({ date })}
          />
          <TextInput
            id="contact-time"
            label="Time"
            hint="24-hour, UK time, like 14:30"
            width="5"
            inputMode="numeric"
            value={values.time}
            error={errors.fields["contact-time"]}
            onChange={(time) => set({ time })}
          />
        </div>
      ) : null}
      <Radios
        idPrefix="contact-channel"
        legend="How"
        small
        value={values.channel}
        error={errors.fields[FIELD_IDS.channel ?? ""]}
        onChange={(channel) => set({ channel })}
        options={CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_LABELS[channel] }))}
      />
      <Radios
        idPrefix="contact-outcome"
        legend="What happened"
        small
        value={values.outcome}
        error={errors.fields[FIELD_IDS.outcome ?? ""]}
        onChange={(outcome) => set({ outcome })}
        options={CONTACT_OUTCOMES.map((outcome) => ({
          value: outcome,
          label: CONTACT_OUTCOME_LABELS[outcome],
          ...(outcome === "contacted"
            ? { hint: "The first time this is recorded counts for the target" }
            : {}),
        }))}
      />
      <Checkboxes
        idPrefix="contact-advice"
        legend="Protect advice given"
        hint="The current version of each is recorded with the contact."
        small
        columns
        values={values.adviceGiven}
        error={
          errors.fields[
            firstChoiceId(
              "contact-advice",
              library.map((item) => item.slug),
            )
          ]
        }
        onChange={(adviceGiven) => set({ adviceGiven })}
        options={library.map((item) => ({
          value: item.slug,
          label: `${item.title} (version ${item.version})`,
        }))}
      />
      <Textarea
        id="contact-notes"
        label="Notes (optional)"
        value={values.notes}
        error={errors.fields["contact-notes"]}
        onChange={(notes) => set({ notes })}
      />
      <TextInput
        id="contact-followUpOn"
        type="date"
        label="Follow up on (optional)"
        width="10"
        hint="It appears on the victim care list from that day until the next attempt is recorded."
        value={values.followUpOn}
        error={errors.fields["contact-followUpOn"]}
        onChange={(followUpOn) => set({ followUpOn })}
      />
      <button type="submit" className="govuk-button" disabled={busy}>
        Record contact attempt
      </button>
    </form>
  );
}

/**
 * The victim care of a referral: where its contact target stands, every contact attempt with the
 * Protect advice given (at the version given), and for victim-care staff a form to record one.
 * The dates given are shown until the section's own copy loads, and after each attempt recorded.
 */
export function VictimCareSection({
  referralId,
  contactDueAt,
  contactedAt,
}: {
  referralId: string;
  contactDueAt: string | null;
  contactedAt: string | null;
}) {
  const care = useAsync(() => victimCareApi.victimCare(referralId), [referralId]);
  const canRecord = care.data?.canRecord ?? false;
  const library = useAsync(
    () => (canRecord ? adviceApi.library() : Promise.resolve({ items: [] })),
    [canRecord],
  );
  // Each recorded attempt starts a fresh form and names what was recorded.
  const [recorded, setRecorded] = useState(0);
  const data = care.data;

  return (
    <section aria-labelledby="victim-care-heading" data-testid="victim-care">
      <h2 className="govuk-heading-m" id="victim-care-heading">
        Victim care
      </h2>
      <ContactTargetSummary
        target={data?.target ?? null}
        contactDueAt={data?.contactDueAt ?? contactDueAt}
        contactedAt={data?.contactedAt ?? contactedAt}
      />
      {recorded > 0 ? (
        <SuccessBanner key={recorded}>
          <p className="govuk-notification-banner__heading">Contact attempt recorded</p>
        </SuccessBanner>
      ) : null}
      {care.error ? <LoadError error={care.error} retry={care.reload} /> : null}
      {care.loading && !data ? <Loading what="Loading contact attempts" /> : null}
      {data ? (
        data.contacts.length === 0 ? (
          <p className="govuk-body" data-testid="contacts-empty">
            No contact attempts are recorded yet.
          </p>
        ) : (
          <TableWrapper label="Contact attempts">
            <table className="govuk-table rocu-table--dense rocu-table--stack" data-testid="contacts">
              <caption className="govuk-table__caption govuk-table__caption--s">
                Contact attempts, newest first
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    When
                  </th>
                  <th scope="col" className="govuk-table__header">
                    How and what happened
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Protect advice given
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Follow up
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Recorded by
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {data.contacts.map((contact) => (
                  <tr className="govuk-table__row" key={contact.id} data-testid="contact-row">
                    <td className="govuk-table__cell rocu-nowrap-desktop">
                      {formatDateTime(contact.attemptedAt)}
                    </td>
                    <td data-label="What happened" className="govuk-table__cell">
                      {CHANNEL_LABELS[contact.channel]}: {CONTACT_OUTCOME_LABELS[contact.outcome]}
                      {contact.notes ? <span className="rocu-block rocu-muted">{contact.notes}</span> : null}
                    </td>
                    <td data-label="Advice" className="govuk-table__cell">
                      {contact.advice.length === 0 ? (
                        <span className="rocu-muted">None</span>
                      ) : (
                        <ul className="govuk-list govuk-!-margin-bottom-0">
                          {contact.advice.map((given) => (
                            <li key={given.slug}>
                              {given.title} <span className="rocu-muted">(version {given.version})</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td data-label="Follow up" className="govuk-table__cell">
                      {contact.followUpOn ? (
                        formatDate(contact.followUpOn)
                      ) : (
                        <span className="rocu-muted">None</span>
                      )}
                    </td>
                    <td data-label="Recorded by" className="govuk-table__cell">
                      {contact.recordedBy.name}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrapper>
        )
      ) : null}
      {canRecord ? (
        library.error ? (
          <LoadError error={library.error} retry={library.reload} />
        ) : library.data ? (
          <ContactForm
            key={recorded}
            referralId={referralId}
            library={library.data.items}
            onRecorded={(next) => {
              care.setData(next);
              setRecorded((count) => count + 1);
            }}
          />
        ) : (
          <Loading what="Loading the Protect advice library" />
        )
      ) : null}
    </section>
  );
}
