import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, like, sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hashPassword } from "#src/auth/passwords.ts";
import { actorFromUser } from "#src/auth/sessions.ts";
import { type Database, openPglite, openPostgres } from "#src/db/database.ts";
import { migrate } from "#src/db/migrate.ts";
import { auditEvents, referralImportRuns, referrals, users } from "#src/db/schema.ts";
import { importReferralFile } from "#src/features/referrals/import/run.ts";
import type { ImportRunView } from "#src/features/referrals/import/schema.ts";
import type { ReferralView } from "#src/features/referrals/schema.ts";
import { withDatabase } from "../support/global-setup.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;

const root = fileURLToPath(new URL("../../", import.meta.url));
const header =
  "crime_reference,source,force,reported_on,offence_from,offence_to,nfib_code,summary,victim_type,victim_age_band,victim_name,victim_email,victim_phone,contact_preference,vulnerability,vulnerability_indicators,harm_ongoing,loss_pounds,suspect_emails,suspect_phones,suspect_urls,suspect_ips,suspect_wallets,suspect_bank_accounts,suspect_social_handles,classification";

interface RowValues {
  reference: string;
  force?: string;
  reportedOn?: string;
  nfib?: string;
  summary?: string;
  loss?: string;
  email?: string;
  harm?: string;
  classification?: string;
}

/** One CSV data row of a West Midlands referral, with the cells a test cares about. */
function csvRow(values: RowValues): string {
  const cells = [
    values.reference,
    "action-fraud",
    values.force ?? "west-midlands",
    values.reportedOn ?? "2026-04-06",
    "",
    "",
    values.nfib ?? "NFIB52C",
    values.summary ?? "E-mail account taken over and used to ask contacts for money",
    "individual",
    "65-74",
    "Pat Example",
    values.email ?? "",
    "",
    "phone",
    "some",
    "lives alone",
    values.harm ?? "no",
    values.loss ?? "1250.50",
    "claims@secure-refunds.example",
    "",
    "",
    "",
    "",
    "",
    "",
    values.classification ?? "OFFICIAL",
  ];
  return cells.join(",");
}

const csvFile = (rows: RowValues[]) => `${header}\n${rows.map(csvRow).join("\n")}\n`;

function jsonReferral(reference: string, overrides: Record<string, unknown> = {}) {
  return {
    crimeReference: reference,
    source: "report-fraud",
    forceId: "west-midlands",
    reportedOn: "2026-04-07",
    nfibCode: "NFIB52B",
    summary: "Remote access scam: laptop taken over and bank account used",
    victimType: "individual",
    victimAgeBand: "75-plus",
    contactPreference: "visit",
    vulnerability: "high",
    harmOngoing: true,
    lossPounds: 18400,
    suspectIdentifiers: [{ kind: "phone", value: "07700 900999" }],
    classification: "OFFICIAL",
    ...overrides,
  };
}

let prefixes = 0;
/** Crime references unique to one test, so tests on one database never meet. */
const referencePrefix = () => `RI${++prefixes}X${randomBytes(2).toString("hex").toUpperCase()}`;

describe.each(databaseKinds())("referral import on %s", (kind) => {
  let t: TestApp;
  let investigator: Client;
  let otherInvestigator: Client;
  let investigatorToken: string;
  let directory: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    investigator = await t.signedIn({ roles: ["investigator"], organisationId: "west-midlands" });
    otherInvestigator = await t.signedIn({ roles: ["investigator"], organisationId: "west-midlands" });
    const token = await investigator.post<{ secret: string }>("/api/v1/tokens", {
      name: "import script",
      scopes: ["read", "write"],
    });
    investigatorToken = token.body.secret;
    directory = mkdtempSync(join(tmpdir(), "rocu-referral-import-test-"));
  });
  afterAll(async () => {
    await t.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /**
   * Sends a file as the request body. Text goes as the browser sends it (session and CSRF
   * token); bytes, which need not be text, go with an API token, as a script would send them.
   */
  const upload = async (client: Client, content: string | Buffer, fileName: string, type = "text/csv") => {
    const path = `/api/v1/referral-imports?fileName=${encodeURIComponent(fileName)}`;
    if (typeof content === "string")
      return client.request<ImportRunView>("POST", path, content, { "content-type": type });
    const response = await fetch(new URL(path, t.baseUrl), {
      method: "POST",
      headers: { authorization: `Bearer ${investigatorToken}`, "content-type": type },
      body: new Uint8Array(content),
    });
    return { status: response.status, body: (await response.json()) as ImportRunView };
  };

  /** Polls a run until it has finished, as the import page does. */
  async function finished(client: Client, id: string): Promise<ImportRunView> {
    for (let attempt = 0; attempt < 600; attempt++) {
      const response = await client.get<ImportRunView>(`/api/v1/referral-imports/${id}`);
      expect(response.status).toBe(200);
      if (response.body.status === "completed" || response.body.status === "failed") return response.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`import ${id} did not finish`);
  }

  async function importThroughApi(content: string | Buffer, fileName = "referrals.csv", type = "text/csv") {
    const started = await upload(investigator, content, fileName, type);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    return finished(investigator, started.body.id);
  }

  const storedCount = async (prefix: string) => {
    const [row] = await t.database.db
      .select({ count: sql<number>`count(*)::int` })
      .from(referrals)
      .where(like(referrals.crimeReference, `${prefix}%`));
    return row?.count ?? 0;
  };

  const investigatorContext = async () => {
    const [user] = await t.database.db.select().from(users).where(eq(users.id, investigator.userId));
    if (!user) throw new Error("no investigator");
    return { actor: actorFromUser(user), requestId: null, clientIp: "test" };
  };

  it("imports a CSV file through the API: the run ends completed with its counts, one audit event per batch", async () => {
    const prefix = referencePrefix();
    const run = await importThroughApi(
      csvFile([
        { reference: `${prefix}1` },
        { reference: `${prefix}2`, loss: "0" },
        { reference: `${prefix}3` },
      ]),
    );
    expect(run).toMatchObject({
      status: "completed",
      format: "csv",
      fileName: "referrals.csv",
      totalRows: 3,
      committedRows: 3,
      createdCount: 3,
      versionedCount: 0,
      unchangedCount: 0,
      errors: [],
    });
    expect(await storedCount(prefix)).toBe(3);
    const batches = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, run.id), eq(auditEvents.action, "referral.import-batch")));
    expect(batches).toHaveLength(1);
    expect(batches[0]?.changes).toMatchObject({ lines: { after: "2-4" }, created: { after: 3 } });

    const list = await investigator.get<{ items: { id: string }[] }>("/api/v1/referral-imports");
    expect(list.body.items.map((item) => item.id)).toContain(run.id);
    // A run is its starter's: others neither see it nor find it in their list.
    expect((await otherInvestigator.get(`/api/v1/referral-imports/${run.id}`)).status).toBe(404);
    const theirs = await otherInvestigator.get<{ items: { id: string }[] }>("/api/v1/referral-imports");
    expect(theirs.body.items.map((item) => item.id)).not.toContain(run.id);
  });

  it("names every bad row by line and column, and writes nothing from a file with errors", async () => {
    const prefix = referencePrefix();
    const run = await importThroughApi(
      csvFile([
        { reference: `${prefix}1` },
        { reference: `${prefix}2`, reportedOn: "2026-02-30" },
        { reference: `${prefix}3`, nfib: "NFIB99Z" },
        { reference: `${prefix}4`, force: "gotham" },
        { reference: `${prefix}5`, loss: "-20" },
        { reference: `${prefix}6`, loss: "lots" },
        { reference: `${prefix}1` },
        { reference: `${prefix}8`, summary: "x".repeat(4001) },
        { reference: `${prefix}9`, harm: "maybe" },
        { reference: `${prefix}10`, force: "staffordshire" },
        { reference: `${prefix}11`, classification: "SECRET" },
      ]),
    );
    expect(run.status).toBe("failed");
    expect(run.committedRows).toBe(0);
    expect(run.totalRows).toBe(11);
    const errorOn = (line: number) => run.errors.filter((error) => error.line === line);
    expect(errorOn(2)).toEqual([]);
    expect(errorOn(3)).toEqual([
      { line: 3, field: "reported_on", message: expect.stringContaining("real date") },
    ]);
    expect(errorOn(4)).toEqual([{ line: 4, field: "nfib_code", message: "Unknown NFIB code NFIB99Z" }]);
    expect(errorOn(5)).toEqual([
      { line: 5, field: "force", message: expect.stringContaining("Unknown force area gotham") },
    ]);
    expect(errorOn(6)).toEqual([{ line: 6, field: "loss_pounds", message: "A loss cannot be negative" }]);
    expect(errorOn(7)).toEqual([
      { line: 7, field: "loss_pounds", message: expect.stringContaining("number of pounds") },
    ]);
    expect(errorOn(8)).toEqual([
      {
        line: 8,
        field: "crime_reference",
        message: `Crime reference ${prefix}1 is already on line 2 of this file`,
      },
    ]);
    expect(errorOn(9)).toEqual([{ line: 9, field: "summary", message: "Use 4,000 characters or fewer" }]);
    expect(errorOn(10)).toEqual([{ line: 10, field: "harm_ongoing", message: "Enter yes or no" }]);
    expect(errorOn(11)).toEqual([
      { line: 11, field: "force", message: expect.stringContaining("force areas you work in") },
    ]);
    expect(errorOn(12)).toEqual([
      { line: 12, field: "classification", message: expect.stringContaining("above your own clearance") },
    ]);
    expect(await storedCount(prefix)).toBe(0);
  });

  it("refuses to change, through an import, a referral another force holds", async () => {
    const prefix = referencePrefix();
    const staffordshire = await t.signedIn({ roles: ["investigator"], organisationId: "staffordshire" });
    const held = jsonReferral(`${prefix}1`, { forceId: "staffordshire" });
    expect((await staffordshire.post("/api/v1/referrals", held)).status).toBe(201);
    const changed = await importThroughApi(
      csvFile([{ reference: `${prefix}2` }, { reference: `${prefix}1` }]),
      "held.csv",
    );
    expect(changed.errors).toEqual([
      {
        line: 3,
        field: "crime_reference",
        message: `Another force area already holds a referral with crime reference ${prefix}1`,
      },
    ]);
    expect(await storedCount(`${prefix}2`)).toBe(0);
  });

  it("refuses a header with unknown or missing columns, on line 1", async () => {
    const run = await importThroughApi(
      "crime_reference,source,force,colour\nNFRC1,action-fraud,west-midlands,red\n",
      "columns.csv",
    );
    expect(run.status).toBe("failed");
    expect(run.errors).toContainEqual({
      line: 1,
      field: "colour",
      message: expect.stringContaining("Unknown column colour"),
    });
    expect(run.errors).toContainEqual({
      line: 1,
      field: "nfib_code",
      message: "Missing required column nfib_code",
    });
    expect(run.errors.every((error) => error.line === 1)).toBe(true);
  });

  it("refuses an empty file, a file with only a header, a file that is not UTF-8 and malformed CSV", async () => {
    const empty = await upload(investigator, "", "empty.csv");
    expect(empty.status).toBe(400);

    const headerOnly = await importThroughApi(`${header}\n`, "header-only.csv");
    expect(headerOnly.errors).toEqual([
      { line: 1, field: "file", message: expect.stringContaining("no referrals") },
    ]);

    const prefix = referencePrefix();
    // "£" as Windows-1252 writes it (0xA3) is not UTF-8.
    const latin1 = Buffer.concat([
      Buffer.from(csvFile([{ reference: `${prefix}1` }])),
      Buffer.from(`${csvRow({ reference: `${prefix}2`, summary: "Lost " })}`),
      Buffer.from([0xa3]),
      Buffer.from("100\n"),
    ]);
    const notUtf8 = await importThroughApi(latin1, "latin1.csv");
    expect(notUtf8.errors).toEqual([
      {
        line: 3,
        field: "file",
        message: expect.stringMatching(/^Line 3 is not UTF-8 text: save the file as/),
      },
    ]);

    const unclosed = await importThroughApi(
      `${csvFile([{ reference: `${prefix}3` }])}${csvRow({ reference: `${prefix}4`, summary: '"never closed' })}\n`,
      "unclosed.csv",
    );
    expect(unclosed.errors).toEqual([
      { line: 3, field: "file", message: expect.stringContaining("The file is not valid CSV from line 3") },
    ]);
    expect(await storedCount(prefix)).toBe(0);
  });

  it("imports JSON Lines, the body the API takes, skipping blank lines and naming bad fields by path", async () => {
    const prefix = referencePrefix();
    const good = [jsonReferral(`${prefix}1`), jsonReferral(`${prefix}2`, { lossPounds: 10 })];
    const run = await importThroughApi(
      `${JSON.stringify(good[0])}\n\n${JSON.stringify(good[1])}\n`,
      "referrals.jsonl",
      "application/x-ndjson",
    );
    expect(run).toMatchObject({ status: "completed", format: "jsonl", totalRows: 2, createdCount: 2 });

    const bad = await importThroughApi(
      [
        JSON.stringify(jsonReferral(`${prefix}3`, { colour: "red" })),
        "{not json",
        JSON.stringify(jsonReferral(`${prefix}4`, { suspectIdentifiers: [{ kind: "pager", value: "1" }] })),
        JSON.stringify(jsonReferral(`${prefix}5`, { nfibCode: "NFIB99Z" })),
        "[1, 2]",
      ].join("\n"),
      "bad.ndjson",
      "application/x-ndjson",
    );
    expect(bad.status).toBe("failed");
    expect(bad.errors).toEqual([
      { line: 1, field: "colour", message: "Unknown field colour" },
      { line: 2, field: "row", message: expect.stringContaining("not valid JSON") },
      { line: 3, field: "suspectIdentifiers.0.kind", message: expect.any(String) },
      { line: 4, field: "nfibCode", message: "Unknown NFIB code NFIB99Z" },
      { line: 5, field: "row", message: expect.stringContaining("one JSON object") },
    ]);
    expect(await storedCount(`${prefix}3`)).toBe(0);
  });

  it("stores text exactly as written: quotes, backslashes, braces, commas, line breaks and accents", async () => {
    const prefix = referencePrefix();
    const summary = 'He said "pay now", sent C:\\temp\\{invoice}.exe,\r\nthen NULL;\tcafé £5';
    const indicators = ['says "no"', "back\\slash", "{braces}", "NULL"];
    const run = await importThroughApi(
      `${JSON.stringify(jsonReferral(`${prefix}1`, { summary, vulnerabilityIndicators: indicators }))}\n`,
      "text.jsonl",
      "application/x-ndjson",
    );
    expect(run.status).toBe("completed");
    const [stored] = await t.database.db
      .select({ summary: referrals.summary, indicators: referrals.vulnerabilityIndicators })
      .from(referrals)
      .where(eq(referrals.crimeReference, `${prefix}1`));
    expect(stored).toEqual({ summary, indicators: [...indicators].sort() });
  });

  it("refuses control characters by line and field, the mark of a file in the wrong encoding", async () => {
    const prefix = referencePrefix();
    const run = await importThroughApi(
      [
        JSON.stringify(jsonReferral(`${prefix}1`, { summary: "Paid\u001f twice" })),
        JSON.stringify(jsonReferral(`${prefix}2`, { victimName: "Pat\u0000" })),
        JSON.stringify(jsonReferral(`${prefix}3`, { vulnerabilityIndicators: ["fine", "bell\u0007"] })),
        JSON.stringify(jsonReferral(`${prefix}4`)),
      ].join("\n"),
      "control.jsonl",
      "application/x-ndjson",
    );
    expect(run.status).toBe("failed");
    expect(run.errors).toEqual([
      { line: 1, field: "summary", message: expect.stringContaining("control character U+001F") },
      { line: 2, field: "victimName", message: expect.stringContaining("control character U+0000") },
      {
        line: 3,
        field: "vulnerabilityIndicators.1",
        message: expect.stringContaining("control character U+0007"),
      },
    ]);
    expect(await storedCount(prefix)).toBe(0);
  });

  it("changes nothing when a file is imported again, and makes version 2 of a row re-sent with changes", async () => {
    const prefix = referencePrefix();
    const content = csvFile([{ reference: `${prefix}1` }, { reference: `${prefix}2` }]);
    const first = await importThroughApi(content);
    const again = await importThroughApi(content);
    expect(again.id).not.toBe(first.id);
    expect(again).toMatchObject({
      status: "completed",
      createdCount: 0,
      versionedCount: 0,
      unchangedCount: 2,
    });

    const changed = await importThroughApi(
      csvFile([{ reference: `${prefix}1`, loss: "2000", harm: "yes" }, { reference: `${prefix}2` }]),
    );
    expect(changed).toMatchObject({
      status: "completed",
      createdCount: 0,
      versionedCount: 1,
      unchangedCount: 1,
    });
    const [stored] = await t.database.db
      .select({ id: referrals.id })
      .from(referrals)
      .where(eq(referrals.crimeReference, `${prefix}1`));
    const referral = await investigator.get<ReferralView>(`/api/v1/referrals/${stored?.id}`);
    expect(referral.body.version).toBe(2);
    expect(referral.body.versions).toEqual([
      expect.objectContaining({
        version: 1,
        changes: {
          lossPence: { before: 125050, after: 200000 },
          harmOngoing: { before: false, after: true },
        },
      }),
    ]);
  });

  it("resumes an interrupted import after its last committed batch, so every row is stored once", async () => {
    const prefix = referencePrefix();
    const path = join(directory, "interrupted.csv");
    writeFileSync(
      path,
      csvFile(Array.from({ length: 25 }, (_, index) => ({ reference: `${prefix}${index + 1}` }))),
    );
    const context = await investigatorContext();
    const file = { path, fileName: "interrupted.csv", format: "csv" as const };
    const interruption = new Error("simulated crash");
    // The progress callback runs after each committed batch: failing there is a crash between batches.
    await expect(
      importReferralFile(t.database.db, context, file, {
        batchSize: 10,
        onProgress: (progress) => {
          if (progress.phase === "importing" && progress.rowsDone >= 10) throw interruption;
        },
      }),
    ).rejects.toBe(interruption);
    const [interrupted] = await t.database.db
      .select()
      .from(referralImportRuns)
      .where(eq(referralImportRuns.fileName, "interrupted.csv"));
    expect(interrupted).toMatchObject({ status: "importing", committedRows: 10, totalRows: 25 });
    expect(await storedCount(prefix)).toBe(10);

    const resumed = await importReferralFile(t.database.db, context, file, { batchSize: 10 });
    expect(resumed).toMatchObject({
      id: interrupted?.id,
      status: "completed",
      committedRows: 25,
      createdCount: 25,
      unchangedCount: 0,
    });
    expect(await storedCount(prefix)).toBe(25);
  });

  it("answers a second upload of a file being imported with the same run", async () => {
    const prefix = referencePrefix();
    const content = csvFile(Array.from({ length: 3000 }, (_, index) => ({ reference: `${prefix}${index}` })));
    const [first, second] = await Promise.all([
      upload(investigator, content, "big.csv"),
      upload(investigator, content, "big.csv"),
    ]);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    expect(await finished(investigator, first.body.id)).toMatchObject({
      status: "completed",
      createdCount: 3000,
    });
  });

  it("offers a template whose header and example row import cleanly", async () => {
    const template = await investigator.get<string>("/api/v1/referral-imports/template.csv");
    expect(template.status).toBe(200);
    expect(template.headers.get("content-type")).toContain("text/csv");
    const [headerRow] = template.body.split("\r\n");
    expect(headerRow).toBe(header);
    const run = await importThroughApi(template.body, "template.csv");
    expect(run).toMatchObject({ status: "completed", totalRows: 1 });
  });
});

/**
 * The crash test: the real CLI, killed with SIGKILL part-way through an import, then run again on
 * the same file; every row must be stored exactly once. On PostgreSQL the test watches the run
 * in the database and kills once a batch is committed. The embedded database cannot be read while
 * the CLI holds it, so there the test kills after the CLI's second "Importing" line (printed once
 * a tenth of the rows are committed, or 5 s in) and checks afterwards that the kill came part-way.
 */
describe.each(databaseKinds())("an import killed part-way on %s", (kind) => {
  const total = 20_000;
  const batchSize = 200;
  let directory: string;
  let environment: NodeJS.ProcessEnv;
  let openDatabase: () => Promise<Database>;
  let dropDatabase = async () => {};

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), "rocu-referral-crash-"));
    environment = { ...process.env, LOG_LEVEL: "silent", NODE_ENV: "test" };
    delete environment.DATABASE_URL;
    if (kind === "postgres") {
      const serverUrl = process.env.TEST_DATABASE_URL ?? "";
      const name = `${inject("postgresTemplate")}_crash_${randomBytes(3).toString("hex")}`;
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("postgresTemplate")}`);
      await admin.end();
      environment.DATABASE_URL = withDatabase(serverUrl, name);
      openDatabase = () => openPostgres(withDatabase(serverUrl, name));
      dropDatabase = async () => {
        const client = new pg.Client({ connectionString: serverUrl });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      };
    } else {
      const dataDir = join(directory, "data");
      environment.ROCU_DATA_DIR = dataDir;
      openDatabase = async () => {
        const database = await openPglite(dataDir);
        await migrate(database);
        return database;
      };
    }
    const database = await openDatabase();
    try {
      await database.db.insert(users).values({
        email: "crash@test.rocu.test",
        name: "Crash Test",
        organisationId: "west-midlands",
        forceId: "west-midlands",
        regionId: "west-midlands",
        roles: ["investigator"],
        scope: "force",
        clearance: "OFFICIAL-SENSITIVE",
        passwordHash: await hashPassword("crash-test-password-1"),
        mustChangePassword: false,
        isDemo: false,
      });
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await dropDatabase();
    rmSync(directory, { recursive: true, force: true });
  });

  const cli = (path: string) =>
    spawn(
      process.execPath,
      [
        join(root, "bin/rocu.js"),
        "import",
        "referrals",
        path,
        "--as",
        "crash@test.rocu.test",
        "--batch-size",
        String(batchSize),
      ],
      { cwd: root, env: environment, stdio: ["ignore", "pipe", "pipe"] },
    );

  const runOf = async (database: Database) => {
    const [run] = await database.db
      .select()
      .from(referralImportRuns)
      .where(eq(referralImportRuns.fileName, "crash.csv"));
    return run;
  };

  /** Resolves when the CLI is part-way through importing (see above). */
  async function partWay(child: ReturnType<typeof cli>): Promise<void> {
    if (kind === "pglite") {
      let importingLines = 0;
      await new Promise<void>((resolve) =>
        child.stderr.on("data", (chunk: Buffer) => {
          importingLines += chunk.toString().split("Importing").length - 1;
          if (importingLines >= 2) resolve();
        }),
      );
      return;
    }
    const database = await openDatabase();
    try {
      while (((await runOf(database))?.committedRows ?? 0) === 0)
        await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      await database.close();
    }
  }

  it("stores every row exactly once after SIGKILL and a second run", { timeout: 300_000 }, async () => {
    const path = join(directory, "crash.csv");
    writeFileSync(
      path,
      csvFile(Array.from({ length: total }, (_, index) => ({ reference: `CRASH${index}` }))),
    );

    const first = cli(path);
    const killed = new Promise<NodeJS.Signals | null>((resolve) =>
      first.on("exit", (_code, signal) => resolve(signal)),
    );
    await partWay(first);
    first.kill("SIGKILL");
    expect(await killed).toBe("SIGKILL");

    let database = await openDatabase();
    try {
      const afterKill = await runOf(database);
      expect(afterKill?.status).toBe("importing");
      expect(afterKill?.committedRows).toBeGreaterThan(0);
      expect(afterKill?.committedRows).toBeLessThan(total);
    } finally {
      await database.close();
    }

    const second = cli(path);
    let output = "";
    second.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) =>
      second.on("exit", (exitCode) => resolve(exitCode)),
    );
    expect(code, output).toBe(0);
    expect(output).toContain("20,000 rows — 20,000 new");

    database = await openDatabase();
    try {
      const [counts] = await database.db
        .select({
          rows: sql<number>`count(*)::int`,
          distinct: sql<number>`count(DISTINCT crime_reference)::int`,
        })
        .from(referrals)
        .where(like(referrals.crimeReference, "CRASH%"));
      expect(counts).toEqual({ rows: total, distinct: total });
      const done = await runOf(database);
      expect(done).toMatchObject({
        status: "completed",
        committedRows: total,
        createdCount: total,
        versionedCount: 0,
      });
      // One audit event per batch, and their line ranges cover the file once, in order.
      const batches = await database.db
        .select({ changes: auditEvents.changes })
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, done?.id ?? ""), eq(auditEvents.action, "referral.import-batch")))
        .orderBy(auditEvents.id);
      const ranges = batches.map((batch) => String(batch.changes.lines?.after));
      expect(ranges).toEqual(
        Array.from(
          { length: total / batchSize },
          (_, index) => `${index * batchSize + 2}-${(index + 1) * batchSize + 1}`,
        ),
      );
    } finally {
      await database.close();
    }
  });
});
