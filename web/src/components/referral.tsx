import type { Referral, ReferralSummary } from "../api.ts";
import { formatNumber } from "../format.ts";
import { Tag, type TagColour } from "./govuk.tsx";

export const referralPath = (id: string) => `/cyber-crime/referrals/${id}`;

export const STATUS_LABELS: Record<ReferralSummary["status"], string> = {
  "awaiting-triage": "Awaiting triage",
  allocated: "Allocated",
  "victim-care-only": "Victim care only",
  "no-further-action": "No further action",
};
export const REFERRAL_STATUSES = Object.keys(STATUS_LABELS) as ReferralSummary["status"][];

export const UNIT_LABELS: Record<NonNullable<ReferralSummary["allocatedUnit"]>, string> = {
  ecu: "Economic Crime Unit (ECU)",
  fcid: "Force CID",
  ppu: "Public Protection Unit",
  "rocu-cyber": "ROCU cyber crime unit",
  nca: "National Crime Agency",
};
export const UNITS = Object.keys(UNIT_LABELS) as NonNullable<ReferralSummary["allocatedUnit"]>[];

export const VICTIM_TYPE_LABELS: Record<ReferralSummary["victimType"], string> = {
  individual: "Individual",
  business: "Business",
  organisation: "Organisation",
  charity: "Charity",
};
export const VICTIM_TYPES = Object.keys(VICTIM_TYPE_LABELS) as ReferralSummary["victimType"][];

export const AGE_BAND_LABELS: Record<ReferralSummary["victimAgeBand"], string> = {
  "under-18": "Under 18",
  "18-24": "18 to 24",
  "25-34": "25 to 34",
  "35-44": "35 to 44",
  "45-54": "45 to 54",
  "55-64": "55 to 64",
  "65-74": "65 to 74",
  "75-plus": "75 and over",
  unknown: "Not known",
  "not-applicable": "Not applicable (not a person)",
};
export const AGE_BANDS = Object.keys(AGE_BAND_LABELS) as ReferralSummary["victimAgeBand"][];

export const VULNERABILITY_LABELS: Record<ReferralSummary["vulnerability"], string> = {
  none: "Not vulnerable",
  some: "Some vulnerability",
  high: "Highly vulnerable",
};
export const VULNERABILITIES = Object.keys(VULNERABILITY_LABELS) as ReferralSummary["vulnerability"][];

export const SOURCE_LABELS: Record<Referral["source"], string> = {
  "action-fraud": "Action Fraud (NFIB)",
  "report-fraud": "Report Fraud (from December 2025)",
  direct: "Reported direct to the force",
};

export const CONTACT_PREFERENCE_LABELS: Record<Referral["victim"]["contactPreference"], string> = {
  phone: "Phone",
  email: "E-mail",
  letter: "Letter",
  visit: "Visit",
  none: "Does not want contact",
};

export const IDENTIFIER_LABELS: Record<Referral["suspectIdentifiers"][number]["kind"], string> = {
  email: "E-mail address",
  phone: "Phone number",
  url: "Website address",
  ip: "IP address",
  "crypto-wallet": "Crypto wallet",
  "bank-account": "Bank account",
  "social-handle": "Social media handle",
};
export const IDENTIFIER_KINDS = Object.keys(
  IDENTIFIER_LABELS,
) as Referral["suspectIdentifiers"][number]["kind"][];

export const BAND_COLOURS: Record<ReferralSummary["priority"]["band"], TagColour> = {
  P1: "red",
  P2: "orange",
  P3: "yellow",
  P4: "grey",
};

/** Whole pounds with separators, pence only when there are some: £1,250 or £1,250.50. */
export function formatPence(pence: number): string {
  const pounds = pence / 100;
  return Number.isInteger(pounds)
    ? `£${formatNumber(pounds)}`
    : `£${pounds.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function BandTag({ priority }: { priority: ReferralSummary["priority"] }) {
  return (
    <Tag colour={BAND_COLOURS[priority.band]}>
      {priority.band} · {formatNumber(priority.score)}
    </Tag>
  );
}

/** "2 days 3 hours" from milliseconds, to the hour (minutes under an hour). */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  const dayText = days > 0 ? `${days} day${days === 1 ? "" : "s"}` : "";
  const hourText = rest > 0 ? `${rest} hour${rest === 1 ? "" : "s"}` : "";
  return [dayText, hourText].filter(Boolean).join(" ");
}

/** The triage clock in words, red once overdue. */
export function ClockText({ clock }: { clock: ReferralSummary["clock"] }) {
  if (!clock) return <span className="rocu-muted">Triaged</span>;
  return clock.overdue ? (
    <strong className="rocu-text-error" data-testid="clock-overdue">
      Overdue by {formatDuration(clock.remainingMs)}
    </strong>
  ) : (
    <span data-testid="clock-due">Due in {formatDuration(clock.remainingMs)}</span>
  );
}

/** "High vulnerability 30, £10,000 to £99,999 18, …": the factors that scored, for the queue. */
export function reasonsText(priority: ReferralSummary["priority"]): string {
  const scored = priority.reasons.filter((reason) => reason.points > 0);
  return scored.length === 0
    ? "No factor scored"
    : scored.map((reason) => `${reason.label} (${formatNumber(reason.points)})`).join(", ");
}

export function decisionText(referral: Pick<ReferralSummary, "status" | "allocatedUnit">): string {
  return referral.status === "allocated" && referral.allocatedUnit
    ? `Allocated to ${UNIT_LABELS[referral.allocatedUnit]}`
    : STATUS_LABELS[referral.status];
}

/** "Individual, 75 and over"; a business or other body has no age band to give. */
export function victimText(referral: Pick<ReferralSummary, "victimType" | "victimAgeBand">): string {
  const type = VICTIM_TYPE_LABELS[referral.victimType];
  return referral.victimAgeBand === "not-applicable"
    ? type
    : `${type}, ${AGE_BAND_LABELS[referral.victimAgeBand].toLowerCase()}`;
}
