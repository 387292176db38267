import { describe, expect, it } from "vitest";
import { csvColumns, readCsvHeader, readCsvRow, readJsonLine, templateCsv } from "./rows.ts";

const headers = csvColumns.map((column) => column.header);
const example = Object.fromEntries(csvColumns.map((column) => [column.header, column.example]));

/** A data row in template order, from the template's example with some cells changed. */
function row(changes: Record<string, string> = {}, line = 2) {
  const header = readCsvHeader(headers);
  if (!header.ok) throw new Error("the template's header is refused");
  return readCsvRow(
    line,
    header.columns,
    headers.map((name) => changes[name] ?? example[name] ?? ""),
  );
}

describe("reading a CSV header", () => {
  it("accepts the columns in any order and any case", () => {
    const result = readCsvHeader([...headers].reverse().map((name) => ` ${name.toUpperCase()} `));
    expect(result.ok).toBe(true);
  });

  it("names unknown, repeated and missing columns, all on line 1", () => {
    const result = readCsvHeader(["crime_reference", "crime_reference", "colour", ""]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual({
      line: 1,
      field: "crime_reference",
      message: "Column crime_reference appears more than once",
    });
    expect(result.errors).toContainEqual({
      line: 1,
      field: "colour",
      message: "Unknown column colour: the columns are those of the template",
    });
    expect(result.errors).toContainEqual(expect.objectContaining({ field: "(a blank header)" }));
    expect(result.errors).toContainEqual({
      line: 1,
      field: "summary",
      message: "Missing required column summary",
    });
    // Optional columns may be left out.
    expect(result.errors.map((error) => error.field)).not.toContain("offence_from");
    expect(result.errors.map((error) => error.field)).not.toContain("suspect_emails");
  });
});

describe("mapping a CSV row onto the referral the API takes", () => {
  it("maps the template's example row, with lists, yes/no and pounds", () => {
    const result = row({
      suspect_emails: "a@scam.example; b@scam.example;;a@scam.example",
      suspect_ips: "203.0.113.45",
      vulnerability_indicators: "lives alone;recently bereaved",
      harm_ongoing: "YES",
      loss_pounds: "0.10",
      offence_from: "",
      classification: "",
      crime_reference: " nfrc1 ",
    });
    expect(result).toEqual({
      ok: true,
      input: expect.objectContaining({
        crimeReference: "NFRC1",
        forceId: "west-midlands",
        offenceFrom: null,
        harmOngoing: true,
        lossPounds: 0.1,
        vulnerabilityIndicators: ["lives alone", "recently bereaved"],
        classification: "OFFICIAL-SENSITIVE",
        suspectIdentifiers: [
          { kind: "email", value: "a@scam.example" },
          { kind: "email", value: "b@scam.example" },
          { kind: "phone", value: "07700 900456" },
          { kind: "url", value: "https://secure-refunds.example/login" },
          { kind: "ip", value: "203.0.113.45" },
          { kind: "social-handle", value: "instagram:refund_help" },
        ],
      }),
    });
  });

  it("names each bad cell by its column, once", () => {
    const result = row({
      reported_on: "2026-02-30",
      loss_pounds: "£1,250",
      harm_ongoing: "maybe",
      victim_type: "person",
      summary: "",
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 2, field: "harm_ongoing", message: "Enter yes or no" },
        { line: 2, field: "loss_pounds", message: expect.stringContaining("number of pounds, like 1250.50") },
        { line: 2, field: "reported_on", message: "Enter the date reported as a real date, like 2026-03-31" },
        { line: 2, field: "summary", message: "Enter a summary" },
        {
          line: 2,
          field: "victim_type",
          message: "Choose the kind of victim: use one of individual, business, organisation, charity",
        },
      ].sort((a, b) => a.field.localeCompare(b.field)),
    });
  });

  it("refuses negative losses and fractions of a penny", () => {
    expect(row({ loss_pounds: "-1" })).toMatchObject({
      ok: false,
      errors: [{ field: "loss_pounds", message: "A loss cannot be negative" }],
    });
    expect(row({ loss_pounds: "1.005" })).toMatchObject({
      ok: false,
      errors: [{ field: "loss_pounds", message: "Give pounds and pence only" }],
    });
  });

  it("names the column of an over-long suspect identifier", () => {
    expect(row({ suspect_urls: `https://${"a".repeat(300)}.example` })).toMatchObject({
      ok: false,
      errors: [{ field: "suspect_urls", message: "Use 300 characters or fewer" }],
    });
  });

  it("refuses a row with the wrong number of cells", () => {
    const header = readCsvHeader(headers);
    if (!header.ok) throw new Error("the template's header is refused");
    expect(readCsvRow(7, header.columns, ["NFRC1", "action-fraud"])).toEqual({
      ok: false,
      errors: [
        {
          line: 7,
          field: "row",
          message: expect.stringContaining("This row has 2 cells but the header has"),
        },
      ],
    });
  });
});

describe("reading a JSON line", () => {
  const referral = {
    crimeReference: "NFRC1",
    source: "action-fraud",
    forceId: "west-midlands",
    reportedOn: "2026-04-06",
    nfibCode: "nfib52c",
    summary: "Account taken over",
    victimType: "individual",
    victimAgeBand: "65-74",
    contactPreference: "phone",
    vulnerability: "none",
    harmOngoing: false,
    lossPounds: 0,
  };

  it("takes the API's body", () => {
    expect(readJsonLine(1, JSON.stringify(referral))).toEqual({
      ok: true,
      input: expect.objectContaining({ nfibCode: "NFIB52C", suspectIdentifiers: [] }),
    });
  });

  it("names bad fields by their JSON path", () => {
    const result = readJsonLine(
      4,
      JSON.stringify({
        ...referral,
        colour: "red",
        lossPounds: "lots",
        suspectIdentifiers: [{ kind: "pager", value: "1" }],
      }),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 4, field: "lossPounds", message: expect.stringContaining("number of pounds") },
        { line: 4, field: "suspectIdentifiers.0.kind", message: expect.stringContaining("use one of email") },
        { line: 4, field: "colour", message: "Unknown field colour" },
      ],
    });
  });

  it("refuses a line that is not a JSON object", () => {
    expect(readJsonLine(2, "{oops")).toMatchObject({ ok: false, errors: [{ line: 2, field: "row" }] });
    expect(readJsonLine(3, "[]")).toMatchObject({
      ok: false,
      errors: [{ line: 3, field: "row", message: "Each line must be one JSON object: a referral" }],
    });
  });
});

it("gives a template whose example row is a valid referral", () => {
  const [header, example, rest] = templateCsv().split("\r\n");
  expect(header).toBe(headers.join(","));
  expect(rest).toBe("");
  expect(row()).toMatchObject({ ok: true });
  expect(example).toContain("NFRC260406000101");
});
