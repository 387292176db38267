import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, ne } from "drizzle-orm";
import { actorOf, type RequestContext, recordAudit } from "#src/audit/audit.ts";
import { assertAcceptablePassword, decoyHash, hashPassword, verifyPassword } from "#src/auth/passwords.ts";
import { type Actor, can, permissions } from "#src/auth/policy.ts";
import { actorFromUser, createSession, endSession, sha256 } from "#src/auth/sessions.ts";
import { assertNotLocked, clearAccountFailures, recordFailure, throttleKeys } from "#src/auth/throttle.ts";
import type { Db } from "#src/db/database.ts";
import { sessions, users } from "#src/db/schema.ts";
import { findUser, findUserByEmail } from "#src/features/users/queries.ts";
import { AppError, invalidField } from "#src/lib/errors.ts";
import type { MeView } from "./schema.ts";

export async function describeActor(db: Db, actor: Actor): Promise<MeView> {
  const found = await findUser(db, actor.id);
  if (!found) throw new AppError("unauthenticated", "Sign in to continue");
  const { organisation } = found;
  return {
    id: actor.id,
    name: actor.name,
    email: actor.email,
    organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind },
    forceId: actor.forceId,
    regionId: actor.regionId,
    roles: actor.roles,
    scope: actor.scope,
    clearance: actor.clearance,
    mustChangePassword: actor.mustChangePassword,
    permissions: permissions.filter((permission) => can(actor, permission)),
  };
}

const wrongCredentials = () => new AppError("unauthenticated", "Email or password is incorrect");

/** Signs in with email and password; returns the new session's cookie value and the user. */
export async function login(
  db: Db,
  context: RequestContext & { userAgent: string },
  input: { email: string; password: string },
): Promise<{ sessionToken: string; user: MeView }> {
  const keys = throttleKeys(input.email, context.clientIp ?? "unknown");
  await assertNotLocked(db, keys);
  const user = await findUserByEmail(db, input.email);
  const passwordMatches = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);

  if (!user || !passwordMatches || user.disabledAt) {
    const reason = !user ? "unknown email" : !passwordMatches ? "wrong password" : "account disabled";
    const { delayMs, lockError } = await db.transaction(async (tx) => {
      const outcome = await recordFailure(tx, keys);
      await recordAudit(tx, context, {
        action: "auth.login_failed",
        entityType: "user",
        entityId: user?.id ?? input.email.trim().toLowerCase(),
        forceId: user?.forceId ?? null,
        regionId: user?.regionId ?? null,
        actorLabel: input.email.trim().toLowerCase(),
        changes: { reason: { after: reason }, ...(outcome.lockError ? { locked: { after: true } } : {}) },
      });
      return outcome;
    });
    await sleep(delayMs);
    throw lockError ?? wrongCredentials();
  }

  const actor = actorFromUser(user);
  const sessionToken = await db.transaction(async (tx) => {
    await clearAccountFailures(tx, keys);
    const token = await createSession(tx, user.id, context.clientIp ?? "unknown", context.userAgent);
    await recordAudit(
      tx,
      { ...context, actor },
      {
        action: "auth.login",
        entityType: "user",
        entityId: user.id,
        forceId: user.forceId,
        regionId: user.regionId,
      },
    );
    return token;
  });
  return { sessionToken, user: await describeActor(db, actor) };
}

export async function logout(
  db: Db,
  context: RequestContext,
  sessionToken: string | undefined,
): Promise<void> {
  const actor = actorOf(context);
  await db.transaction(async (tx) => {
    if (sessionToken) await endSession(tx, sessionToken);
    await recordAudit(tx, context, {
      action: "auth.logout",
      entityType: "user",
      entityId: actor.id,
      forceId: actor.forceId,
      regionId: actor.regionId,
    });
  });
}

/** Changes the actor's own password; every other session of theirs ends. */
export async function changeOwnPassword(
  db: Db,
  context: RequestContext,
  sessionToken: string | undefined,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const actor = actorOf(context);
  if (actor.tokenScopes)
    throw new AppError("forbidden", "Sign in to change your password: API tokens cannot");
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw invalidField("currentPassword", "Your current password is incorrect");
  }
  assertAcceptablePassword(input.newPassword, user.email, "newPassword");
  if (await verifyPassword(user.passwordHash, input.newPassword)) {
    throw invalidField("newPassword", "Choose a password different from your current one");
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where(eq(users.id, actor.id));
    // Every other session ends; the one that changed the password stays signed in.
    const keep = sessionToken ? sha256(sessionToken) : "";
    await tx.delete(sessions).where(and(eq(sessions.userId, actor.id), ne(sessions.id, keep)));
    await recordAudit(tx, context, {
      action: "user.password_change",
      entityType: "user",
      entityId: actor.id,
      forceId: actor.forceId,
      regionId: actor.regionId,
      changes: { mustChangePassword: { before: user.mustChangePassword, after: false } },
    });
  });
}
