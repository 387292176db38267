// The funding report at a realistic volume, on PostgreSQL. Seeds 200 streams with an amount for
// 2018/19, spend for all 12 months in 6 cost categories each (14,400 lines, one category of each
// stream spent on a project), 500 approved bids with a commissioner's decision each drawing on a
// stream; then times the report by stream, by project and by force, for the year and for a
// quarter, and prints the median and 95th percentile of 100 runs (after 5 to warm up).
// Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//        node --import tsx bench/funding-reports.ts
// It creates (and drops) its own database on that server.

import { fundingReport } from "#src/features/funding/reports.ts";
import type { ReportGrouping, ReportQuarter } from "#src/features/funding/reports-schema.ts";
import { format, medianAndP95, withBenchDatabase } from "./support.ts";

const STREAMS = 200;
const BIDS = 500;

await withBenchDatabase("reports", ["finance"], async ({ database, raw, actor, context }) => {
  const db = database.db;

  const seeded = performance.now();
  await raw.query("BEGIN");
  // A commissioner's office for every force area that has none, so every bid has a decision maker.
  await raw.query(`
    INSERT INTO organisations (id, name, kind, force_id, region_id)
    SELECT 'bench-opcc-' || f.id, 'Bench commissioner for ' || f.name, 'opcc', f.id, f.region_id
    FROM forces f WHERE NOT EXISTS (SELECT 1 FROM organisations o WHERE o.kind = 'opcc' AND o.force_id = f.id)`);
  await raw.query(
    `CREATE TEMP TABLE bench_forces AS
       SELECT row_number() OVER (ORDER BY o.id) - 1 AS n, o.id AS org, o.force_id, o.region_id
       FROM organisations o WHERE o.kind = 'force'`,
  );
  // Streams: £100,000 to £2,090,000 for 2018/19; every fifth carries over.
  await raw.query(
    `INSERT INTO funding_streams (source, name, recipient_organisation_id, force_id, region_id,
       allowed_categories, carries_over, created_by)
     SELECT 'home-office-specific-grant', 'Bench stream ' || lpad(i::text, 3, '0'), f.org, f.force_id, f.region_id,
       '{}', i % 5 = 0, $1
     FROM generate_series(1, ${STREAMS}) i
     JOIN bench_forces f ON f.n = i % (SELECT count(*) FROM bench_forces)`,
    [actor.id],
  );
  await raw.query(`
    CREATE TEMP TABLE bench_streams AS
      SELECT row_number() OVER (ORDER BY name) - 1 AS n, id FROM funding_streams`);
  await raw.query(`
    INSERT INTO funding_stream_amounts (stream_id, financial_year, amount_pence)
    SELECT id, 2018, (100000 + (n * 7919) % 1990001) * 100 FROM bench_streams`);
  // Bids, approved, each decided by its force area's commissioner, drawing on one stream.
  await raw.query(
    `INSERT INTO funding_bids (title, purpose, applicant_organisation_id, force_id, region_id, strand,
       crime_area, force_areas, status, created_by)
     SELECT 'Bench project ' || lpad(i::text, 3, '0'), 'Bench', f.org, f.force_id, f.region_id, 'protect',
       'cyber', ARRAY[f.force_id], 'approved', $1
     FROM generate_series(1, ${BIDS}) i
     JOIN bench_forces f ON f.n = i % (SELECT count(*) FROM bench_forces)`,
    [actor.id],
  );
  await raw.query(
    `CREATE TEMP TABLE bench_bids AS
       SELECT row_number() OVER (ORDER BY title) - 1 AS n, id, force_id, region_id FROM funding_bids`,
  );
  await raw.query(
    `INSERT INTO funding_decisions (reference, bid_id, decision_maker_organisation_id, force_id, region_id,
       decided_on, outcome, published_summary, recorded_by)
     SELECT 'BENCH ' || b.n, b.id, o.id, b.force_id, b.region_id, '2018-06-01', 'approved', 'Bench', $1
     FROM bench_bids b JOIN organisations o ON o.kind = 'opcc' AND o.force_id = b.force_id`,
    [actor.id],
  );
  await raw.query(`
    INSERT INTO funding_decision_amounts (decision_id, position, financial_year, amount_pence, funding_stream_id)
    SELECT d.id, 1, 2018, (5000 + (b.n * 104729) % 45001) * 100, s.id
    FROM funding_decisions d
    JOIN bench_bids b ON b.id = d.bid_id
    JOIN bench_streams s ON s.n = b.n % ${STREAMS}`);
  // Spend: 12 months × 6 categories per stream; the sixth category is spent on a project it funds.
  await raw.query(
    `INSERT INTO funding_spend_lines (stream_id, bid_id, month, financial_year, category, amount_pence, recorded_by)
     SELECT s.id, CASE WHEN c.category = 'training' THEN b.id END, m.month, 2018, c.category,
       (1000 + (s.n * 31 + m.i * 17 + c.i * 7) % 9000) * 100, $1
     FROM bench_streams s
     JOIN bench_bids b ON b.n = s.n
     CROSS JOIN (SELECT i, to_char(date '2018-04-01' + (i || ' months')::interval, 'YYYY-MM') AS month
                 FROM generate_series(0, 11) i) m
     CROSS JOIN (SELECT row_number() OVER () AS i, category
                 FROM unnest(ARRAY['staff', 'overtime', 'hardware', 'software', 'travel', 'training']) category) c`,
    [actor.id],
  );
  await raw.query("COMMIT");
  await raw.query("ANALYZE");
  const counts = await raw.query<{ streams: string; bids: string; decisions: string; lines: string }>(`
    SELECT (SELECT count(*) FROM funding_streams) AS streams, (SELECT count(*) FROM funding_bids) AS bids,
      (SELECT count(*) FROM funding_decisions) AS decisions, (SELECT count(*) FROM funding_spend_lines) AS lines`);
  const seededIn = (performance.now() - seeded) / 1000;
  const row = counts.rows[0];
  console.log(
    `seeded ${row?.streams} streams, ${row?.bids} bids, ${row?.decisions} decisions, ${row?.lines} spend lines in ${format(seededIn, 1)} s`,
  );

  const cases: [ReportGrouping, ReportQuarter | undefined][] = [
    ["stream", undefined],
    ["stream", "Q2"],
    ["project", undefined],
    ["project", "Q2"],
    ["force", undefined],
    ["force", "Q2"],
  ];
  for (const [groupBy, quarter] of cases) {
    const timings: number[] = [];
    let rows = 0;
    for (let attempt = 0; attempt < 105; attempt++) {
      const started = performance.now();
      const view = await fundingReport(db, context, { financialYear: "2018/19", quarter, groupBy });
      if (attempt >= 5) timings.push(performance.now() - started);
      rows = view.rows.length;
    }
    const label = `2018/19${quarter ? ` ${quarter}` : ""} by ${groupBy} (${rows} rows)`;
    console.log(`${label.padEnd(36)} ${medianAndP95(timings)}`);
  }
});
