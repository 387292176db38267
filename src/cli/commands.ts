import { verifyAuditChain } from "#src/audit/audit.ts";
import { passwordProblem } from "#src/auth/passwords.ts";
import { type Classification, type Role, roles, type Scope, type TokenScope } from "#src/auth/policy.ts";
import { loadConfig } from "#src/config.ts";
import { openDatabase } from "#src/db/open.ts";
import { seedDemo } from "#src/demo/seed.ts";
import { createTokenBody, tokenIdParams } from "#src/features/tokens/schema.ts";
import { createToken, revokeToken } from "#src/features/tokens/service.ts";
import { findUserByEmail } from "#src/features/users/queries.ts";
import { createUserBody, listUsersQuery, type UserView } from "#src/features/users/schema.ts";
import { createUser, listUsers, setUserDisabled } from "#src/features/users/service.ts";
import { AppError, invalidField } from "#src/lib/errors.ts";
import { cliContext, parseInput, withDatabase } from "./context.ts";
import { plural, table } from "./format.ts";
import { readNewPassword } from "./password.ts";

export async function migrateCommand(): Promise<void> {
  const config = loadConfig();
  const { database, applied } = await openDatabase(config, "the rocu CLI (rocu db migrate)");
  try {
    if (applied.length === 0) console.log("Database is up to date");
    else
      console.log(
        `Applied ${plural(applied.length, "migration")}:\n${applied.map((name) => `  ${name}`).join("\n")}`,
      );
  } finally {
    await database.close();
  }
}

export interface UserAddOptions {
  email: string;
  name: string;
  organisation: string;
  role: Role[];
  scope: Scope;
  clearance: Classification;
}

export async function userAddCommand(options: UserAddOptions): Promise<void> {
  const password = await readNewPassword();
  const input = parseInput(createUserBody, {
    email: options.email,
    name: options.name,
    organisationId: options.organisation,
    roles: [...new Set(options.role)],
    scope: options.scope,
    clearance: options.clearance,
    password,
  });
  // Checked before opening the database too, so a weak password fails fast.
  const problem = passwordProblem(input.password, input.email);
  if (problem) throw invalidField("password", problem);
  const user = await withDatabase("user add", (db) => createUser(db, cliContext(), input)).catch(
    (error: unknown) => {
      // The service's message points at a form's list, which the shell has not got.
      const fields = error instanceof AppError ? (error.details.fields ?? []) : [];
      if (fields.some((field) => field.field === "organisationId")) {
        throw invalidField(
          "organisationId",
          `No organisation has the id "${input.organisationId}" (ids look like west-midlands, rocuwm, nca, home-office)`,
        );
      }
      throw error;
    },
  );
  console.log(
    `Created ${user.email} (${user.name}, ${user.organisation.name}): ${user.roles.join(", ")}, ` +
      `${user.scope} scope, cleared to ${user.clearance}.`,
  );
  console.log("They must choose a new password when they first sign in.");
}

export interface UserListOptions {
  role?: Role;
  status?: "active" | "disabled";
  json?: boolean;
}

export async function userListCommand(options: UserListOptions): Promise<void> {
  const filters = { role: options.role, status: options.status };
  const users = await withDatabase("user list", async (db) => {
    const all: UserView[] = [];
    for (let page = 1; ; page++) {
      const query = parseInput(listUsersQuery, { ...filters, sort: "email", page, pageSize: 200 });
      const result = await listUsers(db, cliContext(), query);
      all.push(...result.items);
      if (result.items.length === 0 || all.length >= result.total) return all;
    }
  });
  if (options.json) {
    console.log(JSON.stringify(users, null, 2));
    return;
  }
  if (users.length === 0) {
    console.log("No users match.");
    return;
  }
  console.log(
    table(
      ["EMAIL", "NAME", "ORGANISATION", "ROLES", "SCOPE", "CLEARANCE", "STATUS"],
      users.map((user) => [
        user.email,
        user.name,
        user.organisation.id,
        user.roles.join(","),
        user.scope,
        user.clearance,
        user.disabled ? "disabled" : user.mustChangePassword ? "active (must change password)" : "active",
      ]),
    ),
  );
  console.log(`\n${plural(users.length, "user")}`);
}

async function userIdByEmail(db: Parameters<typeof findUserByEmail>[0], email: string) {
  const user = await findUserByEmail(db, email);
  if (!user) throw new AppError("not_found", `No user has the email ${email}`);
  return user;
}

export async function userSetDisabledCommand(email: string, disabled: boolean): Promise<void> {
  const verb = disabled ? "disable" : "enable";
  const { before, after } = await withDatabase(`user ${verb}`, async (db) => {
    const user = await userIdByEmail(db, email);
    const view = await setUserDisabled(db, cliContext(), user.id, disabled);
    return { before: user.disabledAt !== null, after: view };
  });
  if (before === disabled) console.log(`${after.email} was already ${verb}d.`);
  else if (disabled)
    console.log(`Disabled ${after.email}: their sessions have ended and their API tokens no longer work.`);
  else console.log(`Enabled ${after.email}.`);
}

export interface TokenCreateOptions {
  email: string;
  name: string;
  scope: TokenScope[];
  days: number;
}

export async function tokenCreateCommand(options: TokenCreateOptions): Promise<void> {
  const { token, secret, owner } = await withDatabase("token create", async (db) => {
    const owner = await userIdByEmail(db, options.email);
    if (owner.disabledAt) {
      throw new AppError(
        "conflict",
        `${owner.email} is disabled: a token for a disabled account would not work`,
      );
    }
    const input = parseInput(createTokenBody, {
      name: options.name,
      scopes: options.scope,
      expiresInDays: options.days,
      userId: owner.id,
    });
    return { ...(await createToken(db, cliContext(), input)), owner };
  });
  console.log(
    `Created API token "${token.name}" for ${owner.email} (id ${token.id}, scopes ${token.scopes.join(", ")}, ` +
      `expires ${token.expiresAt.slice(0, 10)}).`,
  );
  console.log("Copy the secret now: it is shown only this once.");
  console.log(secret);
}

export async function tokenRevokeCommand(id: string): Promise<void> {
  if (!tokenIdParams.safeParse({ id }).success) {
    throw new AppError("validation", `"${id}" is not a token id: use the id printed by rocu token create`);
  }
  await withDatabase("token revoke", (db) => revokeToken(db, cliContext(), id));
  console.log(`Token ${id} is revoked.`);
}

export async function auditVerifyCommand(): Promise<void> {
  const verdict = await withDatabase("audit verify", (db) => verifyAuditChain(db));
  if (verdict.intact) {
    console.log(`Audit trail intact: ${plural(verdict.checked, "event")} checked`);
    return;
  }
  console.log(
    `Audit trail BROKEN at event #${verdict.brokenEventId}: ${verdict.reason} ` +
      `(${plural(verdict.checked, "event")} checked before it)`,
  );
  process.exitCode = 1;
}

export async function seedCommand(options: { demo?: boolean }): Promise<void> {
  if (!options.demo) throw new AppError("validation", "Say what to seed: rocu seed --demo");
  const config = loadConfig();
  if (config.NODE_ENV === "production") {
    throw new AppError(
      "forbidden",
      "Refusing to seed demo data: NODE_ENV is production, and demo accounts share a known password",
    );
  }
  const { created } = await withDatabase("seed --demo", (db) =>
    seedDemo(db, config.ROCU_DEMO_PASSWORD, cliContext()),
  );
  if (created.length === 0) {
    console.log("The demo users already exist: nothing to do.");
    return;
  }
  const password = process.env.ROCU_DEMO_PASSWORD
    ? "the ROCU_DEMO_PASSWORD you set"
    : config.ROCU_DEMO_PASSWORD;
  console.log(`Seeded ${plural(created.length, "demo user")} (password: ${password}):`);
  for (const email of created) console.log(`  ${email}`);
  const existing = roles.length - created.length;
  if (existing > 0) console.log(`(${plural(existing, "other demo user")} already existed)`);
}
