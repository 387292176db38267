import { readFileSync } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { classifications, roles, scopes, tokenScopes } from "#src/auth/policy.ts";
import {
  auditVerifyCommand,
  migrateCommand,
  seedCommand,
  tokenCreateCommand,
  tokenRevokeCommand,
  userAddCommand,
  userListCommand,
  userSetDisabledCommand,
} from "./commands.ts";
import { reportError } from "./context.ts";
import { importReferralsCommand } from "./import.ts";
import { newPasswordVariable } from "./password.ts";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

function batchRows(value: string): number {
  const rows = Number(value);
  if (!/^\d+$/.test(value) || rows < 1 || rows > 10_000)
    throw new InvalidArgumentError("Give a whole number of rows from 1 to 10,000.");
  return rows;
}

function wholeDays(value: string): number {
  const days = Number(value);
  if (!/^\d+$/.test(value) || days < 1 || days > 365)
    throw new InvalidArgumentError("Give a whole number of days from 1 to 365.");
  return days;
}

const databaseNote = `
The database is the embedded one in ROCU_DATA_DIR (default ./data), or the PostgreSQL server in
DATABASE_URL. The embedded database can be used by one process at a time: stop the server first,
or use its web UI or API. Pending migrations are applied before any command runs.`;

function buildProgram(): Command {
  const program = new Command("rocu")
    .description("ROCU Hub: run the server and administer it from the server's shell.")
    .version(version)
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", databaseNote);

  program
    .command("serve")
    .description(
      "Start the ROCU Hub web server (applies migrations; seeds demo data on a new non-production instance)",
    )
    .action(async () => {
      const { serve } = await import("#src/main.ts");
      await serve();
    });

  const db = program.command("db").description("Database maintenance");
  db.command("migrate").description("Apply pending database migrations and list them").action(migrateCommand);

  const user = program.command("user").description("Manage user accounts (as a system operator)");
  user
    .command("add")
    .description("Create a user account; they must change the password at first sign-in")
    .requiredOption("--email <email>", "their email address (their sign-in name)")
    .requiredOption("--name <name>", "their full name")
    .requiredOption("--organisation <id>", "id of their organisation, e.g. west-midlands, rocuwm, nca")
    .addOption(
      new Option("--role <role...>", "a role (repeat --role for several)")
        .choices(roles)
        .makeOptionMandatory(),
    )
    .addOption(new Option("--scope <scope>", "what they may see").choices(scopes).makeOptionMandatory())
    .addOption(
      new Option("--clearance <level>", "their security clearance")
        .choices(classifications)
        .makeOptionMandatory(),
    )
    .addHelpText(
      "after",
      `
The first password comes from the ${newPasswordVariable} environment variable when it is set
(for scripts: fill it from a secret store), otherwise from a hidden prompt (typed twice), or the
first line of stdin when piped. It is never a command-line argument, so it does not land in shell
history or the process list.

Example:
  rocu user add --email jo.bloggs@west-midlands.police.uk --name "Jo Bloggs" \\
    --organisation west-midlands --role investigator --scope force \\
    --clearance OFFICIAL-SENSITIVE`,
    )
    .action(userAddCommand);

  user
    .command("list")
    .description("List user accounts")
    .addOption(new Option("--role <role>", "only users with this role").choices(roles))
    .addOption(
      new Option("--status <status>", "only active or disabled users").choices(["active", "disabled"]),
    )
    .option("--json", "print JSON instead of a table")
    .action(userListCommand);

  user
    .command("disable")
    .description("Disable an account: its sessions end at once and its API tokens stop working")
    .argument("<email>", "the user's email address")
    .action((email: string) => userSetDisabledCommand(email, true));

  user
    .command("enable")
    .description("Enable a disabled account again")
    .argument("<email>", "the user's email address")
    .action((email: string) => userSetDisabledCommand(email, false));

  const token = program.command("token").description("Manage API tokens");
  token
    .command("create")
    .description("Create an API token for a user and print its secret (shown only once)")
    .requiredOption("--email <email>", "email of the user the token acts as")
    .requiredOption("--name <name>", "what the token is for, e.g. 'nightly export'")
    .addOption(
      new Option("--scope <scope...>", "what the token may do (repeat --scope for several)")
        .choices(tokenScopes)
        .default(["read"]),
    )
    .option("--days <days>", "days until it expires (1 to 365)", wholeDays, 90)
    .action(tokenCreateCommand);

  token
    .command("revoke")
    .description("Revoke an API token at once")
    .argument("<token-id>", "the token's id (as printed by token create)")
    .action(tokenRevokeCommand);

  const imports = program.command("import").description("Import records from files");
  imports
    .command("referrals")
    .description(
      "Import a CSV or JSON Lines file of cyber crime referrals (docs/referral-import.md); nothing is imported from a file with errors",
    )
    .argument("<file>", "the file: .csv with a header row, or .jsonl / .ndjson with one referral per line")
    .requiredOption(
      "--as <email>",
      "the user the import acts as: their force areas and clearance apply, and the run is theirs",
    )
    .option("--batch-size <rows>", "rows stored per transaction", batchRows, 2000)
    .addHelpText(
      "after",
      `
Progress goes to stderr, the summary to stdout; the exit code is 1 when the file has errors.
If an import is interrupted (a crash, Ctrl+C), run the same command on the same file again: it
continues after the last stored batch, so every row is stored exactly once.

Example:
  rocu import referrals action-fraud-2026-04.csv --as jo.bloggs@west-midlands.police.uk`,
    )
    .action(importReferralsCommand);

  const audit = program.command("audit").description("The hash-chained audit trail");
  audit
    .command("verify")
    .description("Check every audit event's hash and link; exits 1 if the trail was altered")
    .action(auditVerifyCommand);

  program
    .command("seed")
    .description("Add demo data: one demo user per role (refused when NODE_ENV=production)")
    .option("--demo", "seed the demo users (the password is ROCU_DEMO_PASSWORD)")
    .action(seedCommand);

  return program;
}

await buildProgram().parseAsync().catch(reportError);
