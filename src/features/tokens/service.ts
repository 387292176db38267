import { and, desc, eq, isNull } from "drizzle-orm";
import { actorOf, type RequestContext, recordAudit } from "#src/audit/audit.ts";
import { type Actor, can, type TokenScope } from "#src/auth/policy.ts";
import { actorFromUser, randomSecret, sha256 } from "#src/auth/sessions.ts";
import type { Db, Queryable } from "#src/db/database.ts";
import { apiTokens, users } from "#src/db/schema.ts";
import { findUser } from "#src/features/users/queries.ts";
import { userRecord } from "#src/features/users/service.ts";
import { forbidden, notFound } from "#src/lib/errors.ts";
import type { CreateTokenInput, TokenView } from "./schema.ts";

type TokenRow = typeof apiTokens.$inferSelect;
const tokenPrefix = "rocu_";

function presentToken(row: TokenRow): TokenView {
  const status = row.revokedAt ? "revoked" : row.expiresAt.getTime() <= Date.now() ? "expired" : "active";
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    prefix: row.tokenPrefix,
    scopes: row.scopes as TokenScope[],
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    status,
  };
}

/** Tokens are the owner's own business, or an administrator's within their scope. */
async function assertMayManageTokensOf(db: Db, actor: Actor, ownerId: string) {
  if (ownerId === actor.id) return;
  const owner = await findUser(db, ownerId);
  if (!owner || !can(actor, "users.read", userRecord(owner.user))) throw notFound("User");
  if (!can(actor, "tokens.manage-any", userRecord(owner.user))) throw forbidden();
}

export async function listTokens(db: Db, context: RequestContext, userId: string | undefined) {
  const actor = actorOf(context);
  const ownerId = userId ?? actor.id;
  await assertMayManageTokensOf(db, actor, ownerId);
  const rows = await db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.userId, ownerId))
    .orderBy(desc(apiTokens.createdAt));
  return { items: rows.map(presentToken) };
}

export async function createToken(db: Db, context: RequestContext, input: CreateTokenInput) {
  const actor = actorOf(context);
  if (actor.tokenScopes) throw forbidden("API tokens cannot create other tokens: sign in to create one");
  const ownerId = input.userId ?? actor.id;
  await assertMayManageTokensOf(db, actor, ownerId);
  const secret = `${tokenPrefix}${randomSecret()}`;
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiTokens)
      .values({
        userId: ownerId,
        name: input.name,
        tokenHash: sha256(secret),
        tokenPrefix: secret.slice(0, tokenPrefix.length + 6),
        scopes: [...new Set(input.scopes)],
        createdBy: actor.id,
        expiresAt: new Date(Date.now() + input.expiresInDays * 86_400_000),
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await recordAudit(tx, context, {
      action: "token.create",
      entityType: "api_token",
      entityId: created.id,
      forceId: actor.forceId,
      regionId: actor.regionId,
      changes: {
        userId: { after: ownerId },
        name: { after: created.name },
        scopes: { after: created.scopes },
        expiresAt: { after: created.expiresAt.toISOString() },
      },
    });
    return created;
  });
  return { token: presentToken(row), secret };
}

export async function revokeToken(db: Db, context: RequestContext, id: string): Promise<void> {
  const actor = actorOf(context);
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  if (!row) throw notFound("Token");
  await assertMayManageTokensOf(db, actor, row.userId).catch(() => {
    throw notFound("Token");
  });
  if (row.revokedAt) return;
  await db.transaction(async (tx) => {
    await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
    await recordAudit(tx, context, {
      action: "token.revoke",
      entityType: "api_token",
      entityId: id,
      forceId: actor.forceId,
      regionId: actor.regionId,
      changes: { revokedAt: { after: new Date().toISOString() } },
    });
  });
}

/** The actor behind a bearer token, or null when the token is unknown, revoked, expired or its user disabled. */
export async function actorForApiToken(db: Queryable, secret: string): Promise<Actor | null> {
  if (!secret.startsWith(tokenPrefix)) return null;
  const [found] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, sha256(secret)));
  if (
    !found ||
    found.token.revokedAt ||
    found.token.expiresAt.getTime() <= Date.now() ||
    found.user.disabledAt
  ) {
    return null;
  }
  const lastUsed = found.token.lastUsedAt?.getTime() ?? 0;
  if (Date.now() - lastUsed > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, found.token.id));
  }
  return actorFromUser(found.user, found.token.scopes as TokenScope[]);
}
