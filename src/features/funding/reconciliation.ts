import { formatShare, type ShareTree, splitByTree, wholeInBasisPoints } from "#src/lib/money.ts";

/**
 * Staffing contributions (docs/funding.md, "Staffing contributions"; decision 008). Forces pay
 * their share of a ROCU mostly in staff: from the posts each force provides, this works out what
 * the force actually contributed in a financial year, what the formula says it should have, and
 * who owes whom to settle the difference. Pure and exact: integer pence, no floating point.
 */

/** A post as costed: annual cost in pence, FTE in basis points (1 FTE = 10000), inclusive dates. */
export interface PostCosting {
  annualCostPence: number;
  fteBasisPoints: number;
  startsOn: string;
  /** The last day in post; null while the post continues. */
  endsOn: string | null;
}

const dayMs = 86_400_000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date, counted in UTC so no clock change moves it. */
function dayNumber(date: string): number {
  const match = isoDatePattern.exec(date);
  if (!match) throw new RangeError(`Not an ISO date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / dayMs;
}

const yearStart = (year: number) => dayNumber(`${year}-04-01`);
const yearEnd = (year: number) => dayNumber(`${year + 1}-03-31`);

/** 365, or 366 when the financial year holds a 29 February (2019/20 does). */
export const daysInFinancialYear = (year: number) => yearEnd(year) - yearStart(year) + 1;

/** The days of the financial year the post is filled, counting its first and last days. */
export function daysInPost(post: Pick<PostCosting, "startsOn" | "endsOn">, year: number): number {
  const from = Math.max(dayNumber(post.startsOn), yearStart(year));
  const to = Math.min(
    post.endsOn === null ? Number.POSITIVE_INFINITY : dayNumber(post.endsOn),
    yearEnd(year),
  );
  return to < from ? 0 : to - from + 1;
}

/**
 * What a post costs in a financial year: annual cost × FTE × (days in post that year ÷ days in
 * the year), **rounded to the nearest penny, a half penny up**. A post filled all year costs
 * exactly its annual cost × FTE; each post is rounded once per year, and a force's contribution
 * is the sum of its posts' rounded costs.
 */
export function postCostInYear(post: PostCosting, year: number): number {
  const days = daysInPost(post, year);
  if (days === 0) return 0;
  const numerator = BigInt(post.annualCostPence) * BigInt(post.fteBasisPoints) * BigInt(days);
  const denominator = BigInt(wholeInBasisPoints) * BigInt(daysInFinancialYear(year));
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** A party's share of the whole through nested formulas, in basis points rounded half up (26% × 69% = 17.94%). */
function leafShares<Party, Group>(
  tree: ShareTree<Party, Group>,
  outer = 1n,
  depth = 0,
): { party: Party; shareBasisPoints: number }[] {
  return tree.parts.flatMap((part) => {
    const product = outer * BigInt(part.share);
    if ("party" in part) {
      const scale = BigInt(wholeInBasisPoints) ** BigInt(depth);
      return [{ party: part.party, shareBasisPoints: Number((2n * product + scale) / (2n * scale)) }];
    }
    return leafShares(part.nested, product, depth + 1);
  });
}

export interface ContributingPost<Party> {
  id: string;
  party: Party;
  fteBasisPoints: number;
  /** Its cost in the year (postCostInYear). */
  costPence: number;
}

export interface ReconciliationRow<Party, Group> {
  party: Party;
  /** Nested formulas the party's share passes through, outermost first. */
  via: Group[];
  /** The party's share of the whole (0 for a contributor the formula gives no share that year). */
  shareBasisPoints: number;
  share: string;
  postIds: string[];
  fteBasisPoints: number;
  actualPence: number;
  duePence: number;
  /** Settlement payments the party made to others, and received from them. */
  paidPence: number;
  receivedPence: number;
  /**
   * Actual + paid − received − due: above zero the party paid more than its share and is owed;
   * below, it owes.
   */
  balancePence: number;
}

export interface Transfer<Party> {
  from: Party;
  to: Party;
  amountPence: number;
}

/** A settlement payment already made: it counts towards the payer's contribution. */
export interface Payment<Party> {
  from: Party;
  to: Party;
  amountPence: number;
}

export interface Reconciliation<Party, Group> {
  rows: ReconciliationRow<Party, Group>[];
  totalPence: number;
  transfers: Transfer<Party>[];
}

/**
 * Each party's actual contribution (the sum of its posts' costs), its due share of the total
 * under the formula (splitByTree: largest remainder, ties to the part listed first), the
 * settlement payments it made and received, its balance and the transfers that settle what is
 * left. Rows follow the formula's order; a post or payment of a party the formula gives no share
 * that year adds a row at the end with nothing due, so the balances always sum to zero.
 */
export function reconcile<Party, Group>(
  tree: ShareTree<Party, Group>,
  posts: readonly ContributingPost<Party>[],
  keyOf: (party: Party) => string,
  payments: readonly Payment<Party>[] = [],
): Reconciliation<Party, Group> {
  const totalPence = posts.reduce((sum, post) => sum + post.costPence, 0);
  const due = splitByTree(totalPence, tree);
  const shares = leafShares(tree);
  const rows: ReconciliationRow<Party, Group>[] = due.map((leaf, index) => ({
    party: leaf.party,
    via: leaf.via,
    shareBasisPoints: shares[index]?.shareBasisPoints ?? 0,
    share: formatShare(shares[index]?.shareBasisPoints ?? 0),
    postIds: [],
    fteBasisPoints: 0,
    actualPence: 0,
    duePence: leaf.amount,
    paidPence: 0,
    receivedPence: 0,
    balancePence: 0,
  }));
  const rowOf = (party: Party) => {
    let row = rows.find((candidate) => keyOf(candidate.party) === keyOf(party));
    if (!row) {
      row = {
        party,
        via: [],
        shareBasisPoints: 0,
        share: formatShare(0),
        postIds: [],
        fteBasisPoints: 0,
        actualPence: 0,
        duePence: 0,
        paidPence: 0,
        receivedPence: 0,
        balancePence: 0,
      };
      rows.push(row);
    }
    return row;
  };
  for (const post of posts) {
    const row = rowOf(post.party);
    row.postIds.push(post.id);
    row.fteBasisPoints += post.fteBasisPoints;
    row.actualPence += post.costPence;
  }
  for (const payment of payments) {
    rowOf(payment.from).paidPence += payment.amountPence;
    rowOf(payment.to).receivedPence += payment.amountPence;
  }
  for (const row of rows) {
    row.balancePence = row.actualPence + row.paidPence - row.receivedPence - row.duePence;
  }
  const transfers = settle(rows.map((row) => row.balancePence)).map((transfer) => ({
    from: (rows[transfer.from] as ReconciliationRow<Party, Group>).party,
    to: (rows[transfer.to] as ReconciliationRow<Party, Group>).party,
    amountPence: transfer.amountPence,
  }));
  return { rows, totalPence, transfers };
}

/** Parties beyond this many with a balance are settled in one group (greedy, still exact). */
const maxExactParties = 16;

/**
 * The transfers that settle balances summing to zero (negative: owes; positive: is owed), as
 * positions in the list. Fewest transfers: the parties are split into the most groups whose
 * balances sum to zero on their own (found exactly over subsets), and within each group the
 * largest debt pays the largest credit until both are met, so a group of k parties needs k − 1
 * transfers. Ties go to the party listed first; the list comes largest amount first, so the same
 * balances always give the same transfers.
 */
export function settle(balances: readonly number[]): { from: number; to: number; amountPence: number }[] {
  const total = balances.reduce((sum, balance) => sum + BigInt(balance), 0n);
  if (total !== 0n) throw new RangeError(`Balances must sum to zero, not ${total}p`);
  const open = balances.flatMap((balance, index) => (balance === 0 ? [] : [index]));
  const transfers = zeroSumGroups(open, balances).flatMap((group) => settleGroup(group, balances));
  return transfers.sort((a, b) => b.amountPence - a.amountPence || a.from - b.from || a.to - b.to);
}

/** The most groups of these positions whose balances each sum to zero, in a fixed order. */
function zeroSumGroups(positions: readonly number[], balances: readonly number[]): number[][] {
  const count = positions.length;
  if (count === 0) return [];
  if (count > maxExactParties) return [[...positions]];
  const size = 1 << count;
  const sums = new Array<bigint>(size).fill(0n);
  const groups = new Int32Array(size);
  for (let mask = 1; mask < size; mask++) {
    const lowest = 31 - Math.clz32(mask & -mask);
    sums[mask] = (sums[mask & (mask - 1)] ?? 0n) + BigInt(balances[positions[lowest] ?? 0] ?? 0);
    let best = 0;
    for (let bit = 0; bit < count; bit++) {
      if (mask & (1 << bit)) best = Math.max(best, groups[mask ^ (1 << bit)] ?? 0);
    }
    groups[mask] = best + (sums[mask] === 0n ? 1 : 0);
  }
  // Walk down from everyone, removing the first position that keeps the most groups; each time
  // what is left sums to zero, the positions removed since the last time form a group.
  const result: number[][] = [];
  let current: number[] = [];
  let mask = size - 1;
  while (mask !== 0) {
    const closes = sums[mask] === 0n ? 1 : 0;
    let bit = 0;
    while (!(mask & (1 << bit)) || (groups[mask ^ (1 << bit)] ?? 0) + closes !== groups[mask]) bit++;
    current.push(positions[bit] ?? 0);
    mask ^= 1 << bit;
    if (sums[mask] === 0n) {
      result.push(current.sort((a, b) => a - b));
      current = [];
    }
  }
  return result;
}

/** Largest debt pays largest credit, ties to the position listed first: k − 1 transfers for k parties. */
function settleGroup(group: readonly number[], balances: readonly number[]) {
  const byAmount = (a: { left: number; position: number }, b: { left: number; position: number }) =>
    b.left - a.left || a.position - b.position;
  const debtors = group
    .filter((position) => (balances[position] ?? 0) < 0)
    .map((position) => ({ position, left: -(balances[position] ?? 0) }))
    .sort(byAmount);
  const creditors = group
    .filter((position) => (balances[position] ?? 0) > 0)
    .map((position) => ({ position, left: balances[position] ?? 0 }))
    .sort(byAmount);
  const transfers: { from: number; to: number; amountPence: number }[] = [];
  let d = 0;
  let c = 0;
  while (d < debtors.length && c < creditors.length) {
    const debtor = debtors[d] as { position: number; left: number };
    const creditor = creditors[c] as { position: number; left: number };
    const amountPence = Math.min(debtor.left, creditor.left);
    transfers.push({ from: debtor.position, to: creditor.position, amountPence });
    debtor.left -= amountPence;
    creditor.left -= amountPence;
    if (debtor.left === 0) d++;
    if (creditor.left === 0) c++;
  }
  return transfers;
}

/** "1", "0.5", "0.8333": a full-time equivalent in basis points as people write it. */
export function formatFte(basisPoints: number): string {
  const fraction = String(basisPoints % wholeInBasisPoints)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return `${Math.floor(basisPoints / wholeInBasisPoints)}${fraction ? `.${fraction}` : ""}`;
}

const ftePattern = /^(\d+)(?:\.(\d{1,4}))?$/;

/** Reads "0.5" or "1" as basis points of a full-time post; more than 4 decimal places is refused. */
export function parseFte(text: string): number {
  const match = ftePattern.exec(text.trim());
  if (!match) {
    throw new RangeError(`"${text}" is not a full-time equivalent: write it like 0.5 or 1`);
  }
  const [, whole = "0", fraction = ""] = match;
  return Number(whole) * wholeInBasisPoints + Number(fraction.padEnd(4, "0"));
}
