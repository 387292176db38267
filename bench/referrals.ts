// The referral import and the triage queue at scale, on PostgreSQL. Prints:
//  - the streaming import of N synthetic referrals (rows/s, peak RSS of this process);
//  - PostgreSQL's own COPY of exactly the same rows into the same table, and the ratio;
//  - the triage queue's first page and filtered pages over N referrals (median and 95th percentile).
// Run: TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//        node --import tsx bench/referrals.ts [rows, default 1,000,000] [seed, default 2026]
// It creates (and drops) its own database on that server; the generated file stays in the OS
// temp directory so a second run reuses it.

import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { asc } from "drizzle-orm";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import type { RequestContext } from "#src/audit/audit.ts";
import { forces, nfibCodes } from "#src/db/schema.ts";
import { importReferralFile } from "#src/features/referrals/import/run.ts";
import { listReferralsQuery } from "#src/features/referrals/schema.ts";
import { listReferrals } from "#src/features/referrals/service.ts";
import { syntheticReferrals, writeCsv } from "./referrals/generate.ts";
import { format, medianAndP95, withBenchDatabase } from "./support.ts";

const rows = Number(process.argv[2] ?? 1_000_000);
const seed = Number(process.argv[3] ?? 2026);

const mb = (bytes: number) => `${format(bytes / 1024 / 1024)} MB`;

await withBenchDatabase(
  "referrals",
  ["investigator", "supervisor"],
  async ({ database, raw, actor, context }) => {
    const db = database.db;

    const forceRows = await db.select({ id: forces.id }).from(forces).orderBy(asc(forces.id));
    const codes = await db.select({ code: nfibCodes.code, category: nfibCodes.category }).from(nfibCodes);
    const file = join(tmpdir(), `rocu-bench-referrals-${rows}-${seed}-${codes.length}codes.csv`);
    if (!existsSync(file)) {
      const started = performance.now();
      await writeCsv(
        file,
        syntheticReferrals(rows, seed, {
          forceIds: forceRows.map((force) => force.id),
          nfibCodes: codes,
          lastDay: "2026-10-31",
        }),
      );
      console.log(
        `generated ${format(rows)} referrals in ${format((performance.now() - started) / 1000, 1)} s: ${file}`,
      );
    }

    // 1. The import, as the CLI and the API run it: check pass, then batched ingest.
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const importStarted = performance.now();
    let phase = "";
    const run = await importReferralFile(
      db,
      context,
      { path: file, fileName: "bench.csv", format: "csv" },
      {
        onProgress: (progress) => {
          if (progress.phase === phase) return;
          phase = progress.phase;
          console.log(`  ${phase} from ${format((performance.now() - importStarted) / 1000, 1)} s`);
        },
      },
    );
    const importSeconds = (performance.now() - importStarted) / 1000;
    clearInterval(sampler);
    if (run.status !== "completed")
      throw new Error(`import ${run.status}: ${JSON.stringify(run.errors.slice(0, 5))}`);
    const importRate = rows / importSeconds;
    console.log(
      `import (check + ingest)  ${format(importSeconds, 1).padStart(7)} s  ${format(importRate).padStart(9)} rows/s  peak RSS ${mb(peakRss)}  (created ${format(run.createdCount)})`,
    );

    // 2. The triage queue over the imported referrals: a force's ECU, and a national user.
    const forceContext: RequestContext = {
      ...context,
      actor: { ...actor, scope: "force", forceId: "west-midlands", roles: ["investigator"] },
    };
    const queries: [string, RequestContext, Record<string, string>][] = [
      ["queue, first page (one force)", forceContext, { status: "awaiting-triage" }],
      [
        "queue filtered P1 + code (one force)",
        forceContext,
        { status: "awaiting-triage", band: "P1", nfibCode: codes[0]?.code ?? "NFIB52B" },
      ],
      ["queue, first page (national)", context, { status: "awaiting-triage" }],
      [
        "queue filtered P2 + age 75+ (national)",
        context,
        { status: "awaiting-triage", band: "P2", victimAgeBand: "75-plus" },
      ],
      [
        "series by wallet (national)",
        context,
        { identifier: "crypto-wallet:0x0000000000000000000000000000000000000000" },
      ],
    ];
    for (const [label, queryContext, filters] of queries) {
      const query = listReferralsQuery.parse(filters);
      const timings: number[] = [];
      for (let attempt = 0; attempt < 105; attempt++) {
        const started = performance.now();
        await listReferrals(db, queryContext, query);
        if (attempt >= 5) timings.push(performance.now() - started);
      }
      console.log(`${label.padEnd(40)} ${medianAndP95(timings)}`);
    }

    // 3. COPY of exactly the rows the import stored, into the same (emptied) table with its indexes.
    const copyFile = join(tmpdir(), `rocu-bench-referrals-${process.pid}.copy`);
    await pipeline(raw.query(copyTo("COPY referrals TO STDOUT")), createWriteStream(copyFile));
    await raw.query("TRUNCATE referrals CASCADE");
    const copyStarted = performance.now();
    await pipeline(createReadStream(copyFile), raw.query(copyFrom("COPY referrals FROM STDIN")));
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const copyRate = rows / copySeconds;
    console.log(
      `COPY of the same rows     ${format(copySeconds, 1).padStart(7)} s  ${format(copyRate).padStart(9)} rows/s`,
    );
    await rm(copyFile);
    console.log(`import / COPY throughput ratio: ${format(importRate / copyRate, 2)} (target at least 0.50)`);
    console.log(`peak RSS during the import: ${mb(peakRss)} (target under 400 MB)`);
  },
);
