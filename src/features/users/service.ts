import { and, eq, isNull } from "drizzle-orm";
import {
  type AuditEventInput,
  actorOf,
  changedFields,
  type RequestContext,
  recordAudit,
} from "#src/audit/audit.ts";
import { assertAcceptablePassword, hashPassword } from "#src/auth/passwords.ts";
import { type Actor, can, type OwnedRecord, type Scope } from "#src/auth/policy.ts";
import { endSessionsOf } from "#src/auth/sessions.ts";
import type { Db } from "#src/db/database.ts";
import { organisations, users } from "#src/db/schema.ts";
import { AppError, forbidden, invalidField, notFound } from "#src/lib/errors.ts";
import * as queries from "./queries.ts";
import type { CreateUserInput, ListUsersQuery, UpdateUserInput, UserView } from "./schema.ts";

/** A user account is owned by its organisation's force and region, and classified at its clearance. */
export const userRecord = (
  user: Pick<queries.UserRow, "forceId" | "regionId" | "clearance">,
): OwnedRecord => ({
  forceId: user.forceId,
  regionId: user.regionId,
  classification: user.clearance,
});

export function presentUser({ user, organisation }: queries.UserWithOrganisation): UserView {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind },
    forceId: user.forceId,
    regionId: user.regionId,
    roles: user.roles as UserView["roles"],
    scope: user.scope,
    clearance: user.clearance,
    mustChangePassword: user.mustChangePassword,
    disabled: user.disabledAt !== null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    isDemo: user.isDemo,
  };
}

const auditedFields = [
  "email",
  "name",
  "organisationId",
  "roles",
  "scope",
  "clearance",
  "disabledAt",
  "mustChangePassword",
] as const;

function auditOf(user: queries.UserRow, action: string, before: queries.UserRow | null): AuditEventInput {
  return {
    action,
    entityType: "user",
    entityId: user.id,
    forceId: user.forceId,
    regionId: user.regionId,
    changes: changedFields(before, user, auditedFields),
  };
}

/** Where an account sits follows from its organisation; its scope must fit there. */
async function placement(db: Db, organisationId: string, scope: Scope) {
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, organisationId));
  if (!organisation) throw invalidField("organisationId", "Choose an organisation from the list");
  if (scope === "force" && !organisation.forceId) {
    throw invalidField("scope", "Own-force scope needs an organisation that is a police force");
  }
  if (scope === "region" && !organisation.regionId) {
    throw invalidField("scope", "Regional scope needs an organisation in a region (a force or a ROCU)");
  }
  return { forceId: organisation.forceId, regionId: organisation.regionId };
}

/** Loads a user the actor may act on; anything else looks like it does not exist. */
async function loadUser(db: Db, actor: Actor, id: string, permission: "users.read" | "users.manage") {
  const found = await queries.findUser(db, id);
  if (!found || !can(actor, "users.read", userRecord(found.user))) throw notFound("User");
  if (!can(actor, permission, userRecord(found.user))) throw forbidden();
  return found;
}

export async function listUsers(db: Db, context: RequestContext, query: ListUsersQuery) {
  const actor = actorOf(context);
  if (!can(actor, "users.read")) throw forbidden();
  const { rows, total } = await queries.listUsers(db, actor, query);
  return { items: rows.map(presentUser), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(db: Db, context: RequestContext, id: string): Promise<UserView> {
  return presentUser(await loadUser(db, actorOf(context), id, "users.read"));
}

/** Opening a user's record reads personal data, so the read itself is audited. */
export async function viewUser(db: Db, context: RequestContext, id: string): Promise<UserView> {
  const found = await loadUser(db, actorOf(context), id, "users.read");
  await db.transaction((tx) =>
    recordAudit(tx, context, { ...auditOf(found.user, "user.read", found.user), changes: {} }),
  );
  return presentUser(found);
}

export async function createUser(db: Db, context: RequestContext, input: CreateUserInput): Promise<UserView> {
  const actor = actorOf(context);
  if (!can(actor, "users.manage")) throw forbidden();
  const place = await placement(db, input.organisationId, input.scope);
  if (!can(actor, "users.manage", { ...place, classification: input.clearance })) {
    throw forbidden("You can only create accounts within your own scope and up to your own clearance");
  }
  assertAcceptablePassword(input.password, input.email);
  if (await queries.findUserByEmail(db, input.email))
    throw invalidField("email", "A user with this email already exists");
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({
        email: input.email.trim(),
        name: input.name,
        organisationId: input.organisationId,
        ...place,
        roles: input.roles,
        scope: input.scope,
        clearance: input.clearance,
        passwordHash,
        mustChangePassword: true,
        isDemo: false,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, context, auditOf(created, "user.create", null));
    return created.id;
  });
  return getUser(db, context, id);
}

export async function updateUser(
  db: Db,
  context: RequestContext,
  id: string,
  input: UpdateUserInput,
): Promise<UserView> {
  const actor = actorOf(context);
  const { user: before } = await loadUser(db, actor, id, "users.manage");
  const scope = input.scope ?? before.scope;
  const organisationId = input.organisationId ?? before.organisationId;
  const place = await placement(db, organisationId, scope);
  const clearance = input.clearance ?? before.clearance;
  if (!can(actor, "users.manage", { ...place, classification: clearance })) {
    throw forbidden("You can only place accounts within your own scope and up to your own clearance");
  }
  if (
    before.id === actor.id &&
    input.roles &&
    !input.roles.includes("admin") &&
    actor.roles.includes("admin")
  ) {
    throw invalidField("roles", "You cannot remove the admin role from your own account");
  }
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({ ...input, ...place, organisationId, scope, clearance, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (!after) throw notFound("User");
    await recordAudit(tx, context, auditOf(after, "user.update", before));
  });
  return getUser(db, context, id);
}

export async function setUserDisabled(
  db: Db,
  context: RequestContext,
  id: string,
  disabled: boolean,
): Promise<UserView> {
  const actor = actorOf(context);
  const { user: before } = await loadUser(db, actor, id, "users.manage");
  if (disabled && before.id === actor.id)
    throw new AppError("conflict", "You cannot disable your own account");
  if (disabled === (before.disabledAt !== null)) return getUser(db, context, id);
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(users.id, id), disabled ? isNull(users.disabledAt) : undefined))
      .returning();
    if (!after) throw notFound("User");
    // A disabled account's sessions end at once; its API tokens stop working because every
    // request re-checks the account.
    if (disabled) await endSessionsOf(tx, id);
    await recordAudit(tx, context, auditOf(after, disabled ? "user.disable" : "user.enable", before));
  });
  return getUser(db, context, id);
}

export async function resetPassword(
  db: Db,
  context: RequestContext,
  id: string,
  password: string,
): Promise<void> {
  const actor = actorOf(context);
  const { user } = await loadUser(db, actor, id, "users.manage");
  assertAcceptablePassword(password, user.email);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, updatedAt: new Date() })
      .where(eq(users.id, id));
    await endSessionsOf(tx, id);
    await recordAudit(tx, context, {
      ...auditOf(user, "user.password_reset", null),
      changes: { password: { after: "reset by an administrator" }, mustChangePassword: { after: true } },
    });
  });
}
