// Drizzle's view of the tables created by migrations/*.sql (the SQL files are the source of truth).
import { bigserial, boolean, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const regions = pgTable("regions", {
  id: text("id").primaryKey(),
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
};
