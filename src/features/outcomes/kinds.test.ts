import { describe, expect, it } from "vitest";
import {
  decimalPlaces,
  type OutcomeFacts,
  outcomeErrors,
  quantityError,
  quantityQuestion,
  storedQuantity,
  unitOf,
} from "./kinds.ts";

const today = "2026-11-15";

const facts = (overrides: Partial<OutcomeFacts>): OutcomeFacts => ({
  kind: "arrest",
  occurredOn: "2026-11-01",
  quantity: 3,
  commodity: null,
  offence: null,
  sentenceMonths: null,
  court: null,
  safeguardedGroup: null,
  ...overrides,
});

const fieldsOf = (overrides: Partial<OutcomeFacts>) =>
  outcomeErrors(facts(overrides), today)
    .map((error) => error.field)
    .sort();

describe("units", () => {
  it("count people for arrests, charges, convictions and safeguarding", () => {
    for (const kind of ["arrest", "charge", "conviction", "safeguarding"] as const) {
      expect(unitOf(kind, null)).toBe("people");
    }
  });

  it("weigh drugs in kilograms, count firearms and ammunition, and take cash in pounds", () => {
    expect(unitOf("seizure", "cocaine")).toBe("kg");
    expect(unitOf("seizure", "heroin")).toBe("kg");
    expect(unitOf("seizure", "cannabis")).toBe("kg");
    expect(unitOf("seizure", "other-drugs")).toBe("kg");
    expect(unitOf("seizure", "firearms")).toBe("items");
    expect(unitOf("seizure", "ammunition")).toBe("items");
    expect(unitOf("seizure", "cash")).toBe("pounds");
    expect(unitOf("seizure", null)).toBeNull();
  });

  it("take orders in pounds", () => {
    expect(unitOf("confiscation-order", null)).toBe("pounds");
    expect(unitOf("restraint-order", null)).toBe("pounds");
  });

  it("ask for the quantity in the kind's own words", () => {
    expect(quantityQuestion("seizure", "cocaine")).toBe("Weight seized in kilograms");
    expect(quantityQuestion("seizure", "cash")).toBe("Cash seized in pounds");
    expect(quantityQuestion("seizure", "firearms")).toBe("Number of firearms seized");
    expect(quantityQuestion("safeguarding", null)).toBe("Number of people safeguarded");
  });
});

describe("quantities", () => {
  it("count decimal places as written, exponents included", () => {
    expect(decimalPlaces(12)).toBe(0);
    expect(decimalPlaces(12.5)).toBe(1);
    expect(decimalPlaces(0.125)).toBe(3);
    expect(decimalPlaces(1e-7)).toBe(7);
    expect(decimalPlaces(1.5e-7)).toBe(8);
  });

  it("are whole for people and items", () => {
    expect(quantityError(3, "people")).toBeNull();
    expect(quantityError(2.5, "people")).toBe("Enter a whole number of people");
    expect(quantityError(200, "items")).toBeNull();
    expect(quantityError(1.5, "items")).toBe("Enter a whole number");
  });

  it("weigh to the gram and count money to the penny", () => {
    expect(quantityError(1.234, "kg")).toBeNull();
    expect(quantityError(1.2345, "kg")).toMatch(/nearest gram/);
    expect(quantityError(1234.56, "pounds")).toBeNull();
    expect(quantityError(1234.567, "pounds")).toMatch(/to the penny/);
  });

  it("are more than nothing and within sense", () => {
    expect(quantityError(0, "kg")).toBe("Enter a quantity greater than 0");
    expect(quantityError(-1, "people")).toBe("Enter a quantity greater than 0");
    expect(quantityError(Number.NaN, "people")).toBe("Enter a quantity greater than 0");
    expect(quantityError(10_001, "people")).toBe("Enter at most 10,000 people");
    expect(quantityError(10_000_000_000, "pounds")).toBeNull();
    expect(quantityError(10_000_000_001, "pounds")).toBe("Enter at most £10,000,000,000");
  });

  it("are stored at their unit's precision", () => {
    expect(storedQuantity(12.5, "kg")).toBe("12.500");
    expect(storedQuantity(0.1, "kg")).toBe("0.100");
    expect(storedQuantity(1500, "pounds")).toBe("1500.00");
    expect(storedQuantity(1234.56, "pounds")).toBe("1234.56");
    expect(storedQuantity(3, "people")).toBe("3");
  });
});

describe("the rules of each kind", () => {
  it("accept a complete record of every kind", () => {
    expect(fieldsOf({ kind: "arrest", quantity: 4 })).toEqual([]);
    expect(fieldsOf({ kind: "charge", quantity: 2 })).toEqual([]);
    expect(
      fieldsOf({
        kind: "conviction",
        quantity: null,
        offence: "Conspiracy to supply cocaine",
        sentenceMonths: 18,
      }),
    ).toEqual([]);
    expect(fieldsOf({ kind: "conviction", quantity: 1, offence: "Possession", sentenceMonths: 0 })).toEqual(
      [],
    );
    expect(fieldsOf({ kind: "seizure", commodity: "cocaine", quantity: 2.25 })).toEqual([]);
    expect(fieldsOf({ kind: "seizure", commodity: "cash", quantity: 15_000.5 })).toEqual([]);
    expect(
      fieldsOf({ kind: "confiscation-order", quantity: 250_000, court: "Birmingham Crown Court" }),
    ).toEqual([]);
    expect(
      fieldsOf({ kind: "restraint-order", quantity: 80_000, court: "Wolverhampton Crown Court" }),
    ).toEqual([]);
    expect(fieldsOf({ kind: "safeguarding", safeguardedGroup: "children", quantity: 3 })).toEqual([]);
  });

  it("name every missing field of a conviction at once", () => {
    expect(fieldsOf({ kind: "conviction", quantity: null })).toEqual(["offence", "sentenceMonths"]);
    expect(fieldsOf({ kind: "conviction", quantity: null, offence: "  ", sentenceMonths: null })).toEqual([
      "offence",
      "sentenceMonths",
    ]);
  });

  it("record one conviction per person", () => {
    const errors = outcomeErrors(
      facts({ kind: "conviction", quantity: 2, offence: "Supply", sentenceMonths: 12 }),
      today,
    );
    expect(errors).toEqual([
      { field: "quantity", message: "Record one conviction per person: the quantity of a conviction is 1" },
    ]);
  });

  it("want a sentence in whole months", () => {
    expect(fieldsOf({ kind: "conviction", offence: "Supply", sentenceMonths: -1, quantity: null })).toEqual([
      "sentenceMonths",
    ]);
    expect(fieldsOf({ kind: "conviction", offence: "Supply", sentenceMonths: 1.5, quantity: null })).toEqual([
      "sentenceMonths",
    ]);
  });

  it("want a commodity and a quantity in its unit for a seizure", () => {
    expect(fieldsOf({ kind: "seizure", quantity: null })).toEqual(["commodity", "quantity"]);
    expect(fieldsOf({ kind: "seizure", commodity: "firearms", quantity: 2.5 })).toEqual(["quantity"]);
    expect(fieldsOf({ kind: "seizure", commodity: "cocaine", quantity: 2.5 })).toEqual([]);
  });

  it("want a court and an amount for an order", () => {
    expect(fieldsOf({ kind: "confiscation-order", quantity: null })).toEqual(["court", "quantity"]);
    expect(fieldsOf({ kind: "restraint-order", quantity: 10.005, court: "Stafford" })).toEqual(["quantity"]);
  });

  it("want children or adults for safeguarding, in whole people", () => {
    expect(fieldsOf({ kind: "safeguarding", quantity: 1.5 })).toEqual(["quantity", "safeguardedGroup"]);
  });

  it("refuse the fields of other kinds", () => {
    const errors = outcomeErrors(
      facts({
        kind: "arrest",
        offence: "Supply",
        commodity: "cash",
        court: "Stafford",
        safeguardedGroup: "adults",
      }),
      today,
    );
    expect(errors.map((error) => error.field).sort()).toEqual([
      "commodity",
      "court",
      "offence",
      "safeguardedGroup",
    ]);
    expect(errors.find((error) => error.field === "offence")?.message).toBe(
      "An offence is not recorded for an arrest",
    );
  });

  it("want a number of people arrested", () => {
    expect(outcomeErrors(facts({ quantity: null }), today)).toEqual([
      { field: "quantity", message: "Enter the number of people arrested" },
    ]);
  });

  it("accept today but not tomorrow", () => {
    expect(fieldsOf({ occurredOn: today })).toEqual([]);
    expect(outcomeErrors(facts({ occurredOn: "2026-11-16" }), today)).toEqual([
      { field: "occurredOn", message: "The date cannot be in the future" },
    ]);
  });
});
