import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { invalidField } from "#src/lib/errors.ts";

export const minimumPasswordLength = 12;

// About 49,000 passwords seen most often in breaches, shipped by @zxcvbn-ts/language-common.
const commonPasswords = new Set(dictionary["passwords-common"]);

/** argon2id with the library's defaults (memory 19 MiB, 2 passes), as OWASP recommends. */
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random value, verified when the email is unknown so that timing does not reveal accounts. */
export const decoyHash = hashPassword(crypto.randomUUID());

/** Returns the reason a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if (password.length < minimumPasswordLength)
    return `Password must be at least ${minimumPasswordLength} characters`;
  if (password.length > 256) return "Password must be 256 characters or fewer";
  const lower = password.toLowerCase();
  // "password1234!" is as weak as "password": strip the digits and symbols people append.
  const stem = lower.replace(/[^a-z]+$/, "");
  if (commonPasswords.has(lower) || commonPasswords.has(stem))
    return "Password is too common: choose another";
  if (/^(.)\1+$/.test(password)) return "Password must not be one character repeated";
  const localPart = email.toLowerCase().split("@")[0] ?? "";
  if (localPart.length >= 4 && lower.includes(localPart))
    return "Password must not contain your email address";
  return null;
}

export function assertAcceptablePassword(password: string, email: string, field = "password"): void {
  const problem = passwordProblem(password, email);
  if (problem) throw invalidField(field, problem);
}
