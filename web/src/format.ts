/** Presentation helpers: dates as "3 April 2019" in text, times in UK local time. */

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
  timeZone: "Europe/London",
});

function parse(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "23 November 2026" */
export function formatDate(value: string | null | undefined, empty = "Never"): string {
  const date = parse(value);
  return date ? dateFormat.format(date) : empty;
}

/** "23 November 2026 09:14" */
export function formatDateTime(value: string | null | undefined, empty = "Never"): string {
  const date = parse(value);
  return date ? `${dateFormat.format(date)} ${timeFormat.format(date)}` : empty;
}

export function formatNumber(value: number): string {
  return value.toLocaleString("en-GB");
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

const ROLE_LABELS: Record<string, string> = {
  admin: "Administrator",
  analyst: "Analyst",
  investigator: "Investigator",
  supervisor: "Supervisor",
  moderator: "Moderator",
  finance: "Finance",
  protect: "Protect officer",
  prevent: "Prevent officer (Cyber Choices)",
  board: "Board member",
  applicant: "Applicant (funding bids)",
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

const SCOPE_LABELS: Record<string, string> = {
  force: "Force — records of their own force",
  region: "Region — records of every force in their region",
  national: "National — records of every force",
};

export function scopeLabel(scope: string, long = false): string {
  if (long) return SCOPE_LABELS[scope] ?? scope;
  return scope.charAt(0).toUpperCase() + scope.slice(1);
}

export function kindLabel(kind: string): string {
  if (kind === "rocu") return "ROCU";
  if (kind === "force") return "Police force";
  if (kind === "national") return "National body";
  if (kind === "opcc") return "Office of the Police and Crime Commissioner";
  if (kind === "csp") return "Community Safety Partnership";
  return kind;
}

/** Render any audit value (string, number, array, object) as short text. */
export function auditValue(value: unknown): string {
  if (value === undefined) return "—";
  if (value === null) return "(empty)";
  if (typeof value === "string") return value === "" ? "(empty)" : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.map((item) => auditValue(item)).join(", ");
  return JSON.stringify(value);
}
