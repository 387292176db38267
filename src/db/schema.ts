// Drizzle's view of the tables created by migrations/*.sql (the SQL files are the source of truth).
import {
  bigserial,
  boolean,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const regions = pgTable("regions", {
  id: text("id").primaryKey(),
  code: text("code").notNull(),
  name: text("name").notNull(),
  rocuCode: text("rocu_code"),
  rocuName: text("rocu_name"),
});

export const forces = pgTable("forces", {
  id: text("id").primaryKey(),
  pfaCode: text("pfa_code").notNull(),
  name: text("name").notNull(),
  fullName: text("full_name").notNull(),
  regionId: text("region_id").notNull(),
  homeOfficeRegion: text("home_office_region").notNull(),
});

export const organisations = pgTable("organisations", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["force", "rocu", "national"] }).notNull(),
  forceId: text("force_id"),
  regionId: text("region_id"),
});

export const unitTypes = pgTable("unit_types", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull(),
  builtIn: boolean("built_in").notNull(),
  createdAt: createdAt(),
});

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull(),
  name: text("name").notNull(),
  organisationId: text("organisation_id").notNull(),
  forceId: text("force_id"),
  regionId: text("region_id"),
  roles: text("roles").array().notNull(),
  scope: text("scope", { enum: ["force", "region", "national"] }).notNull(),
  clearance: text("clearance", { enum: ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET"] }).notNull(),
  passwordHash: text("password_hash").notNull(),
  mustChangePassword: boolean("must_change_password").notNull(),
  disabledAt: timestamp("disabled_at", { withTimezone: true, mode: "date" }),
  isDemo: boolean("is_demo").notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const sessions = pgTable("sessions", {
  id: text("id").primaryKey(),
  userId: uuid("user_id").notNull(),
  createdAt: createdAt(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  clientIp: text("client_ip").notNull(),
  userAgent: text("user_agent").notNull(),
});

export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id").notNull(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull(),
  tokenPrefix: text("token_prefix").notNull(),
  scopes: text("scopes").array().notNull(),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
});

export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true, mode: "date" }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "date" }),
});

export const auditEvents = pgTable("audit_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull(),
  actorId: uuid("actor_id"),
  actorLabel: text("actor_label").notNull(),
  action: text("action").notNull(),
  entityType: text("entity_type").notNull(),
  entityId: text("entity_id").notNull(),
  forceId: text("force_id"),
  regionId: text("region_id"),
  classification: text("classification", { enum: ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET"] }).notNull(),
  changes: jsonb("changes").$type<AuditChanges>().notNull(),
  requestId: text("request_id"),
  clientIp: text("client_ip"),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});

/** Before/after values of the fields an action changed (or read, for read events: empty). */
export type AuditChanges = Record<string, { before?: unknown; after?: unknown }>;

export const instanceSettings = pgTable("instance_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
});

const classification = () =>
  text("classification", { enum: ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET"] }).notNull();
const updatedAt = () => timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const crimeTypes = pgTable("crime_types", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  sortOrder: integer("sort_order").notNull(),
  builtIn: boolean("built_in").notNull(),
});

export const ocgReferenceCounters = pgTable("ocg_reference_counters", {
  regionId: text("region_id").primaryKey(),
  lastNumber: integer("last_number").notNull(),
});

export const ocgStatuses = ["active", "dormant", "archived"] as const;
export const ocgLevels = ["local", "force-theme", "force-dedicated", "regional", "national"] as const;

export const ocgs = pgTable("ocgs", {
  id: uuid("id").primaryKey().defaultRandom(),
  reference: text("reference").notNull(),
  name: text("name").notNull(),
  aliases: text("aliases").array().notNull(),
  status: text("status", { enum: ocgStatuses }).notNull(),
  archiveReason: text("archive_reason"),
  forceId: text("force_id").notNull(),
  regionId: text("region_id").notNull(),
  lroUserId: uuid("lro_user_id"),
  level: text("level", { enum: ocgLevels }).notNull(),
  primaryCrimeType: text("primary_crime_type").notNull(),
  secondaryCrimeTypes: text("secondary_crime_types").array().notNull(),
  forcesAffected: text("forces_affected").array().notNull(),
  areasAffected: text("areas_affected").notNull(),
  estimatedSize: integer("estimated_size"),
  classification: classification(),
  importKey: text("import_key"),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const planStrands = ["pursue", "prevent", "protect", "prepare"] as const;
export const planActionStatuses = ["open", "in-progress", "done", "cancelled"] as const;

export const ocgPlanActions = pgTable("ocg_plan_actions", {
  id: uuid("id").primaryKey().defaultRandom(),
  ocgId: uuid("ocg_id").notNull(),
  forceId: text("force_id").notNull(),
  strand: text("strand", { enum: planStrands }).notNull(),
  description: text("description").notNull(),
  owner: text("owner").notNull(),
  dueOn: date("due_on", { mode: "string" }).notNull(),
  status: text("status", { enum: planActionStatuses }).notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const scoringModels = pgTable("scoring_models", {
  id: uuid("id").primaryKey().defaultRandom(),
  version: integer("version").notNull(),
  name: text("name").notNull(),
  status: text("status", { enum: ["draft", "active", "retired"] }).notNull(),
  definition: jsonb("definition").notNull(),
  notes: text("notes").notNull(),
  createdBy: uuid("created_by"),
  createdAt: createdAt(),
});

export const ocgAssessments = pgTable("ocg_assessments", {
  id: uuid("id").primaryKey().defaultRandom(),
  ocgId: uuid("ocg_id").notNull(),
  modelId: uuid("model_id").notNull(),
  forceId: text("force_id").notNull(),
  regionId: text("region_id").notNull(),
  classification: classification(),
  assessorId: uuid("assessor_id").notNull(),
  assessedOn: date("assessed_on", { mode: "string" }).notNull(),
  status: text("status", { enum: ["draft", "final"] }).notNull(),
  ratings: jsonb("ratings").$type<Record<string, { value: number; rationale: string }>>().notNull(),
  // numeric comes back as a string from both drivers; services convert with Number().
  score: numeric("score", { precision: 6, scale: 2 }).notNull(),
  band: text("band").notNull(),
  finalisedAt: timestamp("finalised_at", { withTimezone: true, mode: "date" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const referenceCounters = pgTable("reference_counters", {
  series: text("series").notNull(),
  regionId: text("region_id").notNull(),
  lastNumber: integer("last_number").notNull(),
});

export const operationStatuses = ["proposed", "active", "suspended", "closed"] as const;

export const operations = pgTable("operations", {
  id: uuid("id").primaryKey().defaultRandom(),
  codeName: text("code_name").notNull(),
  leadOrganisationId: text("lead_organisation_id").notNull(),
  forceId: text("force_id").notNull(),
  regionId: text("region_id").notNull(),
  level: text("level", { enum: ocgLevels }).notNull(),
  sioUserId: uuid("sio_user_id"),
  startedOn: date("started_on", { mode: "string" }),
  endedOn: date("ended_on", { mode: "string" }),
  status: text("status", { enum: operationStatuses }).notNull(),
  resultSummary: text("result_summary"),
  forcesInvolved: text("forces_involved").array().notNull(),
  classification: classification(),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const operationTargets = pgTable("operation_targets", {
  operationId: uuid("operation_id").notNull(),
  ocgId: uuid("ocg_id").notNull(),
});

export const panelStatuses = ["open", "closed"] as const;

export const moderationPanels = pgTable("moderation_panels", {
  id: uuid("id").primaryKey().defaultRandom(),
  regionId: text("region_id").notNull(),
  /** The first day of the month whose claims the panel moderates. */
  periodMonth: date("period_month", { mode: "string" }).notNull(),
  heldOn: date("held_on", { mode: "string" }).notNull(),
  chairUserId: uuid("chair_user_id").notNull(),
  attendees: text("attendees").array().notNull(),
  status: text("status", { enum: panelStatuses }).notNull(),
  closedAt: timestamp("closed_at", { withTimezone: true, mode: "date" }),
  closedBy: uuid("closed_by"),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const disruptionGrades = ["major", "moderate", "minor"] as const;
export const disruptionStatuses = [
  "draft",
  "submitted",
  "listed",
  "accepted",
  "regraded",
  "rejected",
  "returned",
] as const;
export const panelDecisions = ["accepted", "regraded", "rejected", "returned"] as const;

export const disruptions = pgTable("disruptions", {
  id: uuid("id").primaryKey().defaultRandom(),
  reference: text("reference").notNull(),
  ocgId: uuid("ocg_id").notNull(),
  operationId: uuid("operation_id"),
  disruptedOn: date("disrupted_on", { mode: "string" }).notNull(),
  claimedGrade: text("claimed_grade", { enum: disruptionGrades }).notNull(),
  strand: text("strand", { enum: planStrands }).notNull(),
  crimeType: text("crime_type").notNull(),
  narrative: text("narrative").notNull(),
  claimingOrganisationId: text("claiming_organisation_id").notNull(),
  claimantUserId: uuid("claimant_user_id").notNull(),
  evidenceReferences: text("evidence_references").array().notNull(),
  status: text("status", { enum: disruptionStatuses }).notNull(),
  panelId: uuid("panel_id"),
  /** The grade that counts: set only once a panel accepted or regraded the claim. */
  moderatedGrade: text("moderated_grade", { enum: disruptionGrades }),
  decisionReason: text("decision_reason"),
  forceId: text("force_id").notNull(),
  regionId: text("region_id").notNull(),
  classification: classification(),
  importKey: text("import_key"),
  submittedAt: timestamp("submitted_at", { withTimezone: true, mode: "date" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const disruptionDecisions = pgTable("disruption_decisions", {
  id: uuid("id").primaryKey().defaultRandom(),
  disruptionId: uuid("disruption_id").notNull(),
  panelId: uuid("panel_id").notNull(),
  decision: text("decision", { enum: panelDecisions }).notNull(),
  grade: text("grade", { enum: disruptionGrades }),
  reason: text("reason"),
  decidedBy: uuid("decided_by").notNull(),
  decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const outcomeKinds = [
  "arrest",
  "charge",
  "conviction",
  "seizure",
  "confiscation-order",
  "restraint-order",
  "safeguarding",
] as const;
export const seizureCommodities = [
  "cocaine",
  "heroin",
  "cannabis",
  "other-drugs",
  "firearms",
  "ammunition",
  "cash",
] as const;
export const safeguardedGroups = ["children", "adults"] as const;

export const outcomes = pgTable("outcomes", {
  id: uuid("id").primaryKey().defaultRandom(),
  kind: text("kind", { enum: outcomeKinds }).notNull(),
  ocgId: uuid("ocg_id").notNull(),
  operationId: uuid("operation_id").notNull(),
  disruptionId: uuid("disruption_id"),
  occurredOn: date("occurred_on", { mode: "string" }).notNull(),
  // numeric comes back as a string from both drivers; services convert with Number().
  quantity: numeric("quantity", { precision: 14, scale: 3 }).notNull(),
  commodity: text("commodity", { enum: seizureCommodities }),
  offence: text("offence"),
  sentenceMonths: integer("sentence_months"),
  court: text("court"),
  safeguardedGroup: text("safeguarded_group", { enum: safeguardedGroups }),
  notes: text("notes").notNull(),
  forceId: text("force_id").notNull(),
  regionId: text("region_id").notNull(),
  classification: classification(),
  importKey: text("import_key"),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const nfibCategories = ["cyber-dependent", "cyber-enabled", "other"] as const;

export const nfibCodes = pgTable("nfib_codes", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  category: text("category", { enum: nfibCategories }).notNull(),
  sortOrder: integer("sort_order").notNull(),
  builtIn: boolean("built_in").notNull(),
});

export const schema = {
  regions,
  forces,
  organisations,
  unitTypes,
  users,
  sessions,
  apiTokens,
  loginThrottle,
  auditEvents,
  instanceSettings,
  crimeTypes,
  ocgReferenceCounters,
  ocgs,
  ocgPlanActions,
  scoringModels,
  ocgAssessments,
  referenceCounters,
  operations,
  operationTargets,
  moderationPanels,
  disruptions,
  disruptionDecisions,
  outcomes,
  nfibCodes,
};
