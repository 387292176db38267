import { and, eq } from "drizzle-orm";
import { actorOf, type RequestContext, recordAudit } from "#src/audit/audit.ts";
import { can } from "#src/auth/policy.ts";
import type { Db } from "#src/db/database.ts";
import { protectAdvice } from "#src/db/schema.ts";
import { AppError, forbidden, invalidField, isUniqueViolation, notFound } from "#src/lib/errors.ts";
import * as queries from "./queries.ts";
import type { AdviceHistoryView, AdviceVersionView, CreateAdviceInput, NewVersionInput } from "./schema.ts";

function present({ advice, authorName }: queries.AdviceWithAuthor): AdviceVersionView {
  return {
    slug: advice.slug,
    version: advice.version,
    title: advice.title,
    audience: advice.audience,
    body: advice.body,
    current: advice.current,
    // The shipped advice has no author: it came with the release.
    createdBy: advice.createdBy && authorName ? { id: advice.createdBy, name: authorName } : null,
    createdAt: advice.createdAt.toISOString(),
  };
}

/** The advice given from now on: the current version of each piece, by title. */
export async function listAdvice(db: Db): Promise<{ items: AdviceVersionView[] }> {
  return { items: (await queries.currentAdvice(db)).map(present) };
}

/** Every version of one piece of advice, newest first. */
export async function getAdvice(db: Db, slug: string): Promise<AdviceHistoryView> {
  const versions = await queries.versionsOf(db, slug);
  if (versions.length === 0) throw notFound("Protect advice");
  return { slug, versions: versions.map(present) };
}

const slugTaken = (slug: string) =>
  invalidField("slug", `Advice called ${slug} already exists: publish a new version of it instead`);

export async function createAdvice(
  db: Db,
  context: RequestContext,
  input: CreateAdviceInput,
): Promise<AdviceHistoryView> {
  const actor = actorOf(context);
  if (!can(actor, "advice.manage")) throw forbidden();
  if (await queries.slugExists(db, input.slug)) throw slugTaken(input.slug);
  try {
    await db.transaction(async (tx) => {
      await tx.insert(protectAdvice).values({ ...input, version: 1, current: true, createdBy: actor.id });
      await recordAudit(tx, context, {
        action: "protect-advice.create",
        entityType: "protect-advice",
        entityId: input.slug,
        changes: {
          version: { after: 1 },
          title: { after: input.title },
          audience: { after: input.audience },
          body: { after: input.body },
        },
      });
    });
  } catch (error) {
    // Someone created the same name between our check and our write.
    if (isUniqueViolation(error)) throw slugTaken(input.slug);
    throw error;
  }
  return getAdvice(db, input.slug);
}

/**
 * Publishes new words for a piece of advice: the new version is given from now on, and the old
 * one stays for the contacts that recorded it.
 */
export async function publishVersion(
  db: Db,
  context: RequestContext,
  slug: string,
  input: NewVersionInput,
): Promise<AdviceHistoryView> {
  const actor = actorOf(context);
  if (!can(actor, "advice.manage")) throw forbidden();
  await db.transaction(async (tx) => {
    const current = await queries.lockCurrentVersion(tx, slug);
    if (!current) throw notFound("Protect advice");
    if (current.title === input.title && current.audience === input.audience && current.body === input.body)
      throw new AppError("validation", "This is the same as the current version", {
        fields: [{ field: "body", message: "Change the title, audience or text to publish a new version" }],
      });
    await tx
      .update(protectAdvice)
      .set({ current: false })
      .where(and(eq(protectAdvice.slug, slug), eq(protectAdvice.version, current.version)));
    const version = current.version + 1;
    await tx.insert(protectAdvice).values({ slug, ...input, version, current: true, createdBy: actor.id });
    await recordAudit(tx, context, {
      action: "protect-advice.version",
      entityType: "protect-advice",
      entityId: slug,
      changes: {
        version: { before: current.version, after: version },
        ...(current.title === input.title ? {} : { title: { before: current.title, after: input.title } }),
        ...(current.audience === input.audience
          ? {}
          : { audience: { before: current.audience, after: input.audience } }),
        ...(current.body === input.body ? {} : { body: { before: current.body, after: input.body } }),
      },
    });
  });
  return getAdvice(db, slug);
}
