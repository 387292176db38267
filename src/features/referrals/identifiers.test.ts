import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type IdentifierKind, identifierKinds, normaliseIdentifier } from "./identifiers.ts";

const validCases: Record<IdentifierKind, [raw: string, canonical: string][]> = {
  email: [
    ["  Fraudster@Example.COM ", "fraudster@example.com"],
    ["a.b+c@mail.example.co.uk", "a.b+c@mail.example.co.uk"],
  ],
  phone: [
    ["07700 900123", "+447700900123"],
    ["(020) 7946-0018", "+442079460018"],
    ["+44 (0)20 7946 0018", "+442079460018"],
    ["0044 7700 900123", "+447700900123"],
    ["+44.7700.900123", "+447700900123"],
    ["+1 (202) 555-0173", "+12025550173"],
  ],
  url: [
    ["https://WWW.Example.com/Login/", "example.com/Login"],
    ["www.example.com", "example.com"],
    ["http://pay.example.co.uk/a/b?session=1#top", "pay.example.co.uk/a/b"],
    ["EXAMPLE.com//", "example.com"],
  ],
  ip: [
    [" 192.0.2.10 ", "192.0.2.10"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:0db8:0000:0000:0001:0000:0000:0001", "2001:db8::1:0:0:1"],
    ["::1", "::1"],
  ],
  "crypto-wallet": [
    ["1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT"],
    ["3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"],
    ["BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"],
    ["0x52908400098527886E0F7030069857D2E4169EE7", "0x52908400098527886e0f7030069857d2e4169ee7"],
  ],
  "bank-account": [
    ["12-34-56 12345678", "12-34-56 12345678"],
    ["123456 12345678", "12-34-56 12345678"],
    ["12345612345678", "12-34-56 12345678"],
  ],
  "social-handle": [
    ["@Scam_Account", "scam_account"],
    ["Instagram:@Scam.Account", "instagram:scam.account"],
    ["tiktok: scammer-99", "tiktok:scammer-99"],
  ],
};

const invalidCases: Record<IdentifierKind, [raw: string, message: string][]> = {
  email: [
    ["fraudster.example.com", "Enter an e-mail address in the form name@example.com"],
    ["two words@example.com", "Enter an e-mail address in the form name@example.com"],
    [`${"a".repeat(250)}@example.com`, "An e-mail address is at most 254 characters"],
  ],
  phone: [
    ["07700 90012", "A UK phone number has 11 digits starting with 0, or +44 followed by 10 digits"],
    ["+44 07700 900123", "A UK phone number has 11 digits starting with 0, or +44 followed by 10 digits"],
    ["call me", "Enter a phone number of digits only, such as 07700 900123 or +44 7700 900123"],
  ],
  url: [
    ["ftp://example.com/file", "A web address starts with http:// or https:// (or with neither)"],
    ["localhost", "A web address needs a full domain name, such as example.com"],
    ["example .com", "Enter a web address without spaces, such as example.com/login"],
    ["https://exa mple", "Enter a web address without spaces, such as example.com/login"],
  ],
  ip: [
    ["256.1.1.1", "Enter an IP address such as 192.0.2.10 (IPv4) or 2001:db8::1 (IPv6)"],
    ["192.168.01.1", "Enter an IP address such as 192.0.2.10 (IPv4) or 2001:db8::1 (IPv6)"],
    ["1.2.3", "Enter an IP address such as 192.0.2.10 (IPv4) or 2001:db8::1 (IPv6)"],
    ["fe80::1%eth0", "Leave the zone (the part from %) off an IPv6 address"],
  ],
  "crypto-wallet": [
    [
      "0x5290840009852788",
      "Enter a bitcoin address (starting 1, 3 or bc1) or an ethereum address (0x and 40 hexadecimal characters)",
    ],
    [
      "1BoatSLRHtKNngkdXEeobR76b53LETtpy0",
      "Enter a bitcoin address (starting 1, 3 or bc1) or an ethereum address (0x and 40 hexadecimal characters)",
    ],
    [
      "bc1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ",
      "Enter a bitcoin address (starting 1, 3 or bc1) or an ethereum address (0x and 40 hexadecimal characters)",
    ],
  ],
  "bank-account": [
    [
      "12-34-56 1234567",
      "Enter a UK sort code and account number: 6 digits then 8 digits, such as 12-34-56 12345678",
    ],
    [
      "GB29NWBK60161331926819",
      "Enter a UK sort code and account number: 6 digits then 8 digits, such as 12-34-56 12345678",
    ],
  ],
  "social-handle": [
    [
      "@",
      "Enter a handle of up to 50 letters, digits, dots, hyphens or underscores, such as @name or instagram:name",
    ],
    [
      "two words",
      "Enter a handle of up to 50 letters, digits, dots, hyphens or underscores, such as @name or instagram:name",
    ],
    [
      "instagram:",
      "Enter a handle of up to 50 letters, digits, dots, hyphens or underscores, such as @name or instagram:name",
    ],
  ],
};

describe.each(identifierKinds)("normalising %s identifiers", (kind) => {
  it.each(validCases[kind])("reads %j as %j", (raw, canonical) => {
    expect(normaliseIdentifier(kind, raw)).toEqual({ ok: true, value: canonical });
  });

  it.each(invalidCases[kind])("refuses %j, saying what is wrong", (raw, message) => {
    expect(normaliseIdentifier(kind, raw)).toEqual({ ok: false, message });
  });
});

describe("identifier properties", () => {
  // Raw values near each kind's shape, so that many normalise and the property is exercised.
  const raw = fc.oneof(
    fc.string(),
    fc.emailAddress(),
    fc.webUrl(),
    fc.ipV4(),
    fc.ipV6(),
    fc.stringMatching(/^(\+44|0)[ ()-]?\d{4}[ -]?\d{6}$/),
    fc.stringMatching(/^(0x[0-9a-fA-F]{40}|[13][1-9A-HJ-NP-Za-km-z]{25,34}|bc1[02-9ac-hj-np-z]{11,71})$/),
    fc.stringMatching(/^\d{2}-?\d{2}-?\d{2} ?\d{8}$/),
    fc.stringMatching(/^([a-zA-Z]{1,10}:)?@?[a-zA-Z0-9._-]{1,20}$/),
    ...validCases.url.map(([value]) => fc.constant(value)),
  );

  it("gives the same value when a normalised value is normalised again", () => {
    fc.assert(
      fc.property(fc.constantFrom(...identifierKinds), raw, (kind, value) => {
        const once = normaliseIdentifier(kind, value);
        if (!once.ok) return;
        expect(normaliseIdentifier(kind, once.value)).toEqual(once);
      }),
      { numRuns: 2000 },
    );
  });
});
