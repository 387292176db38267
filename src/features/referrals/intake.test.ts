import { describe, expect, it } from "vitest";
import { contentChanges, prepareReferral, referralInput } from "./intake.ts";

const reported = {
  crimeReference: "nfrc181104123456",
  source: "action-fraud",
  forceId: "west-midlands",
  reportedOn: "2018-11-04",
  nfibCode: "nfib52b",
  summary: "  Account taken over  ",
  victimType: "individual",
  victimAgeBand: "65-74",
  contactPreference: "phone",
  vulnerability: "some",
  harmOngoing: true,
  lossPounds: 1250.5,
  victimEmail: "Victim@Example.COM",
  vulnerabilityIndicators: ["lives alone", "bereaved"],
  suspectIdentifiers: [
    { kind: "phone", value: "07700 900123" },
    { kind: "email", value: "Crook@Example.net" },
    { kind: "ip", value: "not an address" },
  ],
};

const parse = (overrides: Record<string, unknown> = {}) => referralInput.parse({ ...reported, ...overrides });

describe("referral intake", () => {
  it("stores references and codes in capitals, pounds as pence, and the victim's key", () => {
    const prepared = prepareReferral(parse());
    expect(prepared.content.crimeReference).toBe("NFRC181104123456");
    expect(prepared.content.nfibCode).toBe("NFIB52B");
    expect(prepared.content.summary).toBe("Account taken over");
    expect(prepared.content.lossPence).toBe(125_050);
    expect(prepared.victimKey).toBe("email:victim@example.com");
  });

  it("keys only the identifiers that normalise, so unusable ones never link", () => {
    expect(prepareReferral(parse()).identifierKeys).toEqual([
      "email:crook@example.net",
      "phone:+447700900123",
    ]);
  });

  it("gives the same content the same hash whatever the order of identifiers and indicators", () => {
    const reordered = parse({
      vulnerabilityIndicators: ["bereaved", "lives alone"],
      suspectIdentifiers: [...reported.suspectIdentifiers].reverse(),
    });
    expect(prepareReferral(reordered).contentHash).toBe(prepareReferral(parse()).contentHash);
    expect(prepareReferral(parse({ lossPounds: 1250.51 })).contentHash).not.toBe(
      prepareReferral(parse()).contentHash,
    );
  });

  it("lists exactly the fields a new version changed", () => {
    const before = prepareReferral(parse()).content;
    const after = prepareReferral(parse({ lossPounds: 2000, vulnerability: "high" })).content;
    expect(contentChanges(before, after)).toEqual({
      vulnerability: { before: "some", after: "high" },
      lossPence: { before: 125_050, after: 200_000 },
    });
  });

  it("refuses fractions of a penny, negative losses, future dates and offences after the report", () => {
    const problems = (overrides: Record<string, unknown>) =>
      (referralInput.safeParse({ ...reported, ...overrides }).error?.issues ?? []).map((issue) => [
        issue.path.join("."),
        issue.message,
      ]);
    expect(problems({ lossPounds: 10.001 })).toEqual([["lossPounds", "Give pounds and pence only"]]);
    expect(problems({ lossPounds: -1 })).toEqual([["lossPounds", "A loss cannot be negative"]]);
    expect(problems({ reportedOn: "2999-01-01" })).toEqual([
      ["reportedOn", "The date reported cannot be in the future"],
    ]);
    expect(problems({ offenceFrom: "2018-11-05" })).toEqual([
      ["offenceFrom", "The offence cannot start after it was reported"],
    ]);
    expect(problems({ victimPhone: "call me" })[0]?.[0]).toBe("victimPhone");
  });
});
