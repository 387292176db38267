/** Typed client for the ROCU Hub JSON API (/api/v1). */

import type { z } from "zod";
import type { auditEvent, auditQuery, verdict } from "#src/audit/schema.ts";
import type { Classification, Role, Scope, TokenScope } from "#src/auth/vocabulary.ts";
import type { instanceResponse, me } from "#src/features/auth/schema.ts";
import type {
  createCyberChoicesBody,
  cyberChoicesRecord,
  cyberChoicesSummary,
  listCyberChoicesQuery,
  updateCyberChoicesBody,
} from "#src/features/cyber-choices/schema.ts";
import type { cyberDashboard, dashboardQuery } from "#src/features/cyber-dashboard/schema.ts";
import type {
  agendaItem,
  claim,
  claimSummary,
  createClaimBody,
  createPanelBody,
  decisionBody,
  totals as disruptionTotals,
  totalsQuery as disruptionTotalsQuery,
  listClaimsQuery,
  listPanelsQuery,
  panel,
  panelSummary,
  updateClaimBody,
  updatePanelBody,
} from "#src/features/disruptions/schema.ts";
import type {
  bid,
  bidPage,
  bidStatusBody,
  createBidBody,
  createDecisionBody,
  createPotBody,
  decision,
  decisionPage,
  listBidsQuery,
  listDecisionsQuery,
  listPotsQuery,
  pot,
  potPage,
  reviewBidBody,
  submitBidBody,
  updateBidBody,
  updatePotBody,
} from "#src/features/funding/bids-schema.ts";
import type {
  createPostBody,
  createSettlementBody,
  listPostsQuery,
  post,
  postPage,
  reconciliation,
  settlement,
  updatePostBody,
} from "#src/features/funding/posts-schema.ts";
import type { report, reportQuery } from "#src/features/funding/reports-schema.ts";
import type {
  createFormulaBody,
  createFormulaVersionBody,
  createStreamBody,
  formula,
  listFormulasQuery,
  listStreamsQuery,
  split,
  splitBody,
  stream,
  streamPage,
  updateStreamBody,
} from "#src/features/funding/schema.ts";
import type {
  listSpendQuery,
  monitoring,
  monitoringQuery,
  recordedSpend,
  recordSpendBody,
  spendPage,
} from "#src/features/funding/spend-schema.ts";
import type { importColumns, importReport } from "#src/features/imports/schema.ts";
import type {
  changeStatusBody,
  createOcgBody,
  createPlanActionBody,
  listOcgsQuery,
  listPlanActionsQuery,
  ocg,
  ocgSummary,
  planAction,
  planActionWithOcg,
  timelineItem,
  updateOcgBody,
  updatePlanActionBody,
} from "#src/features/ocgs/schema.ts";
import type {
  changeOperationStatusBody,
  createOperationBody,
  listOperationsQuery,
  operation,
  updateOperationBody,
} from "#src/features/operations/schema.ts";
import type {
  createOutcomeBody,
  listOutcomesQuery,
  outcome,
  outcomeTotals,
  totalsQuery,
  updateOutcomeBody,
} from "#src/features/outcomes/schema.ts";
import type {
  adviceHistory,
  adviceVersion,
  createAdviceBody,
  newVersionBody,
} from "#src/features/protect-advice/schema.ts";
import type {
  createOrganisationBody,
  createUnitTypeBody,
  crimeType,
  force,
  nfibCode,
  organisation,
  region,
  unitType,
} from "#src/features/reference/schema.ts";
import type { importColumnList, importRun, importRunSummary } from "#src/features/referrals/import/schema.ts";
import type { referralInput } from "#src/features/referrals/intake.ts";
import type {
  intakeResult,
  listReferralsQuery,
  referral,
  referralPage,
  triageDecisionBody,
} from "#src/features/referrals/schema.ts";
import type { triageSettings } from "#src/features/referrals/settings.ts";
import type { Dimension, ModelDefinition } from "#src/features/scoring/model.ts";
import type {
  assessment,
  assessmentHistory,
  createAssessmentBody,
  priorityList,
  priorityListQuery,
  scoringModel,
  updateAssessmentBody,
} from "#src/features/scoring/schema.ts";
import type { createTokenBody, token } from "#src/features/tokens/schema.ts";
import type {
  createUserBody,
  listUsersQuery,
  organisationSummary,
  updateUserBody,
  user,
} from "#src/features/users/schema.ts";
import type { contactBody, victimCare, waitingList, waitingQuery } from "#src/features/victim-care/schema.ts";

// The API's shapes come from the server's own zod schemas, so the UI cannot drift from them.
export { classifications as CLEARANCES, roles as ROLES, scopes as SCOPES } from "#src/auth/vocabulary.ts";
export type { Role, Scope, TokenScope };
export type Clearance = Classification;
export type OrganisationRef = z.infer<typeof organisationSummary>;
export type OrganisationKind = OrganisationRef["kind"];
export type Instance = z.infer<typeof instanceResponse>;
export type Me = z.infer<typeof me>;
export type User = z.infer<typeof user>;
export type Token = z.infer<typeof token>;
export type Organisation = z.infer<typeof organisation>;
export type UnitType = z.infer<typeof unitType>;
export type Force = z.infer<typeof force>;
export type Region = z.infer<typeof region>;
export type CrimeType = z.infer<typeof crimeType>;
export type NfibCode = z.infer<typeof nfibCode>;
export type AuditEvent = z.infer<typeof auditEvent>;
export type FieldChange = AuditEvent["changes"][string];
export type AuditVerification = z.infer<typeof verdict>;
export type NewUser = z.input<typeof createUserBody>;
export type UserChanges = z.input<typeof updateUserBody>;
export type NewToken = z.input<typeof createTokenBody>;
export type NewUnitType = z.input<typeof createUnitTypeBody>;
export type NewOrganisation = z.input<typeof createOrganisationBody>;
/** List filters as they come from the page's URL: the server validates them and names any that are wrong. */
type QueryOf<Schema extends z.ZodType> = { [Key in keyof z.infer<Schema>]?: string | number };
export type UserListQuery = QueryOf<typeof listUsersQuery>;
export type OcgListQuery = QueryOf<typeof listOcgsQuery>;
export type PlanActionQuery = QueryOf<typeof listPlanActionsQuery>;
export type AuditQuery = QueryOf<typeof auditQuery>;
export type Permission = Me["permissions"][number];

export type OcgSummary = z.infer<typeof ocgSummary>;
export type Ocg = z.infer<typeof ocg>;
export type OcgStatus = Ocg["status"];
export type OcgLevel = Ocg["level"];
export type PlanAction = z.infer<typeof planAction>;
export type PlanActionWithOcg = z.infer<typeof planActionWithOcg>;
export type Strand = PlanAction["strand"];
export type PlanActionStatus = PlanAction["status"];
export type TimelineEntry = z.infer<typeof timelineItem>;
export type NewOcg = z.input<typeof createOcgBody>;
export type OcgChanges = z.input<typeof updateOcgBody>;
export type OcgStatusChange = z.input<typeof changeStatusBody>;
export type NewPlanAction = z.input<typeof createPlanActionBody>;
export type PlanActionChanges = z.input<typeof updatePlanActionBody>;
export type { Dimension, ModelDefinition };
export type ScoringModel = z.infer<typeof scoringModel>;
export type Assessment = z.infer<typeof assessment>;
export type AssessmentWithChanges = z.infer<typeof assessmentHistory>["items"][number];
export type AssessmentChange = NonNullable<AssessmentWithChanges["changes"]>;
export type NewAssessment = z.input<typeof createAssessmentBody>;
export type AssessmentChanges = z.input<typeof updateAssessmentBody>;
export type Ratings = NewAssessment["ratings"];
export type PriorityList = z.infer<typeof priorityList>;
export type PriorityEntry = PriorityList["items"][number];
export type PriorityListQuery = QueryOf<typeof priorityListQuery>;
export type ImportReport = z.infer<typeof importReport>;
export type ImportKind = ImportReport["kind"];
export type ImportMode = ImportReport["mode"];
export type ImportColumns = z.infer<typeof importColumns>;
export type LineError = ImportReport["errors"][number];
export type Operation = z.infer<typeof operation>;
export type OperationStatus = Operation["status"];
export type OperationListQuery = QueryOf<typeof listOperationsQuery>;
export type NewOperation = z.input<typeof createOperationBody>;
export type OperationChanges = z.input<typeof updateOperationBody>;
export type OperationStatusChange = z.input<typeof changeOperationStatusBody>;
export type Outcome = z.infer<typeof outcome>;
export type OutcomeKind = Outcome["kind"];
export type Commodity = NonNullable<Outcome["commodity"]>;
export type SafeguardedGroup = NonNullable<Outcome["safeguardedGroup"]>;
export type OutcomeUnit = Outcome["unit"];
export type OutcomeListQuery = QueryOf<typeof listOutcomesQuery>;
export type NewOutcome = z.input<typeof createOutcomeBody>;
export type OutcomeChanges = z.input<typeof updateOutcomeBody>;
export type OutcomeTotals = z.infer<typeof outcomeTotals>;
export type OutcomeFigures = OutcomeTotals["total"];
export type OutcomeTotalsRow = OutcomeTotals["rows"][number];
export type OutcomeTotalsQuery = QueryOf<typeof totalsQuery>;
export type ClaimSummary = z.infer<typeof claimSummary>;
export type Claim = z.infer<typeof claim>;
export type ClaimStatus = Claim["status"];
export type Grade = Claim["claimedGrade"];
export type ClaimAction = Claim["allowedActions"][number];
export type ClaimDecision = Claim["decisions"][number];
export type PanelDecision = ClaimDecision["decision"];
export type ClaimListQuery = QueryOf<typeof listClaimsQuery>;
export type NewClaim = z.input<typeof createClaimBody>;
export type ClaimChanges = z.input<typeof updateClaimBody>;
export type Decision = z.input<typeof decisionBody>;
export type DisruptionTotals = z.infer<typeof disruptionTotals>;
export type DisruptionTotalsRow = DisruptionTotals["rows"][number];
export type DisruptionTotalsQuery = QueryOf<typeof disruptionTotalsQuery>;
export type PanelSummary = z.infer<typeof panelSummary>;
export type Panel = z.infer<typeof panel>;
export type PanelStatus = Panel["status"];
export type AgendaItem = z.infer<typeof agendaItem>;
export type PanelListQuery = QueryOf<typeof listPanelsQuery>;
export type NewPanel = z.input<typeof createPanelBody>;
export type Referral = z.infer<typeof referral>;
export type ReferralPage = z.infer<typeof referralPage>;
export type ReferralSummary = ReferralPage["items"][number];
export type ReferralListQuery = QueryOf<typeof listReferralsQuery>;
export type NewReferral = z.input<typeof referralInput>;
export type IntakeResult = z.infer<typeof intakeResult>;
export type TriageDecision = z.input<typeof triageDecisionBody>;
export type TriageSettings = z.infer<typeof triageSettings>;
export type CyberDashboard = z.infer<typeof cyberDashboard>;
export type CyberDashboardQuery = QueryOf<typeof dashboardQuery>;
export type PanelChanges = z.input<typeof updatePanelBody>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  requestId?: string;
  errors?: FieldError[];
  /** An import's problems by line, when it refused a file with errors. */
  lines?: LineError[];
}

/** An error answer from the API, carrying its problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }

  get passwordChangeRequired(): boolean {
    return this.status === 403 && this.problem.type.endsWith("password_change_required");
  }
}

/** Listeners told about every "password change required" and "not signed in" answer. */
type Listener = (error: ApiError) => void;
const listeners = new Set<Listener>();
export function onApiError(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let csrfToken: string | null = null;

export async function refreshCsrfToken(): Promise<void> {
  const answer = await request<{ token: string }>("GET", "/auth/csrf", undefined, { quiet: true });
  csrfToken = answer.token;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "title" in value;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (isProblem(body)) {
    return new ApiError({ ...body, type: typeof body.type === "string" ? body.type : "about:blank" });
  }
  return new ApiError({
    type: "about:blank",
    title: response.statusText || "Request failed",
    status: response.status,
    detail:
      response.status >= 500
        ? "Sorry, there is a problem with the service. Try again later."
        : `The request failed (HTTP ${response.status}).`,
  });
}

interface RequestOptions {
  /** Do not tell the listeners about this error (used for bootstrap calls). */
  quiet?: boolean;
}

async function request<T>(
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") {
    if (csrfToken === null) await refreshCsrfToken();
    if (csrfToken !== null) headers["x-csrf-token"] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({
      type: "about:blank",
      title: "Network error",
      status: 0,
      detail: "ROCU Hub could not be reached. Check your connection and try again.",
    });
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (!options.quiet) for (const listener of listeners) listener(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const api = {
  instance: () => request<Instance>("GET", "/instance", undefined, { quiet: true }),
  login: (email: string, password: string) =>
    request<{ user: Me }>("POST", "/auth/login", { email, password }, { quiet: true }),
  logout: () => request<void>("POST", "/auth/logout"),
  me: () => request<Me>("GET", "/me", undefined, { quiet: true }),
  changeMyPassword: (currentPassword: string, newPassword: string) =>
    request<void>("POST", "/me/password", { currentPassword, newPassword }),

  tokens: (userId?: string) => request<{ items: Token[] }>("GET", `/tokens${query({ userId })}`),
  createToken: (input: NewToken) => request<{ token: Token; secret: string }>("POST", "/tokens", input),
  revokeToken: (id: string) => request<void>("DELETE", `/tokens/${encodeURIComponent(id)}`),

  users: (q: UserListQuery) => request<Page<User>>("GET", `/users${query({ ...q })}`),
  user: (id: string) => request<User>("GET", `/users/${encodeURIComponent(id)}`),
  createUser: (input: NewUser) => request<User>("POST", "/users", input),
  updateUser: (id: string, changes: UserChanges) =>
    request<User>("PATCH", `/users/${encodeURIComponent(id)}`, changes),
  disableUser: (id: string) => request<User>("POST", `/users/${encodeURIComponent(id)}/disable`),
  enableUser: (id: string) => request<User>("POST", `/users/${encodeURIComponent(id)}/enable`),
  resetPassword: (id: string, password: string) =>
    request<void>("POST", `/users/${encodeURIComponent(id)}/password`, { password }),

  organisations: () => request<{ items: Organisation[] }>("GET", "/organisations"),
  createOrganisation: (input: NewOrganisation) => request<Organisation>("POST", "/organisations", input),
  forces: () => request<{ items: Force[] }>("GET", "/forces"),
  regions: () => request<{ items: Region[] }>("GET", "/regions"),
  unitTypes: () => request<{ items: UnitType[] }>("GET", "/unit-types"),
  createUnitType: (input: NewUnitType) => request<UnitType>("POST", "/unit-types", input),

  crimeTypes: () => request<{ items: CrimeType[] }>("GET", "/crime-types"),
  ocgs: (q: OcgListQuery) => request<Page<OcgSummary>>("GET", `/ocgs${query({ ...q })}`),
  ocg: (id: string) => request<Ocg>("GET", `/ocgs/${encodeURIComponent(id)}`),
  createOcg: (input: NewOcg) => request<Ocg>("POST", "/ocgs", input),
  updateOcg: (id: string, changes: OcgChanges) =>
    request<Ocg>("PATCH", `/ocgs/${encodeURIComponent(id)}`, changes),
  changeOcgStatus: (id: string, change: OcgStatusChange) =>
    request<Ocg>("POST", `/ocgs/${encodeURIComponent(id)}/status`, change),
  ocgTimeline: (id: string) =>
    request<{ items: TimelineEntry[] }>("GET", `/ocgs/${encodeURIComponent(id)}/timeline`),
  addPlanAction: (ocgId: string, input: NewPlanAction) =>
    request<PlanAction>("POST", `/ocgs/${encodeURIComponent(ocgId)}/plan-actions`, input),
  updatePlanAction: (id: string, changes: PlanActionChanges) =>
    request<PlanAction>("PATCH", `/plan-actions/${encodeURIComponent(id)}`, changes),
  planActions: (q: PlanActionQuery) =>
    request<Page<PlanActionWithOcg>>("GET", `/plan-actions${query({ ...q })}`),

  scoringModels: () => request<{ items: ScoringModel[] }>("GET", "/scoring-models"),
  assessments: (ocgId: string) =>
    request<{ items: AssessmentWithChanges[] }>("GET", `/ocgs/${encodeURIComponent(ocgId)}/assessments`),
  assessment: (id: string) => request<Assessment>("GET", `/assessments/${encodeURIComponent(id)}`),
  createAssessment: (ocgId: string, input: NewAssessment) =>
    request<Assessment>("POST", `/ocgs/${encodeURIComponent(ocgId)}/assessments`, input),
  updateAssessment: (id: string, changes: AssessmentChanges) =>
    request<Assessment>("PATCH", `/assessments/${encodeURIComponent(id)}`, changes),
  finaliseAssessment: (id: string) =>
    request<Assessment>("POST", `/assessments/${encodeURIComponent(id)}/finalise`),
  priorityList: (q: PriorityListQuery) => request<PriorityList>("GET", `/priority-list${query({ ...q })}`),

  audit: (q: AuditQuery) => request<Page<AuditEvent>>("GET", `/audit${query({ ...q })}`),
  verifyAudit: () => request<AuditVerification>("GET", "/audit/verify"),

  importColumns: (kind: ImportKind) => request<ImportColumns>("GET", `/imports/${kind}/columns`),
  importFile: (kind: ImportKind, csv: string, mode: ImportMode) =>
    request<ImportReport>("POST", `/imports/${kind}`, { csv, mode }),

  operations: (q: OperationListQuery) => request<Page<Operation>>("GET", `/operations${query({ ...q })}`),
  operation: (id: string) => request<Operation>("GET", `/operations/${encodeURIComponent(id)}`),
  createOperation: (input: NewOperation) => request<Operation>("POST", "/operations", input),
  updateOperation: (id: string, changes: OperationChanges) =>
    request<Operation>("PATCH", `/operations/${encodeURIComponent(id)}`, changes),
  changeOperationStatus: (id: string, change: OperationStatusChange) =>
    request<Operation>("POST", `/operations/${encodeURIComponent(id)}/status`, change),

  outcomes: (q: OutcomeListQuery) => request<Page<Outcome>>("GET", `/outcomes${query({ ...q })}`),
  outcome: (id: string) => request<Outcome>("GET", `/outcomes/${encodeURIComponent(id)}`),
  recordOutcome: (input: NewOutcome) => request<Outcome>("POST", "/outcomes", input),
  updateOutcome: (id: string, changes: OutcomeChanges) =>
    request<Outcome>("PATCH", `/outcomes/${encodeURIComponent(id)}`, changes),
  deleteOutcome: (id: string) => request<void>("DELETE", `/outcomes/${encodeURIComponent(id)}`),
  outcomeTotals: (q: OutcomeTotalsQuery) =>
    request<OutcomeTotals>("GET", `/outcomes/totals${query({ ...q })}`),
  cyberDashboard: (q: CyberDashboardQuery) =>
    request<CyberDashboard>("GET", `/cyber-dashboard${query({ ...q })}`),

  disruptions: (q: ClaimListQuery) => request<Page<ClaimSummary>>("GET", `/disruptions${query({ ...q })}`),
  disruption: (id: string) => request<Claim>("GET", `/disruptions/${encodeURIComponent(id)}`),
  claimDisruption: (input: NewClaim) => request<Claim>("POST", "/disruptions", input),
  updateDisruption: (id: string, changes: ClaimChanges) =>
    request<Claim>("PATCH", `/disruptions/${encodeURIComponent(id)}`, changes),
  submitDisruption: (id: string) => request<Claim>("POST", `/disruptions/${encodeURIComponent(id)}/submit`),
  decideDisruption: (id: string, decision: Decision) =>
    request<Claim>("POST", `/disruptions/${encodeURIComponent(id)}/decision`, decision),
  disruptionTotals: (q: DisruptionTotalsQuery) =>
    request<DisruptionTotals>("GET", `/disruptions/totals${query({ ...q })}`),
  panels: (q: PanelListQuery) => request<Page<PanelSummary>>("GET", `/panels${query({ ...q })}`),
  panel: (id: string) => request<Panel>("GET", `/panels/${encodeURIComponent(id)}`),
  createPanel: (input: NewPanel) => request<Panel>("POST", "/panels", input),
  updatePanel: (id: string, changes: PanelChanges) =>
    request<Panel>("PATCH", `/panels/${encodeURIComponent(id)}`, changes),
  refreshAgenda: (id: string) => request<Panel>("POST", `/panels/${encodeURIComponent(id)}/agenda`),
  closePanel: (id: string) => request<Panel>("POST", `/panels/${encodeURIComponent(id)}/close`),

  referrals: (q: ReferralListQuery) => request<ReferralPage>("GET", `/referrals${query({ ...q })}`),
  referral: (id: string) => request<Referral>("GET", `/referrals/${encodeURIComponent(id)}`),
  submitReferral: (input: NewReferral) => request<IntakeResult>("POST", "/referrals", input),
  triageReferral: (id: string, decision: TriageDecision) =>
    request<Referral>("POST", `/referrals/${encodeURIComponent(id)}/triage`, decision),
  reallocateReferral: (id: string, decision: TriageDecision) =>
    request<Referral>("POST", `/referrals/${encodeURIComponent(id)}/reallocation`, decision),
  triageSettings: () => request<TriageSettings>("GET", "/triage-settings"),
  nfibCodes: () => request<{ items: NfibCode[] }>("GET", "/nfib-codes"),
};

/** Where the browser downloads an import's CSV template (a plain link: the session cookie is enough). */
export const importTemplateUrl = (kind: ImportKind) => `/api/v1/imports/${kind}/template`;

/** A plain-English message for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

// Victim care, the Protect advice library and Cyber Choices.
export type AdviceVersion = z.infer<typeof adviceVersion>;
export type AdviceHistory = z.infer<typeof adviceHistory>;
export type AdviceAudience = AdviceVersion["audience"];
export type NewAdvice = z.input<typeof createAdviceBody>;
export type NewAdviceVersion = z.input<typeof newVersionBody>;
export type VictimCare = z.infer<typeof victimCare>;
export type VictimContact = VictimCare["contacts"][number];
export type ContactChannel = VictimContact["channel"];
export type ContactOutcome = VictimContact["outcome"];
export type ContactTarget = NonNullable<VictimCare["target"]>;
export type NewContact = z.input<typeof contactBody>;
export type WaitingList = z.infer<typeof waitingList>;
export type WaitingVictim = WaitingList["items"][number];
export type FollowUpDue = WaitingList["followUps"]["items"][number];
export type WaitingListQuery = QueryOf<typeof waitingQuery>;
export type CyberChoicesSummary = z.infer<typeof cyberChoicesSummary>;
export type CyberChoices = z.infer<typeof cyberChoicesRecord>;
export type CyberChoicesSource = CyberChoices["source"];
export type CyberChoicesIntervention = CyberChoices["interventions"][number];
export type CyberChoicesListQuery = QueryOf<typeof listCyberChoicesQuery>;
export type NewCyberChoices = z.input<typeof createCyberChoicesBody>;
export type CyberChoicesChanges = z.input<typeof updateCyberChoicesBody>;

export const victimCareApi = {
  victimCare: (referralId: string) =>
    request<VictimCare>("GET", `/referrals/${encodeURIComponent(referralId)}/contacts`),
  recordContact: (referralId: string, input: NewContact) =>
    request<VictimCare>("POST", `/referrals/${encodeURIComponent(referralId)}/contacts`, input),
  waitingVictims: (q: WaitingListQuery) =>
    request<WaitingList>("GET", `/victim-care/overdue${query({ ...q })}`),
};

export const adviceApi = {
  library: () => request<{ items: AdviceVersion[] }>("GET", "/protect-advice"),
  versions: (slug: string) => request<AdviceHistory>("GET", `/protect-advice/${encodeURIComponent(slug)}`),
  create: (input: NewAdvice) => request<AdviceHistory>("POST", "/protect-advice", input),
  publishVersion: (slug: string, input: NewAdviceVersion) =>
    request<AdviceHistory>("POST", `/protect-advice/${encodeURIComponent(slug)}/versions`, input),
};

export const cyberChoicesApi = {
  list: (q: CyberChoicesListQuery) =>
    request<Page<CyberChoicesSummary>>("GET", `/cyber-choices${query({ ...q })}`),
  get: (id: string) => request<CyberChoices>("GET", `/cyber-choices/${encodeURIComponent(id)}`),
  create: (input: NewCyberChoices) => request<CyberChoices>("POST", "/cyber-choices", input),
  update: (id: string, changes: CyberChoicesChanges) =>
    request<CyberChoices>("PATCH", `/cyber-choices/${encodeURIComponent(id)}`, changes),
};

// Funding reports: a year or quarter by stream, project or force, and its CSV and Excel files.
export type FundingReport = z.infer<typeof report>;
export type FundingReportRow = FundingReport["rows"][number];
export type FundingReportQuery = QueryOf<typeof reportQuery>;
const fundingReportPath = (q: FundingReportQuery) => `/funding/reports${query({ ...q })}`;
export const fundingReportsApi = {
  report: (q: FundingReportQuery) => request<FundingReport>("GET", fundingReportPath(q)),
  /** The address of the report as a file to download: "csv" or "xlsx". */
  fileUrl: (q: FundingReportQuery, format: "csv" | "xlsx") => `/api/v1${fundingReportPath({ ...q, format })}`,
};

// Funding: cost-sharing formulas and funding streams (decision 006).
export type Formula = z.infer<typeof formula>;
export type FormulaVersion = Formula["versions"][number];
export type FormulaListQuery = QueryOf<typeof listFormulasQuery>;
export type NewFormula = z.input<typeof createFormulaBody>;
export type NewFormulaVersion = z.input<typeof createFormulaVersionBody>;
export type Split = z.infer<typeof split>;
export type SplitRequest = z.input<typeof splitBody>;
export type FundingStream = z.infer<typeof stream>;
export type FundingStreamPage = z.infer<typeof streamPage>;
export type FundingStreamListQuery = QueryOf<typeof listStreamsQuery>;
export type NewFundingStream = z.input<typeof createStreamBody>;
export type FundingStreamChanges = z.input<typeof updateStreamBody>;

// Bids, commissioners' decisions and budget pots (decision 007).
export type Bid = z.infer<typeof bid>;
export type BidPage = z.infer<typeof bidPage>;
export type BidListQuery = QueryOf<typeof listBidsQuery>;
export type NewBid = z.input<typeof createBidBody>;
export type BidChanges = z.input<typeof updateBidBody>;
export type BidSubmission = z.input<typeof submitBidBody>;
export type BidReview = z.input<typeof reviewBidBody>;
export type BidStatusChange = z.input<typeof bidStatusBody>;
export type FundingDecision = z.infer<typeof decision>;
export type FundingDecisionPage = z.infer<typeof decisionPage>;
export type FundingDecisionListQuery = QueryOf<typeof listDecisionsQuery>;
export type NewFundingDecision = z.input<typeof createDecisionBody>;
export type Pot = z.infer<typeof pot>;
export type PotPage = z.infer<typeof potPage>;
export type PotListQuery = QueryOf<typeof listPotsQuery>;
export type NewPot = z.input<typeof createPotBody>;
export type PotChanges = z.input<typeof updatePotBody>;

const bidUrl = (id: string, rest = "") => `/funding/bids/${encodeURIComponent(id)}${rest}`;

export const fundingApi = {
  bids: (q: BidListQuery) => request<BidPage>("GET", `/funding/bids${query({ ...q })}`),
  bid: (id: string) => request<Bid>("GET", bidUrl(id)),
  createBid: (input: NewBid) => request<Bid>("POST", "/funding/bids", input),
  updateBid: (id: string, changes: BidChanges) => request<Bid>("PATCH", bidUrl(id), changes),
  submitBid: (id: string, input: BidSubmission) => request<Bid>("POST", bidUrl(id, "/submit"), input),
  reviewBid: (id: string, input: BidReview) => request<Bid>("POST", bidUrl(id, "/review"), input),
  setBidStatus: (id: string, input: BidStatusChange) => request<Bid>("POST", bidUrl(id, "/status"), input),
  recordDecision: (id: string, input: NewFundingDecision) =>
    request<FundingDecision>("POST", bidUrl(id, "/decisions"), input),
  decisions: (q: FundingDecisionListQuery) =>
    request<FundingDecisionPage>("GET", `/funding/decisions${query({ ...q })}`),
  pots: (q: PotListQuery) => request<PotPage>("GET", `/funding/pots${query({ ...q })}`),
  pot: (id: string) => request<Pot>("GET", `/funding/pots/${encodeURIComponent(id)}`),
  createPot: (input: NewPot) => request<Pot>("POST", "/funding/pots", input),
  updatePot: (id: string, changes: PotChanges) =>
    request<Pot>("PATCH", `/funding/pots/${encodeURIComponent(id)}`, changes),
  formulas: (q: FormulaListQuery) => request<Page<Formula>>("GET", `/funding/formulas${query({ ...q })}`),
  formula: (id: string) => request<Formula>("GET", `/funding/formulas/${encodeURIComponent(id)}`),
  createFormula: (input: NewFormula) => request<Formula>("POST", "/funding/formulas", input),
  addFormulaVersion: (id: string, input: NewFormulaVersion) =>
    request<Formula>("POST", `/funding/formulas/${encodeURIComponent(id)}/versions`, input),
  split: (id: string, input: SplitRequest) =>
    request<Split>("POST", `/funding/formulas/${encodeURIComponent(id)}/split`, input),
  streams: (q: FundingStreamListQuery) =>
    request<FundingStreamPage>("GET", `/funding/streams${query({ ...q })}`),
  stream: (id: string) => request<FundingStream>("GET", `/funding/streams/${encodeURIComponent(id)}`),
  createStream: (input: NewFundingStream) => request<FundingStream>("POST", "/funding/streams", input),
  updateStream: (id: string, changes: FundingStreamChanges) =>
    request<FundingStream>("PATCH", `/funding/streams/${encodeURIComponent(id)}`, changes),
};

// Spend monitoring: monthly actuals against a stream, the forecast and the scrutiny pack.
export type SpendMonitoring = z.infer<typeof monitoring>;
export type SpendMonitoringQuery = QueryOf<typeof monitoringQuery>;
export type SpendPage = z.infer<typeof spendPage>;
export type SpendListQuery = QueryOf<typeof listSpendQuery>;
export type SpendLine = SpendPage["items"][number];
export type NewSpend = z.input<typeof recordSpendBody>;

const streamUrl = (id: string, rest = "") => `/funding/streams/${encodeURIComponent(id)}${rest}`;

export const spendApi = {
  monitoring: (streamId: string, q: SpendMonitoringQuery) =>
    request<SpendMonitoring>("GET", streamUrl(streamId, `/monitoring${query({ ...q })}`)),
  lines: (q: SpendListQuery) => request<SpendPage>("GET", `/funding/spend${query({ ...q })}`),
  record: (streamId: string, input: NewSpend) =>
    request<z.infer<typeof recordedSpend>>("POST", streamUrl(streamId, "/spend"), input),
};

/** The monthly scrutiny pack as a spreadsheet: a plain link, so the browser downloads the file. */
export const scrutinyPackCsvUrl = (streamId: string, month: string) =>
  `/api/v1${streamUrl(streamId, `/scrutiny-pack${query({ month, format: "csv" })}`)}`;

export type ReferralImportRun = z.infer<typeof importRun>;
export type ReferralImportSummary = z.infer<typeof importRunSummary>;
export type ReferralImportColumns = z.infer<typeof importColumnList>;
export const referralImportTemplateUrl = "/api/v1/referral-imports/template.csv";

export const referralImportApi = {
  /**
   * Sends the file itself as the request body: the browser streams it from disk, so a file of a
   * million rows never has to fit in the page's memory.
   */
  upload: async (file: File): Promise<ReferralImportRun> => {
    if (csrfToken === null) await refreshCsrfToken();
    const type = /\.csv$/i.test(file.name) ? "text/csv" : "application/x-ndjson";
    let response: Response;
    try {
      response = await fetch(`/api/v1/referral-imports?fileName=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { accept: "application/json", "content-type": type, "x-csrf-token": csrfToken ?? "" },
        credentials: "same-origin",
        body: file,
      });
    } catch {
      throw new ApiError({
        type: "about:blank",
        title: "Network error",
        status: 0,
        detail: "The file could not be sent. Check your connection and try again.",
      });
    }
    if (!response.ok) {
      const error = await toApiError(response);
      for (const listener of listeners) listener(error);
      throw error;
    }
    return (await response.json()) as ReferralImportRun;
  },
  run: (id: string) => request<ReferralImportRun>("GET", `/referral-imports/${encodeURIComponent(id)}`),
  runs: () => request<{ items: ReferralImportSummary[] }>("GET", "/referral-imports"),
  columns: () => request<ReferralImportColumns>("GET", "/referral-imports/columns"),
};

// Staffing posts and the contributions reconciliation (decision 008).
export type FundingPost = z.infer<typeof post>;
export type FundingPostPage = z.infer<typeof postPage>;
export type FundingPostListQuery = QueryOf<typeof listPostsQuery>;
export type NewFundingPost = z.input<typeof createPostBody>;
export type FundingPostChanges = z.input<typeof updatePostBody>;
export type Reconciliation = z.infer<typeof reconciliation>;
export type NewSettlement = z.input<typeof createSettlementBody>;
export type Settlement = z.infer<typeof settlement>;

const postUrl = (id: string) => `/funding/posts/${encodeURIComponent(id)}`;

export const postsApi = {
  posts: (q: FundingPostListQuery) => request<FundingPostPage>("GET", `/funding/posts${query({ ...q })}`),
  post: (id: string) => request<FundingPost>("GET", postUrl(id)),
  create: (input: NewFundingPost) => request<FundingPost>("POST", "/funding/posts", input),
  update: (id: string, changes: FundingPostChanges) => request<FundingPost>("PATCH", postUrl(id), changes),
  reconciliation: (formulaId: string, financialYear: string) =>
    request<Reconciliation>("GET", `/funding/reconciliation${query({ formulaId, financialYear })}`),
  recordSettlement: (input: NewSettlement) => request<Settlement>("POST", "/funding/settlements", input),
  reconciliationFileUrl: (formulaId: string, financialYear: string, format: "csv" | "xlsx") =>
    `/api/v1/funding/reconciliation${query({ formulaId, financialYear, format })}`,
};
