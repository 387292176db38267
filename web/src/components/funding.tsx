/** Words, paths and small pieces shared by the Funding pages. */
import {
  type BidStatus,
  type CostCategory,
  type CrimeArea,
  costCategories,
  crimeAreas,
  type DecisionOutcome,
  fundingSourceNames,
  fundingSources,
} from "#src/features/funding/vocabulary.ts";
import { parsePounds } from "#src/lib/money.ts";
import { CLEARANCES, type Clearance, type Me } from "../api.ts";
import { type Option, Tag, type TagColour } from "./govuk.tsx";
import { SectionNav, type SectionPage } from "./SectionNav.tsx";

const PAGES: readonly SectionPage[] = [
  { to: "/funding/bids", label: "Bids", permissions: ["funding.bids.read"] },
  { to: "/funding/decisions", label: "Decisions", permissions: ["funding.read"] },
  { to: "/funding/pots", label: "Pots", permissions: ["funding.read"] },
  { to: "/funding/formulas", label: "Formulas", permissions: ["funding.read"] },
  { to: "/funding/streams", label: "Funding streams", permissions: ["funding.read"] },
  { to: "/funding/posts", label: "Staff posts", permissions: ["funding.read"] },
  { to: "/funding/contributions", label: "Contributions", permissions: ["funding.read"] },
  { to: "/funding/reports", label: "Reports", permissions: ["funding.read"] },
];

/** Section navigation shown at the top of every Funding page. */
export function FundingNav() {
  return <SectionNav label="Funding" pages={PAGES} />;
}

export const formulaPath = (id: string, rest = "") => `/funding/formulas/${encodeURIComponent(id)}${rest}`;
export const streamPath = (id: string, rest = "") => `/funding/streams/${encodeURIComponent(id)}${rest}`;
export const bidPath = (id: string, rest = "") => `/funding/bids/${encodeURIComponent(id)}${rest}`;
export const potPath = (id: string, rest = "") => `/funding/pots/${encodeURIComponent(id)}${rest}`;
export const postPath = (id: string, rest = "") => `/funding/posts/${encodeURIComponent(id)}${rest}`;

const BID_STATUSES: Record<BidStatus, { label: string; colour: TagColour }> = {
  draft: { label: "Draft", colour: "grey" },
  submitted: { label: "Submitted", colour: "blue" },
  "under-board-review": { label: "Under board review", colour: "purple" },
  recommended: { label: "Recommended", colour: "turquoise" },
  "more-information-requested": { label: "More information requested", colour: "yellow" },
  "not-recommended": { label: "Not recommended", colour: "red" },
  approved: { label: "Approved", colour: "green" },
  "approved-with-conditions": { label: "Approved with conditions", colour: "green" },
  declined: { label: "Declined", colour: "red" },
  funded: { label: "Funded", colour: "blue" },
  closed: { label: "Closed", colour: "grey" },
};

export function bidStatusLabel(status: BidStatus): string {
  return BID_STATUSES[status].label;
}

/** A bid's status as a coloured tag whose text says it, so colour is never the only sign. */
export function BidStatusTag({ status }: { status: BidStatus }) {
  return <Tag colour={BID_STATUSES[status].colour}>{BID_STATUSES[status].label}</Tag>;
}

export const BID_STATUS_OPTIONS: Option[] = Object.entries(BID_STATUSES).map(([value, { label }]) => ({
  value,
  label,
}));

const CRIME_AREA_LABELS: Record<CrimeArea, string> = {
  rural: "Rural crime",
  business: "Business crime",
  cyber: "Cyber crime",
  fraud: "Fraud",
  drugs: "Drugs",
  exploitation: "Exploitation",
  violence: "Violence",
  other: "Other",
};

export function crimeAreaLabel(area: CrimeArea): string {
  return CRIME_AREA_LABELS[area];
}

export const CRIME_AREA_OPTIONS: Option[] = crimeAreas.map((area) => ({
  value: area,
  label: CRIME_AREA_LABELS[area],
}));

export const STRAND_OPTIONS: Option[] = [
  { value: "pursue", label: "Pursue" },
  { value: "prevent", label: "Prevent" },
  { value: "protect", label: "Protect" },
  { value: "prepare", label: "Prepare" },
];

export function strandLabel(strand: string): string {
  return STRAND_OPTIONS.find((option) => option.value === strand)?.label ?? strand;
}

const OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  approved: "Approved",
  "approved-with-conditions": "Approved with conditions",
  declined: "Declined",
};

export function outcomeLabel(outcome: DecisionOutcome): string {
  return OUTCOME_LABELS[outcome];
}

export const OUTCOME_OPTIONS: Option[] = Object.entries(OUTCOME_LABELS).map(([value, label]) => ({
  value,
  label,
}));

export const SOURCE_OPTIONS: Option[] = fundingSources.map((source) => ({
  value: source,
  label: fundingSourceNames[source],
}));

const CATEGORY_LABELS: Record<CostCategory, string> = {
  staff: "Staff",
  overtime: "Overtime",
  hardware: "Hardware",
  software: "Software",
  accommodation: "Accommodation",
  licensing: "Licensing",
  vehicles: "Vehicles",
  equipment: "Equipment",
  training: "Training",
  travel: "Travel",
  communications: "Communications",
  other: "Other",
};

export function categoryLabel(category: CostCategory): string {
  return CATEGORY_LABELS[category];
}

const LIST_FORMAT = new Intl.ListFormat("en-GB", { type: "conjunction" });

/** "staff and equipment", as a sentence says them. */
export function categoryList(categories: readonly CostCategory[]): string {
  return LIST_FORMAT.format(categories.map((category) => CATEGORY_LABELS[category].toLowerCase()));
}

export const CATEGORY_OPTIONS: Option[] = costCategories.map((category) => ({
  value: category,
  label: CATEGORY_LABELS[category],
}));

/** "2018/19" for the financial year starting in April 2018. */
export function financialYearName(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/** The financial year today falls in, in UK time: it starts on 1 April. */
export function currentFinancialYear(today = new Date()): number {
  const [year = "1970", month = "01"] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" })
    .format(today)
    .split("-");
  return Number(month) >= 4 ? Number(year) : Number(year) - 1;
}

/** The years people record money for: from 2015/16 (before the first ROCU grants here) to three ahead. */
export function financialYearOptions(today = new Date()): Option[] {
  const last = currentFinancialYear(today) + 3;
  const options: Option[] = [];
  for (let year = 2015; year <= last; year += 1) {
    const name = financialYearName(year);
    options.push({ value: name, label: name });
  }
  return options;
}

const MONTH_NAMES = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });

/** "April 2018" for the month "2018-04". */
export function monthLabel(month: string): string {
  const [year = "", number = ""] = month.split("-");
  const date = new Date(Date.UTC(Number(year), Number(number) - 1, 1));
  return Number.isNaN(date.getTime()) ? month : `${MONTH_NAMES.format(date)} ${year}`;
}

/** The months of a financial year, April to March: "2018-04" … "2019-03" for "2018/19". */
export function monthsOfYear(financialYear: string): string[] {
  const start = Number(financialYear.slice(0, 4));
  return Array.from({ length: 12 }, (_, index) => {
    const year = start + (index >= 9 ? 1 : 0);
    return `${year}-${String(((index + 3) % 12) + 1).padStart(2, "0")}`;
  });
}

/**
 * Reads an amount typed in pounds as pence, or says what is wrong with it in the words of the
 * field it came from ("the amount for 2018/19"), as GOV.UK error messages do.
 */
export function readPounds(text: string, what: string): { pence: number } | { error: string } {
  const typed = text.trim();
  const capitalised = `${what.charAt(0).toUpperCase()}${what.slice(1)}`;
  if (typed === "") return { error: `Enter ${what}` };
  if (/\.\d{3,}$/.test(typed)) {
    return { error: `${capitalised} must be to the penny, with no more than 2 decimal places` };
  }
  try {
    const pence = parsePounds(typed);
    if (pence < 0) return { error: `${capitalised} cannot be negative` };
    return { pence };
  } catch {
    return { error: `${capitalised} must be an amount in pounds, like 250,000 or 1234.50` };
  }
}

/** The same rule the server applies to money (finance users, the record in their scope, up to their clearance). */
export function mayManageFunding(
  me: Me | null | undefined,
  record: { forceId: string | null; regionId: string | null; classification: Clearance },
): boolean {
  if (!me?.permissions.includes("funding.manage")) return false;
  if (CLEARANCES.indexOf(me.clearance) < CLEARANCES.indexOf(record.classification)) return false;
  if (me.scope === "national") return true;
  if (me.scope === "region") return record.regionId !== null && me.regionId === record.regionId;
  return record.forceId !== null && me.forceId === record.forceId;
}

/** The links that download a report as CSV and as an Excel workbook, named for screen readers. */
export function SpreadsheetDownloads({
  title,
  fileUrl,
}: {
  title: string;
  fileUrl: (format: "csv" | "xlsx") => string;
}) {
  return (
    <ul className="govuk-list">
      <li>
        <a className="govuk-link" href={fileUrl("csv")} download>
          Download CSV<span className="govuk-visually-hidden">: {title}</span>
        </a>
      </li>
      <li>
        <a className="govuk-link" href={fileUrl("xlsx")} download>
          Download Excel<span className="govuk-visually-hidden">: {title}</span>
        </a>
      </li>
    </ul>
  );
}
