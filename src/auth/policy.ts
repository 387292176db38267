import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

import {
  type Classification,
  classifications,
  type Role,
  type Scope,
  type TokenScope,
} from "./vocabulary.ts";

export {
  type Classification,
  classifications,
  type Role,
  roles,
  type Scope,
  scopes,
  type TokenScope,
  tokenScopes,
} from "./vocabulary.ts";

/** The signed-in person (through a session or an API token) on whose behalf a service acts. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  organisationId: string;
  forceId: string | null;
  regionId: string | null;
  roles: Role[];
  scope: Scope;
  clearance: Classification;
  mustChangePassword: boolean;
  /** Set when the request came with an API token: what that token may do. */
  tokenScopes: TokenScope[] | null;
}

/** What policy needs to know of any record: who owns it and how it is classified. */
export interface OwnedRecord {
  forceId: string | null;
  regionId: string | null;
  classification: Classification;
  /** Other forces the record is shared with (e.g. forces an OCG affects): their users see it too. */
  sharedWithForces?: readonly string[];
}

/** One line per permission: the roles that hold it. */
const permissionRoles = {
  "users.read": ["admin"],
  "users.manage": ["admin"],
  "tokens.manage-any": ["admin"],
  "audit.read": ["admin"],
  "reference.manage": ["admin"],
  "ocgs.read": ["analyst", "investigator", "supervisor", "moderator", "admin"],
  "ocgs.manage": ["analyst", "supervisor"],
  "ocgs.assess": ["analyst", "supervisor"],
  "scoring.manage": ["admin", "supervisor"],
  "operations.read": ["analyst", "investigator", "supervisor", "moderator", "admin"],
  "operations.manage": ["investigator", "supervisor"],
  "disruptions.read": ["analyst", "investigator", "supervisor", "moderator", "admin"],
  "disruptions.claim": ["analyst", "investigator", "supervisor"],
  "disruptions.moderate": ["moderator"],
  "outcomes.read": ["analyst", "investigator", "supervisor", "moderator", "admin"],
  "outcomes.record": ["analyst", "investigator", "supervisor"],
  // Counts and sums only, never narrative: what a board member reads.
  "pursue.totals": ["analyst", "investigator", "supervisor", "moderator", "admin", "board"],
  // Cyber crime referrals carry victims' personal data: those who triage, investigate or care
  // for victims read them; administrators do not.
  "referrals.read": ["analyst", "investigator", "supervisor", "protect"],
  "referrals.intake": ["analyst", "investigator", "supervisor"],
  "referrals.triage": ["investigator", "supervisor"],
  "referrals.reallocate": ["supervisor"],
  "triage.settings": ["supervisor", "admin"],
  "victims.contact": ["protect", "investigator", "supervisor"],
  "advice.manage": ["protect", "supervisor"],
  // Counts only, so every member of staff can see the extent of cyber crime.
  "cyber.dashboard": [
    "analyst",
    "investigator",
    "supervisor",
    "moderator",
    "admin",
    "finance",
    "protect",
    "prevent",
    "board",
  ],
  // Cyber Choices: people at risk of offending, often children. The Prevent team alone.
  "prevent.manage": ["prevent"],
  // Funding (decision 006): boards scrutinise it and unit heads spend it, so they read it;
  // only finance users change money.
  "funding.read": ["finance", "board", "supervisor"],
  "funding.manage": ["finance"],
  // Bids (decision 007): applicants and unit heads bid for their own organisation; those who read
  // funding read bids in their scope, applicants only their own organisation's; the board records
  // its review; commissioners' decisions are money, so finance records them.
  "funding.bid": ["applicant", "supervisor"],
  "funding.bids.read": ["applicant", "finance", "board", "supervisor"],
  "funding.review": ["board"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionRoles;
export const permissions = Object.keys(permissionRoles) as Permission[];

export function rolesWith(permission: Permission): readonly Role[] {
  return permissionRoles[permission];
}

export function clearanceCovers(clearance: Classification, classification: Classification): boolean {
  return classifications.indexOf(clearance) >= classifications.indexOf(classification);
}

/** Scope and clearance: may this actor see this record at all? */
export function canSee(actor: Actor, record: OwnedRecord): boolean {
  if (!clearanceCovers(actor.clearance, record.classification)) return false;
  switch (actor.scope) {
    case "national":
      return true;
    case "region":
      return record.regionId !== null && record.regionId === actor.regionId;
    case "force":
      return (
        actor.forceId !== null &&
        (record.forceId === actor.forceId || (record.sharedWithForces ?? []).includes(actor.forceId))
      );
  }
}

/** The one authorisation question: may this actor do this, to this record if there is one? */
export function can(actor: Actor, permission: Permission, record?: OwnedRecord): boolean {
  const allowed: readonly Role[] = permissionRoles[permission];
  if (!actor.roles.some((role) => allowed.includes(role))) return false;
  return record === undefined || canSee(actor, record);
}

/** The same rule as canSee, as a SQL condition, so that lists filter in the database. */
export function visibleTo(
  actor: Actor,
  columns: { forceId: PgColumn; regionId: PgColumn; classification: PgColumn; sharedWithForces?: PgColumn },
): SQL {
  const cleared = inArray(
    columns.classification,
    classifications.filter((classification) => clearanceCovers(actor.clearance, classification)),
  );
  switch (actor.scope) {
    case "national":
      return cleared;
    case "region":
      return and(cleared, actor.regionId ? eq(columns.regionId, actor.regionId) : sql`false`) as SQL;
    case "force": {
      if (!actor.forceId) return sql`false`;
      const own = eq(columns.forceId, actor.forceId);
      const shared = columns.sharedWithForces
        ? sql`${actor.forceId} = ANY(${columns.sharedWithForces})`
        : undefined;
      return and(cleared, shared ? or(own, shared) : own) as SQL;
    }
  }
}
