/** Typed client for the ROCU Hub JSON API (/api/v1). */

import type { z } from "zod";
import type { auditEvent, auditQuery, verdict } from "#src/audit/schema.ts";
import type { Classification, Role, Scope, TokenScope } from "#src/auth/vocabulary.ts";
import type { instanceResponse, me } from "#src/features/auth/schema.ts";
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
  createUnitTypeBody,
  crimeType,
  force,
  organisation,
  region,
  unitType,
} from "#src/features/reference/schema.ts";
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
export type AuditEvent = z.infer<typeof auditEvent>;
export type FieldChange = AuditEvent["changes"][string];
export type AuditVerification = z.infer<typeof verdict>;
export type NewUser = z.input<typeof createUserBody>;
export type UserChanges = z.input<typeof updateUserBody>;
export type NewToken = z.input<typeof createTokenBody>;
export type NewUnitType = z.input<typeof createUnitTypeBody>;
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
};

/** A plain-English message for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
