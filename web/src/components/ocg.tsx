/** Words, tags and small pieces shared by the organised crime pages. */
import {
  api,
  type OcgLevel,
  type OcgStatus,
  type PlanActionStatus,
  type ScoringModel,
  type Strand,
} from "../api.ts";
import { useAsync } from "../hooks.ts";
import { Tag, type TagColour } from "./govuk.tsx";

export const STATUS_LABELS: Record<OcgStatus, string> = {
  active: "Active",
  dormant: "Dormant",
  archived: "Archived",
};
const STATUS_COLOURS: Record<OcgStatus, TagColour> = { active: "blue", dormant: "yellow", archived: "grey" };

export function OcgStatusTag({ status }: { status: OcgStatus }) {
  return <Tag colour={STATUS_COLOURS[status] ?? "grey"}>{STATUS_LABELS[status] ?? status}</Tag>;
}

export const LEVEL_LABELS: Record<OcgLevel, string> = {
  local: "Local (neighbourhood)",
  "force-theme": "Force priority — demand or theme led",
  "force-dedicated": "Force priority — dedicated OCG",
  regional: "Regional priority (ROCU led)",
  national: "National priority (NCA led)",
};

// Every list of values below is typed by the server's schemas: a value added there fails to compile here.
export const OCG_STATUSES = Object.keys(STATUS_LABELS) as OcgStatus[];
export const OCG_LEVELS = Object.keys(LEVEL_LABELS) as OcgLevel[];

export const STRAND_LABELS: Record<Strand, string> = {
  pursue: "Pursue",
  prevent: "Prevent",
  protect: "Protect",
  prepare: "Prepare",
};

export const STRANDS = Object.keys(STRAND_LABELS) as Strand[];

export const STRAND_HINTS: Record<Strand, string> = {
  pursue: "Investigate, disrupt and prosecute",
  prevent: "Stop people getting involved",
  protect: "Reduce vulnerability of people, places and businesses",
  prepare: "Reduce the impact when it happens",
};

export const ACTION_STATUS_LABELS: Record<PlanActionStatus, string> = {
  open: "Open",
  "in-progress": "In progress",
  done: "Done",
  cancelled: "Cancelled",
};
export const PLAN_ACTION_STATUSES = Object.keys(ACTION_STATUS_LABELS) as PlanActionStatus[];

const ACTION_STATUS_COLOURS: Record<PlanActionStatus, TagColour> = {
  open: "blue",
  "in-progress": "turquoise",
  done: "green",
  cancelled: "grey",
};

export function ActionStatusTag({ status, overdue }: { status: PlanActionStatus; overdue?: boolean }) {
  return (
    <span className="rocu-tags">
      <Tag colour={ACTION_STATUS_COLOURS[status] ?? "grey"}>{ACTION_STATUS_LABELS[status] ?? status}</Tag>
      {overdue ? <Tag colour="red">Overdue</Tag> : null}
    </span>
  );
}

/** A band's colour by its place among the model's bands (highest first), or by its name. */
function bandColour(band: string, bandsHighestFirst?: readonly string[]): TagColour {
  const index = bandsHighestFirst?.indexOf(band) ?? -1;
  if (bandsHighestFirst && index >= 0) {
    const palette: TagColour[] = ["red", "orange", "yellow", "green"];
    const position = Math.round((index / Math.max(1, bandsHighestFirst.length - 1)) * (palette.length - 1));
    return palette[position] ?? "grey";
  }
  const name = band.toLowerCase();
  if (/very high|critical|severe|^a$|^1$/.test(name)) return "red";
  if (/high|^b$|^2$/.test(name)) return "orange";
  if (/medium|moderate|^c$|^3$/.test(name)) return "yellow";
  if (/low|^d$|^4$/.test(name)) return "green";
  return "grey";
}

export function bandLabel(band: string): string {
  const text = band.replace(/[-_]/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function BandTag({ band, bands }: { band: string | null | undefined; bands?: readonly string[] }) {
  if (!band) return <span className="rocu-muted">Not scored</span>;
  return <Tag colour={bandColour(band, bands)}>{bandLabel(band)}</Tag>;
}

export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined) return "—";
  return (Math.round(score * 10) / 10).toLocaleString("en-GB", { maximumFractionDigits: 1 });
}

/** "up 3", "down 2", "no change", "new" — an arrow for the eye and the words for everyone. */
export function Movement({ movement }: { movement: number | null | undefined }) {
  if (movement === null || movement === undefined) return <span className="rocu-muted">Not ranked</span>;
  if (movement === 0)
    return (
      <span className="rocu-movement">
        <span aria-hidden="true">→ </span>no change
      </span>
    );
  const up = movement > 0;
  return (
    <span className={`rocu-movement rocu-movement--${up ? "up" : "down"}`}>
      <span aria-hidden="true">{up ? "▲ " : "▼ "}</span>
      {up ? "up" : "down"} {Math.abs(movement)}
    </span>
  );
}

/** Splits "a, b" or one per line into a clean list. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** Today as YYYY-MM-DD in UK local time. */
export function todayIso(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
}

/** The model's band names, highest first. */
export function bandsOf(model: ScoringModel | undefined): string[] {
  if (!model) return [];
  return [...model.definition.bands].sort((a, b) => b.minScore - a.minScore).map((band) => band.band);
}

/** The scoring models, and the one in force. */
export function useScoringModels() {
  const models = useAsync(() => api.scoringModels(), []);
  const items = models.data?.items ?? [];
  const active = items.find((model) => model.status === "active");
  return { ...models, items, active, bands: bandsOf(active) };
}
