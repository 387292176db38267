import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "#src/lib/errors.ts";
import { type ImportColumn, importKey, readCsv, splitList, templateCsv } from "./csv.ts";

const columns: ImportColumn[] = [
  { header: "name", required: true, description: "", example: "The Harbour Crew" },
  { header: "aliases", required: false, description: "", example: "Harbour Boys; HBC" },
  { header: "leadForce", required: true, description: "", example: "West Midlands" },
];

function fileErrorOf(text: string) {
  try {
    readCsv(text, columns);
  } catch (error) {
    if (error instanceof AppError) return { message: error.message, fields: error.details.fields ?? [] };
    throw error;
  }
  throw new Error("expected the file to be refused");
}

describe("reading an import file", () => {
  it("numbers rows as a spreadsheet does: header is line 1, blank lines count, a cell with a line break does not", () => {
    const file = readCsv(
      'name,leadForce\nOne,West Midlands\n\n"Two\nlines",Warwickshire\n,\nFive,Staffordshire\n',
      columns,
    );
    expect(file.rows.map((row) => [row.line, row.cells.name])).toEqual([
      [2, "One"],
      [4, "Two\nlines"],
      [6, "Five"],
    ]);
  });

  it("tolerates a byte order mark, CRLF line ends, header case and spaces, and trims cells", () => {
    const file = readCsv("\ufeff Name ,LEADFORCE\r\n  One  , West Midlands \r\n", columns);
    expect(file.headers).toEqual(["name", "leadForce"]);
    expect(file.rows).toEqual([{ line: 2, cells: { name: "One", leadForce: "West Midlands" } }]);
  });

  it("refuses unknown, repeated and missing required columns, naming each", () => {
    const problem = fileErrorOf("name,colour,name\nOne,red,One\n");
    expect(problem.message).toBe(
      "The header row does not match the template: unknown column colour; repeated column name; missing required column leadForce",
    );
    expect(problem.fields.map((field) => field.field)).toEqual(["colour", "name", "leadForce"]);
  });

  it("refuses an empty file and a file that is not CSV", () => {
    expect(fileErrorOf("").message).toMatch(/The file is empty/);
    expect(fileErrorOf('name,leadForce\nOne,"West Midlands\n').message).toBe(
      "The file is not valid CSV (near line 2): a quoted cell is never closed",
    );
  });

  it("marks a row with too few or too many cells, leaving it to be reported on its line", () => {
    const file = readCsv("name,leadForce\nOne\nTwo,West Midlands,extra\n", columns);
    expect(file.rows.map((row) => [row.line, row.cellCountProblem])).toEqual([
      [2, "This row has 1 cell but the header has 2: check for a missing or extra comma"],
      [3, "This row has 3 cells but the header has 2: check for a missing or extra comma"],
    ]);
  });
});

describe("import keys", () => {
  it("are the same whatever the column order, spacing, or a blank column left out", () => {
    const key = importKey("ocgs", { name: "One", aliases: "", leadForce: "West Midlands" });
    expect(importKey("ocgs", { leadForce: " West Midlands", name: "One " })).toBe(key);
    expect(importKey("ocgs", { name: "One", leadForce: "Warwickshire" })).not.toBe(key);
    expect(importKey("disruptions", { name: "One", leadForce: "West Midlands" })).not.toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it("differ whenever any value differs", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a.trim() !== b.trim());
        expect(importKey("ocgs", { name: a })).not.toBe(importKey("ocgs", { name: b }));
      }),
    );
  });
});

describe("list cells and the template", () => {
  it("splits lists on semicolons, dropping blanks and repeats", () => {
    expect(splitList(" Harbour Boys ;; HBC; Harbour Boys ")).toEqual(["Harbour Boys", "HBC"]);
    expect(splitList("")).toEqual([]);
  });

  it("writes a template that reads back as its own example row", () => {
    const text = templateCsv([
      ...columns,
      { header: "notes", required: false, description: "", example: 'Said "hi", twice' },
    ]);
    const file = readCsv(text, [
      ...columns,
      { header: "notes", required: false, description: "", example: "" },
    ]);
    expect(file.rows).toEqual([
      {
        line: 2,
        cells: {
          name: "The Harbour Crew",
          aliases: "Harbour Boys; HBC",
          leadForce: "West Midlands",
          notes: 'Said "hi", twice',
        },
      },
    ]);
  });
});
