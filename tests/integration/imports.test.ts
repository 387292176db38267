import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, ocgs } from "#src/db/schema.ts";
import type { ImportColumns, ImportReport } from "#src/features/imports/schema.ts";
import type { OcgView } from "#src/features/ocgs/schema.ts";
import type { Problem } from "../support/api-client.ts";
import { databaseKinds, startTestApp, type TestApp } from "../support/test-app.ts";

type Client = Awaited<ReturnType<TestApp["signedIn"]>>;
type RowsProblem = Problem & { lines?: { line: number; field: string; message: string }[] };

const header =
  "name,aliases,leadForce,level,primaryCrimeType,secondaryCrimeTypes,forcesAffected,areasAffected,estimatedSize,lro,classification";

/** A file of the given data rows under the full header. */
const csv = (...rows: string[]) => `${[header, ...rows].join("\n")}\n`;

const goodRow = (name: string) => `${name},,West Midlands,local,drugs-supply,,,,,,OFFICIAL-SENSITIVE`;

describe.each(databaseKinds())("CSV import of OCGs on %s", (kind) => {
  let t: TestApp;
  let wmAnalyst: Client;

  const importCsv = (client: Client, text: string, mode: string) =>
    client.post<ImportReport>("/api/v1/imports/ocgs", { csv: text, mode });

  /** What an import could change: the OCGs and the audit trail. */
  const counts = async () => {
    const [groups] = await t.database.db.select({ n: count() }).from(ocgs);
    const [events] = await t.database.db.select({ n: count() }).from(auditEvents);
    return { ocgs: Number(groups?.n), auditEvents: Number(events?.n) };
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    wmAnalyst = await t.signedIn({ roles: ["analyst"], organisationId: "west-midlands" });
  });
  afterAll(() => t.close());

  it("offers a template and column help, and the template's example row imports cleanly", async () => {
    const columns = await wmAnalyst.get<ImportColumns>("/api/v1/imports/ocgs/columns");
    expect(columns.status).toBe(200);
    expect(columns.body.templateFile).toBe("rocu-ocgs-template.csv");
    expect(columns.body.columns.map((column) => column.header).join(",")).toBe(header);
    expect(columns.body.columns.find((column) => column.header === "leadForce")).toMatchObject({
      required: true,
      example: "West Midlands",
    });

    const template = await wmAnalyst.get<string>("/api/v1/imports/ocgs/template");
    expect(template.status).toBe(200);
    expect(template.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(template.headers.get("content-disposition")).toBe('attachment; filename="rocu-ocgs-template.csv"');
    const lines = template.body
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(header);

    const checked = await importCsv(wmAnalyst, template.body, "check");
    expect(checked.body).toMatchObject({ rows: 1, ready: 1, imported: 0, invalid: 0, errors: [] });
    const imported = await importCsv(wmAnalyst, template.body, "all-or-nothing");
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ rows: 1, ready: 1, imported: 1, errors: [] });
    const [created] = imported.body.created;
    expect(created).toMatchObject({ line: 2, reference: expect.stringMatching(/^WM-OCG-\d{4}$/) });

    const ocg = await wmAnalyst.get<OcgView>(`/api/v1/ocgs/${created?.id}`);
    expect(ocg.body).toMatchObject({
      name: "The Harbour Crew",
      aliases: ["Harbour Boys", "HBC"],
      leadForce: { id: "west-midlands" },
      level: "force-dedicated",
      primaryCrimeType: { code: "drugs-supply" },
      secondaryCrimeTypes: ["firearms", "money-laundering"],
      forcesAffected: ["warwickshire", "west-mercia"],
      areasAffected: "Birmingham city centre",
      estimatedSize: 12,
      lro: null,
      classification: "OFFICIAL-SENSITIVE",
      status: "active",
    });
  });

  it("lists every error by line and column, and checking writes nothing", async () => {
    const lro = await t.createUser({ organisationId: "west-midlands" });
    const before = await counts();
    const file = csv(
      `Line Two Crew,"Two; Deuce",west-midlands,Regional,Drugs supply,Firearms,Warwickshire,,7,${lro.email},official-sensitive`,
      "Line Three Crew,,Atlantis Police,local,drugs-supply,,,,,,OFFICIAL-SENSITIVE",
      "Line Four Crew,,West Midlands,galactic,smuggling,,Narnia,,lots,nobody@nowhere.test,OFFICIAL",
      ",,West Midlands,local,drugs-supply,,,,-2,,TOP SECRET",
      "Line Six Crew,,West Midlands,local",
    );
    const response = await importCsv(wmAnalyst, file, "check");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 5, ready: 1, imported: 0, invalid: 4, created: [] });
    const byLine = (line: number) =>
      response.body.errors
        .filter((error) => error.line === line)
        .map(({ field, message }) => ({ field, message }));
    expect(byLine(2)).toEqual([]);
    expect(byLine(3)).toEqual([
      {
        field: "leadForce",
        message: "Unknown force “Atlantis Police”: give a force's id or name, such as West Midlands",
      },
    ]);
    expect(byLine(4).map((error) => error.field)).toEqual([
      "primaryCrimeType",
      "forcesAffected",
      "lro",
      "level",
      "estimatedSize",
    ]);
    expect(byLine(4)).toContainEqual({
      field: "lro",
      message: "No active user has the email address “nobody@nowhere.test”",
    });
    expect(byLine(4)).toContainEqual({ field: "forcesAffected", message: "Unknown force: “Narnia”" });
    expect(
      byLine(5)
        .map((error) => error.field)
        .sort(),
    ).toEqual(["classification", "estimatedSize", "name"]);
    expect(byLine(6)).toEqual([
      {
        field: "",
        message: "This row has 4 cells but the header has 11: check for a missing or extra comma",
      },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("imports nothing from a file with errors unless asked to import only the valid rows", async () => {
    const file = csv(
      goodRow("Valid Only One"),
      goodRow("Valid Only Two").replace("local", "nowhere"),
      goodRow("Valid Only Three"),
    );
    const before = await counts();

    const refused = await wmAnalyst.post<RowsProblem>("/api/v1/imports/ocgs", {
      csv: file,
      mode: "all-or-nothing",
    });
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toBe(
      "1 row of 3 has errors, so nothing was imported: correct them, or import only the valid rows",
    );
    expect(refused.body.lines).toEqual([
      { line: 3, field: "level", message: expect.stringMatching(/^Unknown level of activity “nowhere”/) },
    ]);
    expect(await counts()).toEqual(before);

    const imported = await importCsv(wmAnalyst, file, "valid-only");
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ rows: 3, ready: 2, imported: 2, invalid: 1, alreadyImported: 0 });
    expect(imported.body.created.map((created) => created.line)).toEqual([2, 4]);
    expect(imported.body.errors.map((error) => [error.line, error.field])).toEqual([[3, "level"]]);
    const after = await counts();
    // One OCG and one audit event per imported row, nothing else.
    expect(after).toEqual({ ocgs: before.ocgs + 2, auditEvents: before.auditEvents + 2 });

    const names = await Promise.all(
      imported.body.created.map(
        async (created) => (await wmAnalyst.get<OcgView>(`/api/v1/ocgs/${created.id}`)).body.name,
      ),
    );
    expect(names).toEqual(["Valid Only One", "Valid Only Three"]);
  });

  it("changes nothing when the same file is imported again, in any column order", async () => {
    const file = csv(goodRow("Again One"), goodRow("Again Two"));
    const first = await importCsv(wmAnalyst, file, "all-or-nothing");
    expect(first.body.imported).toBe(2);
    const before = await counts();

    const again = await importCsv(wmAnalyst, file, "all-or-nothing");
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ rows: 2, ready: 0, imported: 0, alreadyImported: 2, created: [] });

    const reordered =
      "classification,leadForce,name,level,primaryCrimeType\n" +
      "OFFICIAL-SENSITIVE,West Midlands,Again Two,local,drugs-supply\n";
    const shuffled = await importCsv(wmAnalyst, reordered, "valid-only");
    expect(shuffled.body).toMatchObject({ rows: 1, imported: 0, alreadyImported: 1 });
    expect(await counts()).toEqual(before);
  });

  it("imports a row repeated within a file once", async () => {
    const before = await counts();
    const response = await importCsv(
      wmAnalyst,
      csv(goodRow("Twice Crew"), goodRow("Twice Crew")),
      "valid-only",
    );
    expect(response.body).toMatchObject({ rows: 2, ready: 1, imported: 1, repeated: 1, invalid: 0 });
    expect((await counts()).ocgs).toBe(before.ocgs + 1);
  });

  it("makes a row outside the importer's scope or clearance a line error, not a refusal of the file", async () => {
    const file = csv(
      goodRow("In Scope Crew"),
      goodRow("Other Force Crew").replace("West Midlands", "Derbyshire"),
      goodRow("Secret Crew").replace("OFFICIAL-SENSITIVE", "SECRET"),
    );
    const response = await importCsv(wmAnalyst, file, "valid-only");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 3, imported: 1, invalid: 2 });
    expect(response.body.errors).toEqual([
      {
        line: 3,
        field: "leadForce",
        message: "Derbyshire is outside your scope: you can only import OCGs led by forces you manage",
      },
      { line: 4, field: "classification", message: "SECRET is above your clearance" },
    ]);
  });

  it("refuses a file whose header does not match, naming the columns", async () => {
    const response = await wmAnalyst.post<Problem>("/api/v1/imports/ocgs", {
      csv: "name,colour,level\nOne,red,local\n",
      mode: "check",
    });
    expect(response.status).toBe(400);
    expect(response.body.detail).toBe(
      "The header row does not match the template: unknown column colour; missing required columns leadForce, primaryCrimeType, classification",
    );
    expect(response.body.errors?.map((error) => error.field)).toEqual([
      "colour",
      "leadForce",
      "primaryCrimeType",
      "classification",
    ]);
  });

  it("is only for those who may manage OCGs", async () => {
    const investigator = await t.signedIn({ roles: ["investigator"], organisationId: "west-midlands" });
    const response = await importCsv(investigator, csv(goodRow("Not Allowed Crew")), "check");
    expect(response.status).toBe(403);
    expect((await investigator.get("/api/v1/imports/ocgs/template")).status).toBe(403);
  });

  it("takes files larger than the general body limit", async () => {
    const rows = Array.from({ length: 6000 }, (_, index) => goodRow(`Bulk Crew ${index} ${"x".repeat(150)}`));
    const file = csv(...rows);
    expect(file.length).toBeGreaterThan(t.config.ROCU_BODY_LIMIT_BYTES);
    const response = await importCsv(wmAnalyst, file, "check");
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ rows: 6000, ready: 6000, invalid: 0 });
  });
});

describe.each(databaseKinds())("CSV import of outcomes on %s", (kind) => {
  let t: TestApp;
  let supervisor: Client;
  let ocgReference: string;
  const codeName = "IMPORT HERON";

  const importCsv = (client: Client, text: string, mode: string) =>
    client.post<ImportReport>("/api/v1/imports/outcomes", { csv: text, mode });
  const outcomeHeader = "kind,operation,ocg,occurredOn,quantity,commodity,offence,sentenceMonths,force,notes";

  beforeAll(async () => {
    t = await startTestApp(kind);
    supervisor = await t.signedIn({ roles: ["supervisor"], organisationId: "west-midlands" });
    const ocg = await supervisor.post<OcgView>("/api/v1/ocgs", {
      name: "Outcome Import Crew",
      leadForceId: "west-midlands",
      level: "local",
      primaryCrimeType: "drugs-supply",
      classification: "OFFICIAL-SENSITIVE",
    });
    ocgReference = ocg.body.reference;
    const operation = await supervisor.post("/api/v1/operations", {
      codeName,
      leadOrganisationId: "west-midlands",
      hostForceId: "west-midlands",
      level: "local",
      targetOcgIds: [ocg.body.id],
      classification: "OFFICIAL-SENSITIVE",
    });
    expect(operation.status, JSON.stringify(operation.body)).toBe(201);
  });
  afterAll(() => t.close());

  it("imports outcomes by operation code name and OCG reference, reporting bad rows by line", async () => {
    const template = await supervisor.get<string>("/api/v1/imports/outcomes/template");
    expect(template.headers.get("content-disposition")).toBe(
      'attachment; filename="rocu-outcomes-template.csv"',
    );
    const file = [
      outcomeHeader,
      `seizure,Operation Import Heron,${ocgReference},2025-06-01,"2,500.5",Cocaine,,,,Found in a lorry`,
      `conviction,${codeName},${ocgReference},14/07/2025,,,Conspiracy to supply,96,,`,
      `arrest,NO SUCH OP,${ocgReference},2025-06-01,3,,,,,`,
      `arrest,${codeName},${ocgReference},2025-06-01,,,,,,`,
      `charge,${codeName},${ocgReference},2025-06-01,2,,,,Staffordshire,`,
    ].join("\n");
    const response = await importCsv(supervisor, file, "valid-only");
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ rows: 5, ready: 2, imported: 2, invalid: 3 });
    expect(response.body.created.map((created) => created.line)).toEqual([2, 3]);
    expect(response.body.errors).toEqual([
      { line: 4, field: "operation", message: "No operation has the code name “NO SUCH OP”" },
      { line: 5, field: "quantity", message: expect.stringMatching(/^Enter the number of people/i) },
      {
        line: 6,
        field: "force",
        message:
          "Staffordshire is outside your scope: you can only import outcomes credited to forces you manage",
      },
    ]);
    const seizure = await supervisor.get<{ quantity: number; commodity: string; occurredOn: string }>(
      `/api/v1/outcomes/${response.body.created[0]?.id}`,
    );
    expect(seizure.body).toMatchObject({ quantity: 2500.5, commodity: "cocaine", occurredOn: "2025-06-01" });
    const conviction = await supervisor.get<{ occurredOn: string; sentenceMonths: number }>(
      `/api/v1/outcomes/${response.body.created[1]?.id}`,
    );
    expect(conviction.body).toMatchObject({ occurredOn: "2025-07-14", sentenceMonths: 96 });

    const again = await importCsv(supervisor, file, "valid-only");
    expect(again.body).toMatchObject({ rows: 5, imported: 0, alreadyImported: 2, invalid: 3 });
  });
});

describe.each(databaseKinds())("CSV import of disruption claims on %s", (kind) => {
  let t: TestApp;
  let wmAnalyst: Client;
  let wmOcg: OcgView;
  let staffordshireOcg: OcgView;

  beforeAll(async () => {
    t = await startTestApp(kind);
    wmAnalyst = await t.signedIn({ roles: ["analyst"], organisationId: "west-midlands" });
    const national = await t.signedIn({ roles: ["analyst"], scope: "national", clearance: "SECRET" });
    const ocg = async (leadForceId: string) =>
      (
        await national.post<OcgView>("/api/v1/ocgs", {
          name: `Claims Crew ${leadForceId}`,
          leadForceId,
          level: "local",
          primaryCrimeType: "firearms",
          classification: "OFFICIAL-SENSITIVE",
        })
      ).body;
    wmOcg = await ocg("west-midlands");
    staffordshireOcg = await ocg("staffordshire");
  });
  afterAll(() => t.close());

  it("imports claims as drafts, with the OCG's crime type by default, and rows out of reach as line errors", async () => {
    const file = [
      "ocg,disruptedOn,claimedGrade,strand,crimeType,narrative,evidenceReferences,classification",
      `${wmOcg.reference},2025-09-01,Major,Pursue,,Firearms recovered in a raid,CASE-1; EXH-2,OFFICIAL-SENSITIVE`,
      `${staffordshireOcg.reference},2025-09-01,minor,pursue,,Not ours to claim,,OFFICIAL-SENSITIVE`,
      `${wmOcg.reference},2025-09-02,huge,pursue,,A big one,,SECRET`,
    ].join("\n");
    const response = await wmAnalyst.post<ImportReport>("/api/v1/imports/disruptions", {
      csv: file,
      mode: "valid-only",
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ rows: 3, imported: 1, invalid: 2 });
    expect(response.body.created[0]?.reference).toMatch(/^WM-DIS-\d{4}$/);
    expect(response.body.errors).toEqual([
      { line: 3, field: "ocg", message: `${staffordshireOcg.reference} is not an OCG you can see` },
      { line: 4, field: "claimedGrade", message: "Unknown grade “huge”: use major, moderate, minor" },
    ]);
    const claim = await wmAnalyst.get(`/api/v1/disruptions/${response.body.created[0]?.id}`);
    expect(claim.body).toMatchObject({
      status: "draft",
      claimedGrade: "major",
      crimeType: { code: "firearms" },
      evidenceReferences: ["CASE-1", "EXH-2"],
    });

    const again = await wmAnalyst.post<ImportReport>("/api/v1/imports/disruptions", {
      csv: file,
      mode: "valid-only",
    });
    expect(again.body).toMatchObject({ imported: 0, alreadyImported: 1 });
  });
});
