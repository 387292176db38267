/**
 * Money and cost shares, exactly. Amounts are integer pence held in a JavaScript number (always a
 * safe integer, so up to about £90 trillion); shares are integer basis points (hundredths of a
 * percent: 57% is 5,700) that total 10,000. Nothing here uses floating-point arithmetic on money,
 * so no penny is ever lost or invented. Dependency-free: the web UI imports it too.
 */

export const wholeInBasisPoints = 10_000;

/** The amount itself when it is a safe integer number of pence; a RangeError naming it otherwise. */
export function assertPence(value: number, what = "The amount"): number {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a whole number of pence, not ${value}`);
  }
  return value;
}

const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/**
 * "£1,234,567.89". With `wholePounds: "short"` a whole-pound amount drops its ".00" ("£620,000"),
 * as board papers write it; other amounts keep their pence. Refunds read "-£1,234.50".
 */
export function formatPence(pence: number, options: { wholePounds?: "short" | "with-pence" } = {}): string {
  assertPence(pence);
  const sign = pence < 0 ? "-" : "";
  const magnitude = BigInt(Math.abs(pence));
  const pounds = groupThousands((magnitude / 100n).toString());
  const penceDigits = (magnitude % 100n).toString().padStart(2, "0");
  if (options.wholePounds === "short" && penceDigits === "00") return `${sign}£${pounds}`;
  return `${sign}£${pounds}.${penceDigits}`;
}

const poundsPattern = /^(-)?£?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/;

/**
 * Reads what people type for an amount of money — "£1,234.50", "1234.5", "250,000", "-£20" — as
 * integer pence, by its digits (never through a float). Thousands separators must be in the
 * right places; more than two decimal places is refused, not rounded.
 */
export function parsePounds(text: string): number {
  const input = text.trim().replace(/\s+/g, "");
  const match = poundsPattern.exec(input);
  if (!match) {
    throw new RangeError(`"${text}" is not an amount of money: write it like £1,234.50 or 1234.50`);
  }
  const [, minus, poundDigits = "", decimals = ""] = match;
  if (decimals.length > 2) {
    throw new RangeError(`"${text}" has more than two decimal places: amounts are to the penny`);
  }
  const pence = BigInt(poundDigits.replaceAll(",", "")) * 100n + BigInt(decimals.padEnd(2, "0"));
  const signed = minus ? -pence : pence;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`"${text}" is too large an amount`);
  }
  return Number(signed);
}

/** "57%", "26.5%", "33.33%": a share in basis points as people write percentages. */
export function formatShare(basisPoints: number): string {
  const sign = basisPoints < 0 ? "-" : "";
  const magnitude = Math.abs(basisPoints);
  const whole = Math.floor(magnitude / 100);
  const fraction = String(magnitude % 100)
    .padStart(2, "0")
    .replace(/0+$/, "");
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}%`;
}

const percentPattern = /^(\d{1,3})(?:\.(\d{1,2}))?%?$/;

/** Reads "57", "26.5%" or "33.33" as basis points; more precision than 0.01% is refused. */
export function parsePercent(text: string): number {
  const match = percentPattern.exec(text.trim());
  if (!match) {
    throw new RangeError(`"${text}" is not a percentage to at most two decimal places, like 57 or 26.5`);
  }
  const [, whole = "0", fraction = ""] = match;
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/**
 * Checks that shares are whole basis points above zero that total exactly 100%, and says what is
 * wrong in the words a finance officer would use: "Shares total 99.5%: they must total 100%".
 */
export function checkShares(shares: readonly number[]): string | null {
  if (shares.length === 0) return "A formula needs at least one share";
  const bad = shares.find(
    (share) => !Number.isSafeInteger(share) || share <= 0 || share > wholeInBasisPoints,
  );
  if (bad !== undefined) {
    return `Each share must be more than 0% and at most 100%, to 0.01%: ${bad} basis points is not`;
  }
  const total = shares.reduce((sum, share) => sum + share, 0);
  if (total !== wholeInBasisPoints) return `Shares total ${formatShare(total)}: they must total 100%`;
  return null;
}

/**
 * Splits a total between shares exactly to the penny by the largest-remainder method:
 * each part first gets its exact share rounded down, then the pennies left over (fewer than the
 * number of parts) go one each to the parts with the largest remainders; **a tie goes to the part
 * listed first**. So the parts always add up to the total, none is more than a penny from its exact
 * share, and the same inputs always give the same split.
 *
 * A negative total (a refund) is split as its positive amount and every part negated, so a refund
 * mirrors the charge it reverses penny for penny.
 */
export function splitPence(total: number, shares: readonly number[]): number[] {
  assertPence(total, "The total");
  const problem = checkShares(shares);
  if (problem) throw new RangeError(problem);
  if (total < 0) return splitPence(-total, shares).map((part) => (part === 0 ? 0 : -part));
  // BigInt because pence × basis points passes 2^53 for amounts above about £9 billion.
  const whole = BigInt(wholeInBasisPoints);
  const exact = shares.map((share) => BigInt(total) * BigInt(share));
  const parts = exact.map((product) => product / whole);
  let leftover = BigInt(total) - parts.reduce((sum, part) => sum + part, 0n);
  const byRemainder = exact
    .map((product, index) => ({ index, remainder: product % whole }))
    // Array.prototype.sort is stable, so equal remainders keep the order the parts were listed in.
    .sort((a, b) => (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (leftover === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map(Number);
}

/** A cost-sharing formula as a tree: each part goes to a party or to a nested formula. */
export interface ShareTree<Party, Group> {
  group: Group;
  parts: readonly ({ share: number; party: Party } | { share: number; nested: ShareTree<Party, Group> })[];
}

export interface LeafShare<Party, Group> {
  party: Party;
  amount: number;
  /** The nested formulas the money passed through, outermost first (empty for a direct party). */
  via: Group[];
}

/**
 * Splits a total through nested formulas down to the parties: the parent's split is made first
 * and each nested formula then splits its part exactly (so the Alliance's £260,000 of a regional
 * £1,000,000 splits £179,400 / £80,600). Leaves come in the order the formula lists them, depth
 * first, and always add up to the total.
 */
export function splitByTree<Party, Group>(
  total: number,
  tree: ShareTree<Party, Group>,
  via: Group[] = [],
): LeafShare<Party, Group>[] {
  const amounts = splitPence(
    total,
    tree.parts.map((part) => part.share),
  );
  return tree.parts.flatMap((part, index) => {
    const amount = amounts[index] ?? 0;
    return "party" in part
      ? [{ party: part.party, amount, via }]
      : splitByTree(amount, part.nested, [...via, part.nested.group]);
  });
}
