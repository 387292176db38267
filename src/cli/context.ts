import { userInfo } from "node:os";
import type { z } from "zod";
import type { RequestContext } from "#src/audit/audit.ts";
import type { Actor } from "#src/auth/policy.ts";
import { type Config, ConfigError, loadConfig } from "#src/config.ts";
import type { Db } from "#src/db/database.ts";
import { openDatabase } from "#src/db/open.ts";
import { AppError, type FieldError } from "#src/lib/errors.ts";

/** Audit events written by the CLI carry this id: it is no account, and audit_events.actor_id has no foreign key. */
export const cliActorId = "00000000-0000-0000-0000-000000000000";

function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}

/**
 * Whoever has a shell on the server is trusted as a system operator: a national administrator
 * cleared to SECRET, named in the audit trail as `cli:<os user>`.
 */
export function cliActor(): Actor {
  return {
    id: cliActorId,
    name: "ROCU Hub CLI",
    email: `cli:${operatorName()}`,
    organisationId: "home-office",
    forceId: null,
    regionId: null,
    roles: ["admin"],
    scope: "national",
    clearance: "SECRET",
    mustChangePassword: false,
    tokenScopes: null,
  };
}

export function cliContext(actor: Actor = cliActor()): RequestContext {
  return { actor, requestId: null, clientIp: "cli" };
}

/**
 * Opens the database (locking the embedded one, applying pending migrations), runs the work and
 * always closes it, so the lock is released even when the work fails.
 */
export async function withDatabase<T>(
  command: string,
  work: (db: Db, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const { database } = await openDatabase(config, `the rocu CLI (rocu ${command})`);
  try {
    return await work(database.db, config);
  } finally {
    await database.close();
  }
}

/** Service and schema field names, as the CLI option that sets them. */
const optionOfField: Record<string, string> = {
  email: "--email",
  name: "--name",
  organisationId: "--organisation",
  roles: "--role",
  scope: "--scope",
  clearance: "--clearance",
  scopes: "--scope",
  expiresInDays: "--days",
  userId: "--email",
  role: "--role",
  status: "--status",
};

const fieldLabel = (field: string) => optionOfField[field.split(".")[0] ?? field] ?? field;

/** Parses with a Zod schema, turning its issues into the same validation error the services throw. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields: FieldError[] = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "input",
    message: issue.message,
  }));
  throw new AppError("validation", fields[0]?.message ?? "The input is not valid", { fields });
}

// Problems reaching PostgreSQL that a person can fix: say what happened, without a stack.
const connectionCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT"]);
const postgresCodes = new Set(["28000", "28P01", "3D000"]);

function codeOf(error: unknown): string | undefined {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return typeof code === "string" ? code : undefined;
}

/** One clear message on stderr for problems a person can fix; a stack trace only for bugs. */
export function reportError(error: unknown): void {
  process.exitCode = 1;
  if (error instanceof AppError) {
    const fields = error.details.fields ?? [];
    if (!fields.some((field) => field.message === error.message)) console.error(error.message);
    for (const field of fields) console.error(`${fieldLabel(field.field)}: ${field.message}`);
    return;
  }
  if (error instanceof ConfigError) {
    console.error(error.message);
    return;
  }
  const code = codeOf(error);
  if (code && error instanceof Error) {
    // Operating-system errors (a port in use, a directory that cannot be written) and failures to
    // reach PostgreSQL are the environment's, not bugs: their message says enough.
    if (connectionCodes.has(code) || postgresCodes.has(code))
      console.error(`Could not connect to the database: ${error.message}`);
    else if (code.startsWith("E")) console.error(error.message);
    else console.error(error);
    return;
  }
  console.error(error);
}
