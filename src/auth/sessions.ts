import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Config } from "#src/config.ts";
import type { Queryable } from "#src/db/database.ts";
import { sessions, users } from "#src/db/schema.ts";
import type { Actor, Role, TokenScope } from "./policy.ts";

export const sessionCookieName = "rocu_session";

export const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
export const randomSecret = () => randomBytes(32).toString("base64url");

type UserRow = typeof users.$inferSelect;

export function actorFromUser(user: UserRow, tokenScopes: TokenScope[] | null = null): Actor {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    organisationId: user.organisationId,
    forceId: user.forceId,
    regionId: user.regionId,
    roles: user.roles as Role[],
    scope: user.scope,
    clearance: user.clearance,
    mustChangePassword: user.mustChangePassword,
    tokenScopes,
  };
}

/** Starts a session; returns the cookie value (only its hash is stored). */
export async function createSession(db: Queryable, userId: string, clientIp: string, userAgent: string) {
  const token = randomSecret();
  await db
    .insert(sessions)
    .values({ id: sha256(token), userId, clientIp, userAgent: userAgent.slice(0, 300) });
  return token;
}

/** Finds the live session for a cookie value, ending it if it has idled or aged out. */
export async function actorForSession(db: Queryable, config: Config, token: string): Promise<Actor | null> {
  const id = sha256(token);
  const [found] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id));
  if (!found) return null;
  const now = Date.now();
  const idleFor = now - found.session.lastSeenAt.getTime();
  const age = now - found.session.createdAt.getTime();
  const expired =
    idleFor > config.ROCU_SESSION_IDLE_MINUTES * 60_000 ||
    age > config.ROCU_SESSION_ABSOLUTE_HOURS * 3_600_000;
  if (expired || found.user.disabledAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  // Touch at most once every 30 s: enough precision for a 30-minute idle timeout, far fewer writes.
  if (idleFor > 30_000) await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
  return actorFromUser(found.user);
}

export async function endSession(db: Queryable, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sha256(token)));
}

export async function endSessionsOf(db: Queryable, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
