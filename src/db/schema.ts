// Drizzle's view of the tables created by migrations/*.sql (the SQL files are the source of truth).
import {
  bigint,
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
import {
  bidStatuses,
  costCategories,
  crimeAreas,
  decisionOutcomes,
  fundingSources,
} from "#src/features/funding/vocabulary.ts";
import { organisationKinds } from "#src/features/reference/vocabulary.ts";

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
  kind: text("kind", { enum: organisationKinds }).notNull(),
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

export const referralSources = ["action-fraud", "report-fraud", "direct"] as const;
export const victimTypes = ["individual", "business", "organisation", "charity"] as const;
export const victimAgeBands = [
  "under-18",
  "18-24",
  "25-34",
  "35-44",
  "45-54",
  "55-64",
  "65-74",
  "75-plus",
  "unknown",
  "not-applicable",
] as const;
export const contactPreferences = ["phone", "email", "letter", "visit", "none"] as const;
export const vulnerabilities = ["none", "some", "high"] as const;
export const referralStatuses = [
  "awaiting-triage",
  "allocated",
  "victim-care-only",
  "no-further-action",
] as const;
export const triageOutcomes = ["allocated", "victim-care-only", "no-further-action"] as const;
export const allocationUnits = ["ecu", "fcid", "ppu", "rocu-cyber", "nca"] as const;
export const priorityBandValues = ["P1", "P2", "P3", "P4"] as const;
export const importRunStatuses = ["checking", "importing", "completed", "failed"] as const;

/** One reported suspect identifier, as the victim or Action Fraud gave it. */
export interface SuspectIdentifier {
  kind: string;
  value: string;
}
/** One factor of a triage score, as stored with the referral (see referrals/priority.ts). */
export interface StoredReason {
  factor: string;
  label: string;
  points: number;
}
/** A line-level problem found in an import file. */
export interface ImportLineError {
  line: number;
  field: string;
  message: string;
}

export const referralImportRuns = pgTable("referral_import_runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  fileSha256: text("file_sha256").notNull(),
  fileName: text("file_name").notNull(),
  format: text("format", { enum: ["csv", "jsonl"] }).notNull(),
  status: text("status", { enum: importRunStatuses }).notNull(),
  totalRows: integer("total_rows"),
  committedRows: integer("committed_rows").notNull(),
  createdCount: integer("created_count").notNull(),
  versionedCount: integer("versioned_count").notNull(),
  unchangedCount: integer("unchanged_count").notNull(),
  errors: jsonb("errors").$type<ImportLineError[]>().notNull(),
  startedBy: uuid("started_by").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
});

export const referrals = pgTable("referrals", {
  id: uuid("id").primaryKey().defaultRandom(),
  crimeReference: text("crime_reference").notNull(),
  source: text("source", { enum: referralSources }).notNull(),
  forceId: text("force_id").notNull(),
  regionId: text("region_id").notNull(),
  reportedOn: date("reported_on", { mode: "string" }).notNull(),
  offenceFrom: date("offence_from", { mode: "string" }),
  offenceTo: date("offence_to", { mode: "string" }),
  nfibCode: text("nfib_code").notNull(),
  summary: text("summary").notNull(),
  victimType: text("victim_type", { enum: victimTypes }).notNull(),
  victimAgeBand: text("victim_age_band", { enum: victimAgeBands }).notNull(),
  victimName: text("victim_name"),
  victimEmail: text("victim_email"),
  victimPhone: text("victim_phone"),
  contactPreference: text("contact_preference", { enum: contactPreferences }).notNull(),
  vulnerability: text("vulnerability", { enum: vulnerabilities }).notNull(),
  vulnerabilityIndicators: text("vulnerability_indicators").array().notNull(),
  harmOngoing: boolean("harm_ongoing").notNull(),
  lossPence: bigint("loss_pence", { mode: "number" }).notNull(),
  suspectIdentifiers: jsonb("suspect_identifiers").$type<SuspectIdentifier[]>().notNull(),
  identifierKeys: text("identifier_keys").array().notNull(),
  victimKey: text("victim_key"),
  repeatVictim: boolean("repeat_victim").notNull(),
  classification: classification(),
  contentHash: text("content_hash").notNull(),
  version: integer("version").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull(),
  versionReceivedAt: timestamp("version_received_at", { withTimezone: true, mode: "date" }).notNull(),
  importRunId: uuid("import_run_id"),
  priorityScore: numeric("priority_score", { precision: 5, scale: 2, mode: "number" }).notNull(),
  priorityBand: text("priority_band", { enum: priorityBandValues }).notNull(),
  priorityReasons: jsonb("priority_reasons").$type<StoredReason[]>().notNull(),
  triageDueAt: timestamp("triage_due_at", { withTimezone: true, mode: "date" }).notNull(),
  status: text("status", { enum: referralStatuses }).notNull(),
  allocatedUnit: text("allocated_unit", { enum: allocationUnits }),
  decisionReason: text("decision_reason"),
  decidedBy: uuid("decided_by"),
  decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }),
  contactDueAt: timestamp("contact_due_at", { withTimezone: true, mode: "date" }),
  contactedAt: timestamp("contacted_at", { withTimezone: true, mode: "date" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const referralVersions = pgTable("referral_versions", {
  referralId: uuid("referral_id").notNull(),
  version: integer("version").notNull(),
  content: jsonb("content").$type<Record<string, unknown>>().notNull(),
  changes: jsonb("changes").$type<AuditChanges>().notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull(),
  supersededAt: timestamp("superseded_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const referralDecisions = pgTable("referral_decisions", {
  id: uuid("id").primaryKey().defaultRandom(),
  referralId: uuid("referral_id").notNull(),
  kind: text("kind", { enum: ["triage", "reallocation"] }).notNull(),
  outcome: text("outcome", { enum: triageOutcomes }).notNull(),
  allocatedUnit: text("allocated_unit", { enum: allocationUnits }),
  reason: text("reason").notNull(),
  decidedBy: uuid("decided_by").notNull(),
  decidedAt: timestamp("decided_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const adviceAudiences = ["individuals", "businesses", "everyone"] as const;

export const protectAdvice = pgTable("protect_advice", {
  slug: text("slug").notNull(),
  version: integer("version").notNull(),
  title: text("title").notNull(),
  audience: text("audience", { enum: adviceAudiences }).notNull(),
  body: text("body").notNull(),
  current: boolean("current").notNull(),
  createdBy: uuid("created_by"),
  createdAt: createdAt(),
});

export const contactChannels = ["phone", "email", "letter", "visit", "text"] as const;
export const contactOutcomes = [
  "contacted",
  "no-answer",
  "left-message",
  "declined",
  "wrong-details",
] as const;

export const victimContacts = pgTable("victim_contacts", {
  id: uuid("id").primaryKey().defaultRandom(),
  referralId: uuid("referral_id").notNull(),
  attemptedAt: timestamp("attempted_at", { withTimezone: true, mode: "date" }).notNull(),
  channel: text("channel", { enum: contactChannels }).notNull(),
  outcome: text("outcome", { enum: contactOutcomes }).notNull(),
  notes: text("notes"),
  followUpOn: date("follow_up_on", { mode: "string" }),
  recordedBy: uuid("recorded_by").notNull(),
  recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const victimContactAdvice = pgTable("victim_contact_advice", {
  contactId: uuid("contact_id").notNull(),
  adviceSlug: text("advice_slug").notNull(),
  adviceVersion: integer("advice_version").notNull(),
});

export const cyberChoicesSources = ["school", "parent", "police", "other"] as const;
export const cyberChoicesInterventions = [
  "awareness-session",
  "mentoring",
  "cease-and-desist",
  "skills-pathway",
] as const;

export const cyberChoicesReferrals = pgTable("cyber_choices_referrals", {
  id: uuid("id").primaryKey().defaultRandom(),
  reference: text("reference").notNull(),
  forceId: text("force_id").notNull(),
  regionId: text("region_id").notNull(),
  referredOn: date("referred_on", { mode: "string" }).notNull(),
  source: text("source", { enum: cyberChoicesSources }).notNull(),
  subjectLabel: text("subject_label").notNull(),
  age: integer("age").notNull(),
  concerns: text("concerns").notNull(),
  safeguardingChecked: boolean("safeguarding_checked").notNull(),
  consentObtained: boolean("consent_obtained").notNull(),
  interventions: text("interventions", { enum: cyberChoicesInterventions }).array().notNull(),
  interventionPlan: text("intervention_plan"),
  outcome: text("outcome"),
  status: text("status", { enum: ["open", "closed"] }).notNull(),
  reviewOn: date("review_on", { mode: "string" }).notNull(),
  classification: classification(),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const fundingFormulas = pgTable("funding_formulas", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  scopeDescription: text("scope_description").notNull(),
  ownerOrganisationId: text("owner_organisation_id").notNull(),
  forceId: text("force_id"),
  regionId: text("region_id"),
  partyForces: text("party_forces").array().notNull(),
  classification: classification(),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const fundingFormulaVersions = pgTable("funding_formula_versions", {
  id: uuid("id").primaryKey().defaultRandom(),
  formulaId: uuid("formula_id").notNull(),
  financialYear: integer("financial_year").notNull(),
  decisionReference: text("decision_reference").notNull(),
  notes: text("notes").notNull(),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
});

export const fundingFormulaParts = pgTable("funding_formula_parts", {
  versionId: uuid("version_id").notNull(),
  position: integer("position").notNull(),
  partyOrganisationId: text("party_organisation_id"),
  nestedFormulaId: uuid("nested_formula_id"),
  shareBp: integer("share_bp").notNull(),
});

export const fundingStreams = pgTable("funding_streams", {
  id: uuid("id").primaryKey().defaultRandom(),
  source: text("source", { enum: fundingSources }).notNull(),
  name: text("name").notNull(),
  recipientOrganisationId: text("recipient_organisation_id").notNull(),
  forceId: text("force_id"),
  regionId: text("region_id"),
  decisionReference: text("decision_reference").notNull(),
  allowedCategories: text("allowed_categories", { enum: costCategories }).array().notNull(),
  matchShareBp: integer("match_share_bp"),
  matchCategory: text("match_category", { enum: costCategories }),
  matchCondition: text("match_condition"),
  carriesOver: boolean("carries_over").notNull(),
  notes: text("notes").notNull(),
  classification: classification(),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const fundingStreamAmounts = pgTable("funding_stream_amounts", {
  streamId: uuid("stream_id").notNull(),
  financialYear: integer("financial_year").notNull(),
  amountPence: bigint("amount_pence", { mode: "number" }).notNull(),
});

export const fundingBids = pgTable("funding_bids", {
  id: uuid("id").primaryKey().defaultRandom(),
  title: text("title").notNull(),
  purpose: text("purpose").notNull(),
  applicantOrganisationId: text("applicant_organisation_id").notNull(),
  forceId: text("force_id"),
  regionId: text("region_id"),
  strand: text("strand", { enum: planStrands }).notNull(),
  crimeArea: text("crime_area", { enum: crimeAreas }).notNull(),
  forceAreas: text("force_areas").array().notNull(),
  formulaId: uuid("formula_id"),
  status: text("status", { enum: bidStatuses }).notNull(),
  classification: classification(),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const fundingBidCosts = pgTable("funding_bid_costs", {
  bidId: uuid("bid_id").notNull(),
  financialYear: integer("financial_year").notNull(),
  category: text("category", { enum: costCategories }).notNull(),
  amountPence: bigint("amount_pence", { mode: "number" }).notNull(),
});

export const fundingBidShares = pgTable("funding_bid_shares", {
  bidId: uuid("bid_id").notNull(),
  decisionMakerOrganisationId: text("decision_maker_organisation_id").notNull(),
  financialYear: integer("financial_year").notNull(),
  amountPence: bigint("amount_pence", { mode: "number" }).notNull(),
});

export const fundingBidEvents = pgTable("funding_bid_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  bidId: uuid("bid_id").notNull(),
  action: text("action").notNull(),
  fromStatus: text("from_status", { enum: bidStatuses }),
  toStatus: text("to_status", { enum: bidStatuses }).notNull(),
  reason: text("reason").notNull(),
  actorId: uuid("actor_id").notNull(),
  actorName: text("actor_name").notNull(),
  occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const fundingPots = pgTable("funding_pots", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  crimeAreas: text("crime_areas", { enum: crimeAreas }).array().notNull(),
  forceId: text("force_id"),
  regionId: text("region_id"),
  contributorForces: text("contributor_forces").array().notNull(),
  decisionReference: text("decision_reference").notNull(),
  notes: text("notes").notNull(),
  classification: classification(),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const fundingPotContributors = pgTable("funding_pot_contributors", {
  potId: uuid("pot_id").notNull(),
  position: integer("position").notNull(),
  organisationId: text("organisation_id").notNull(),
});

export const fundingPotAmounts = pgTable("funding_pot_amounts", {
  potId: uuid("pot_id").notNull(),
  financialYear: integer("financial_year").notNull(),
  amountPence: bigint("amount_pence", { mode: "number" }).notNull(),
});

export const fundingDecisions = pgTable("funding_decisions", {
  id: uuid("id").primaryKey().defaultRandom(),
  reference: text("reference").notNull(),
  bidId: uuid("bid_id").notNull(),
  decisionMakerOrganisationId: text("decision_maker_organisation_id").notNull(),
  forceId: text("force_id"),
  regionId: text("region_id"),
  decidedOn: date("decided_on", { mode: "string" }).notNull(),
  outcome: text("outcome", { enum: decisionOutcomes }).notNull(),
  conditions: text("conditions").notNull(),
  publishedSummary: text("published_summary").notNull(),
  potId: uuid("pot_id"),
  classification: classification(),
  recordedBy: uuid("recorded_by").notNull(),
  createdAt: createdAt(),
});

export const fundingDecisionAmounts = pgTable("funding_decision_amounts", {
  decisionId: uuid("decision_id").notNull(),
  position: integer("position").notNull(),
  financialYear: integer("financial_year").notNull(),
  amountPence: bigint("amount_pence", { mode: "number" }).notNull(),
  fundingStreamId: uuid("funding_stream_id"),
});

/** Monthly actual spend against a stream (and optionally a project it funds), by category. */
export const fundingSpendLines = pgTable("funding_spend_lines", {
  id: uuid("id").primaryKey().defaultRandom(),
  streamId: uuid("stream_id").notNull(),
  bidId: uuid("bid_id"),
  month: text("month").notNull(),
  financialYear: integer("financial_year").notNull(),
  category: text("category", { enum: costCategories }).notNull(),
  amountPence: bigint("amount_pence", { mode: "number" }).notNull(),
  note: text("note").notNull(),
  recordedBy: uuid("recorded_by").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Staffing posts: what forces contribute in staff, costed per financial year (0011). */
export const fundingPosts = pgTable("funding_posts", {
  id: uuid("id").primaryKey().defaultRandom(),
  roleTitle: text("role_title").notNull(),
  organisationId: text("organisation_id").notNull(),
  forceId: text("force_id"),
  regionId: text("region_id"),
  formulaId: uuid("formula_id").notNull(),
  fundingStreamId: uuid("funding_stream_id"),
  fteBp: integer("fte_bp").notNull(),
  annualCostPence: bigint("annual_cost_pence", { mode: "number" }).notNull(),
  startsOn: date("starts_on", { mode: "string" }).notNull(),
  endsOn: date("ends_on", { mode: "string" }),
  notes: text("notes").notNull(),
  classification: classification(),
  createdBy: uuid("created_by").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A payment one force made another to settle its contribution to a formula in a year; a record. */
export const fundingSettlements = pgTable("funding_settlements", {
  id: uuid("id").primaryKey().defaultRandom(),
  formulaId: uuid("formula_id").notNull(),
  financialYear: integer("financial_year").notNull(),
  fromOrganisationId: text("from_organisation_id").notNull(),
  toOrganisationId: text("to_organisation_id").notNull(),
  amountPence: bigint("amount_pence", { mode: "number" }).notNull(),
  paidOn: date("paid_on", { mode: "string" }).notNull(),
  reference: text("reference").notNull(),
  note: text("note").notNull(),
  recordedBy: uuid("recorded_by").notNull(),
  createdAt: createdAt(),
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
  referralImportRuns,
  referrals,
  referralVersions,
  referralDecisions,
  protectAdvice,
  victimContacts,
  victimContactAdvice,
  cyberChoicesReferrals,
  fundingFormulas,
  fundingFormulaVersions,
  fundingFormulaParts,
  fundingStreams,
  fundingStreamAmounts,
  fundingBids,
  fundingBidCosts,
  fundingBidShares,
  fundingBidEvents,
  fundingPots,
  fundingPotContributors,
  fundingPotAmounts,
  fundingDecisions,
  fundingDecisionAmounts,
  fundingSpendLines,
  fundingPosts,
  fundingSettlements,
};
