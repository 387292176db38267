import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { RequestContext } from "#src/audit/audit.ts";
import type { Actor, Permission } from "#src/auth/policy.ts";
import type { Config } from "#src/config.ts";
import type { Db } from "#src/db/database.ts";

/**
 * Who may call a route: anyone, any signed-in user, or holders of a permission. The access test
 * reads this (published in OpenAPI as x-rocu-access) to cover every route automatically.
 */
export type Access = "public" | "signed-in" | Permission;

/** The kind of record a route's `{id}` names, so the access test can try other forces' records. */
export type RecordKind =
  | "user"
  | "token"
  | "ocg"
  | "plan-action"
  | "assessment"
  | "operation"
  | "disruption"
  | "panel"
  | "outcome"
  | "referral"
  | "cyber-choices"
  | "funding-formula"
  | "funding-stream"
  | "funding-bid"
  | "funding-decision"
  | "funding-pot"
  | "funding-post";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
    record?: RecordKind;
    /** Reachable while the user must still change a password set by an administrator. */
    duringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    viaApiToken: boolean;
    context: RequestContext;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppDeps {
  db: Db;
  config: Config;
}
