// Suspect identifiers on a referral, and the canonical form of each that linking compares: two
// referrals share a suspect when their normalised identifiers of the same kind are equal. Pure (no
// database, node:net only) so the importer, the service and the tests all normalise the same way.

import { isIP } from "node:net";

export const identifierKinds = [
  "email",
  "phone",
  "url",
  "ip",
  "crypto-wallet",
  "bank-account",
  "social-handle",
] as const;
export type IdentifierKind = (typeof identifierKinds)[number];

export type Normalised = { ok: true; value: string } | { ok: false; message: string };

const valid = (value: string): Normalised => ({ ok: true, value });
const invalid = (message: string): Normalised => ({ ok: false, message });

function email(raw: string): Normalised {
  const value = raw.trim().toLowerCase();
  if (value.length > 254) return invalid("An e-mail address is at most 254 characters");
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value))
    return invalid("Enter an e-mail address in the form name@example.com");
  return valid(value);
}

/** UK numbers become +44 followed by the 10 digits after the trunk 0; other countries stay in +form. */
function phone(raw: string): Normalised {
  // "+44 (0)20 …" writes the trunk 0 the caller must not dial; drop it before the brackets go.
  const digits = raw
    .trim()
    .replace("(0)", "")
    .replace(/[\s().-]/g, "");
  const national = /^(?:\+44|0044|0)([1-9]\d{9})$/.exec(digits);
  if (national) return valid(`+44${national[1]}`);
  if (/^(?:\+44|0044|0)/.test(digits))
    return invalid("A UK phone number has 11 digits starting with 0, or +44 followed by 10 digits");
  const international = /^(?:\+|00)([1-9]\d{6,14})$/.exec(digits);
  if (international) return valid(`+${international[1]}`);
  return invalid("Enter a phone number of digits only, such as 07700 900123 or +44 7700 900123");
}

/** Host (lower case, without www.) and path (without trailing slash); scheme, query and fragment vary too freely to link on. */
function url(raw: string): Normalised {
  const text = raw.trim();
  if (text === "" || /\s/.test(text))
    return invalid("Enter a web address without spaces, such as example.com/login");
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return invalid("Enter a web address, such as example.com/login");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    return invalid("A web address starts with http:// or https:// (or with neither)");
  const host = parsed.hostname.replace(/^www\./, "");
  if (!host.includes(".") && !host.startsWith("["))
    return invalid("A web address needs a full domain name, such as example.com");
  return valid(`${host}${parsed.pathname.replace(/\/+$/, "")}`);
}

function ip(raw: string): Normalised {
  const text = raw.trim();
  if (text.includes("%")) return invalid("Leave the zone (the part from %) off an IPv6 address");
  const version = isIP(text);
  if (version === 4) return valid(text);
  // The WHATWG URL parser writes IPv6 in its compressed lower-case form (RFC 5952 style, except
  // that an embedded IPv4 part is written in hex), so equal addresses always read the same.
  if (version === 6) return valid(new URL(`http://[${text}]`).hostname.slice(1, -1));
  return invalid("Enter an IP address such as 192.0.2.10 (IPv4) or 2001:db8::1 (IPv6)");
}

/** Checks the format only, not the checksum: a mistyped but well-formed address is kept as typed. */
function cryptoWallet(raw: string): Normalised {
  const text = raw.trim();
  if (/^0x[0-9a-f]{40}$/i.test(text)) return valid(text.toLowerCase());
  // Base58 is case-sensitive and leaves out 0, O, I and l; keep the case.
  if (/^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/.test(text)) return valid(text);
  // Bech32 is written all in one case; lower case is its canonical form.
  if (/^bc1[02-9ac-hj-np-z]{11,71}$/.test(text) || /^BC1[02-9AC-HJ-NP-Z]{11,71}$/.test(text))
    return valid(text.toLowerCase());
  return invalid(
    "Enter a bitcoin address (starting 1, 3 or bc1) or an ethereum address (0x and 40 hexadecimal characters)",
  );
}

function bankAccount(raw: string): Normalised {
  const digits = raw.trim().replace(/[\s-]/g, "");
  const match = /^(\d{2})(\d{2})(\d{2})(\d{8})$/.exec(digits);
  if (!match)
    return invalid(
      "Enter a UK sort code and account number: 6 digits then 8 digits, such as 12-34-56 12345678",
    );
  return valid(`${match[1]}-${match[2]}-${match[3]} ${match[4]}`);
}

/** A handle, optionally prefixed by its platform ("instagram:name"); the same name on two platforms is two people. */
function socialHandle(raw: string): Normalised {
  const text = raw.trim().toLowerCase();
  const prefixed = /^([a-z][a-z0-9-]{0,29}):(.*)$/.exec(text);
  const platform = prefixed ? `${prefixed[1]}:` : "";
  const handle = (prefixed ? (prefixed[2] ?? "") : text).trim().replace(/^@/, "");
  if (!/^[a-z0-9._-]{1,50}$/.test(handle))
    return invalid(
      "Enter a handle of up to 50 letters, digits, dots, hyphens or underscores, such as @name or instagram:name",
    );
  return valid(`${platform}${handle}`);
}

const normalisers: Record<IdentifierKind, (raw: string) => Normalised> = {
  email,
  phone,
  url,
  ip,
  "crypto-wallet": cryptoWallet,
  "bank-account": bankAccount,
  "social-handle": socialHandle,
};

/** The canonical form of an identifier, used to link referrals, or a message saying what is wrong. */
export function normaliseIdentifier(kind: IdentifierKind, raw: string): Normalised {
  return normalisers[kind](raw);
}
