import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords.ts";

describe("password policy", () => {
  it("accepts a long, uncommon passphrase", () => {
    expect(passwordProblem("correct horse battery staple", "sam@force.police.uk")).toBeNull();
  });

  it.each([
    ["short", "Tr0ub4dor&3", /at least 12/],
    ["common", "qazwsxedcrfv", /too common/],
    ["common with digits appended", "password12345678", /too common/],
    ["one character", "aaaaaaaaaaaaaaaa", /repeated|too common/],
    ["contains the email", "samsmith-is-great", /email/],
  ])("refuses a %s password", (_case, password, reason) => {
    expect(passwordProblem(password, "samsmith@force.police.uk")).toMatch(reason);
  });

  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("a-long-enough-passphrase");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "a-long-enough-passphrase")).toBe(true);
    expect(await verifyPassword(hash, "another-passphrase")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});
