import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// Each test runs the real CLI (`node bin/rocu.js …`) against its own fresh embedded database.
// Every spawn starts PGlite (a few seconds), hence few tests, each doing several steps.

const root = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(root, "bin", "rocu.js");
const timeout = 180_000;
const strongPassword = "correct horse battery staple";

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "rocu-cli-test-"));
  dataDirs.push(dir);
  return dir;
}

function environment(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ROCU_DATA_DIR: dataDir, LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  delete env.ROCU_NEW_USER_PASSWORD;
  delete env.ROCU_DEMO_PASSWORD;
  env.NODE_ENV = "test";
  return { ...env, ...extra };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function rocu(
  dataDir: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { cwd: root, env: environment(dataDir, options.env), timeout: 60_000 },
      (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? "");
  });
}

interface ListedUser {
  email: string;
  roles: string[];
  disabled: boolean;
  mustChangePassword: boolean;
}

async function listUsers(dataDir: string, ...filters: string[]): Promise<ListedUser[]> {
  const run = await rocu(dataDir, ["user", "list", "--json", ...filters]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ListedUser[];
}

const newUser = (email: string) => [
  "user",
  "add",
  "--email",
  email,
  "--name",
  "Jo Bloggs",
  "--organisation",
  "west-midlands",
  "--role",
  "investigator",
  "--role",
  "analyst",
  "--scope",
  "force",
  "--clearance",
  "OFFICIAL-SENSITIVE",
];

describe("rocu CLI", () => {
  it(
    "migrates, seeds the demo users, lists them and verifies the audit trail",
    async () => {
      const dir = freshDataDir();

      const first = await rocu(dir, ["db", "migrate"]);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain("0001_init.sql");
      const second = await rocu(dir, ["db", "migrate"]);
      expect(second.code).toBe(0);
      expect(second.stdout.trim()).toBe("Database is up to date");

      const seeded = await rocu(dir, ["seed", "--demo"]);
      expect(seeded.code).toBe(0);
      expect(seeded.stdout).toContain("Seeded 10 demo users");

      const table = await rocu(dir, ["user", "list"]);
      expect(table.code).toBe(0);
      for (const role of ["admin", "analyst", "investigator", "supervisor", "moderator", "finance"]) {
        expect(table.stdout).toContain(`${role}@demo.rocu.test`);
      }
      expect(table.stdout).toMatch(/EMAIL\s+NAME\s+ORGANISATION\s+ROLES\s+SCOPE\s+CLEARANCE\s+STATUS/);
      expect(table.stdout).toContain("10 users");
      const admins = await listUsers(dir, "--role", "admin");
      expect(admins.map((user) => user.email)).toEqual(["admin@demo.rocu.test"]);

      const verified = await rocu(dir, ["audit", "verify"]);
      expect(verified.code).toBe(0);
      expect(verified.stdout.trim()).toMatch(/^Audit trail intact: \d+ events checked$/);
    },
    timeout,
  );

  it(
    "adds and disables users, creates and revokes tokens, and refuses bad input with exit code 1",
    async () => {
      const dir = freshDataDir();

      const weak = await rocu(dir, newUser("jo@west-midlands.police.uk"), {
        env: { ROCU_NEW_USER_PASSWORD: "short" },
      });
      expect(weak.code).toBe(1);
      expect(weak.stderr.trim()).toBe("password: Password must be at least 12 characters");
      expect(weak.stdout).toBe("");
      expect(await listUsers(dir)).toEqual([]);

      const added = await rocu(dir, newUser("jo@west-midlands.police.uk"), {
        env: { ROCU_NEW_USER_PASSWORD: strongPassword },
      });
      expect(added.stderr).toBe("");
      expect(added.code).toBe(0);
      expect(added.stdout).toContain("Created jo@west-midlands.police.uk");

      // The password may also be piped on stdin (it is never an argument).
      const piped = await rocu(dir, newUser("sam@west-midlands.police.uk"), { input: `${strongPassword}\n` });
      expect(piped.code).toBe(0);

      const duplicate = await rocu(dir, newUser("JO@west-midlands.police.uk"), { input: strongPassword });
      expect(duplicate.code).toBe(1);
      expect(duplicate.stderr).toContain("A user with this email already exists");

      const users = await listUsers(dir);
      expect(users.map((user) => user.email)).toEqual([
        "jo@west-midlands.police.uk",
        "sam@west-midlands.police.uk",
      ]);
      expect(users[0]).toMatchObject({ roles: ["investigator", "analyst"], mustChangePassword: true });

      const disabled = await rocu(dir, ["user", "disable", "sam@west-midlands.police.uk"]);
      expect(disabled.code).toBe(0);
      expect(disabled.stdout).toContain("Disabled sam@west-midlands.police.uk");
      expect((await listUsers(dir, "--status", "disabled")).map((user) => user.email)).toEqual([
        "sam@west-midlands.police.uk",
      ]);

      const unknown = await rocu(dir, ["user", "disable", "nobody@example.police.uk"]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr.trim()).toBe("No user has the email nobody@example.police.uk");

      const created = await rocu(dir, [
        "token",
        "create",
        "--email",
        "jo@west-midlands.police.uk",
        "--name",
        "nightly export",
        "--scope",
        "read",
        "--scope",
        "write",
        "--days",
        "30",
      ]);
      expect(created.stderr).toBe("");
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(/^rocu_[\w-]{20,}$/m);
      expect(created.stdout).toContain("scopes read, write");
      const tokenId = /id ([0-9a-f-]{36})/.exec(created.stdout)?.[1];
      expect(tokenId).toBeDefined();

      const revoked = await rocu(dir, ["token", "revoke", tokenId ?? ""]);
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toContain(`Token ${tokenId} is revoked`);

      const verified = await rocu(dir, ["audit", "verify"]);
      expect(verified.code).toBe(0);
      // user.create ×2, user.disable, token.create, token.revoke
      expect(verified.stdout.trim()).toBe("Audit trail intact: 5 events checked");
    },
    timeout,
  );

  it(
    "refuses to seed demo data in production, without opening the database",
    async () => {
      const run = await rocu(freshDataDir(), ["seed", "--demo"], { env: { NODE_ENV: "production" } });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("Refusing to seed demo data: NODE_ENV is production");
      expect(run.stderr).not.toMatch(/^\s+at /m);
    },
    timeout,
  );

  it(
    "stops with a clear message while the server holds the embedded database, and changes nothing",
    async () => {
      const dir = freshDataDir();
      const server = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: root,
        env: environment(dir, { PORT: "0", HOST: "127.0.0.1" }),
        stdio: ["ignore", "pipe", "pipe"],
      });
      const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
      try {
        await new Promise<void>((resolve, reject) => {
          let output = "";
          const onData = (chunk: Buffer) => {
            output += chunk.toString();
            if (output.includes("running")) resolve();
          };
          server.stdout.on("data", onData);
          server.stderr.on("data", onData);
          server.once("exit", (code) => reject(new Error(`The server exited (${code}): ${output}`)));
        });

        const listed = await rocu(dir, ["user", "list"]);
        expect(listed.code).toBe(1);
        expect(listed.stdout).toBe("");
        expect(listed.stderr).toContain("is in use by the ROCU Hub server");
        expect(listed.stderr).toContain("Stop it first");
        expect(listed.stderr).toContain("DATABASE_URL");
        expect(listed.stderr).not.toMatch(/^\s+at /m);

        const added = await rocu(dir, newUser("jo@west-midlands.police.uk"), {
          env: { ROCU_NEW_USER_PASSWORD: strongPassword },
        });
        expect(added.code).toBe(1);
        expect(added.stderr).toContain("is in use by the ROCU Hub server");
      } finally {
        server.kill("SIGTERM");
        await exited;
      }

      // Once the server has stopped, the CLI works, and the refused command wrote nothing.
      const users = await listUsers(dir);
      expect(users).toHaveLength(10);
      expect(users.map((user) => user.email)).not.toContain("jo@west-midlands.police.uk");
      const verified = await rocu(dir, ["audit", "verify"]);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toContain("Audit trail intact");
    },
    timeout,
  );
});
