// How long a CSV import of OCGs takes, and how much memory it needs, on the embedded database.
// Run: node --import tsx bench/import.ts [rows]   (default 10,000 rows)
import { eq } from "drizzle-orm";
import type { RequestContext } from "#src/audit/audit.ts";
import { actorFromUser } from "#src/auth/sessions.ts";
import { openPglite } from "#src/db/database.ts";
import { migrate } from "#src/db/migrate.ts";
import { users } from "#src/db/schema.ts";
import { demoEmail, seedDemo } from "#src/demo/seed.ts";
import { importers } from "#src/features/imports/kinds.ts";
import { importFile, template } from "#src/features/imports/service.ts";

const rows = Number(process.argv[2] ?? 10_000);
const database = await openPglite(undefined);
await migrate(database);
const system: RequestContext = { actor: null, requestId: null, clientIp: null };
await seedDemo(database.db, "bench-password-2026", system);
const [analyst] = await database.db
  .select()
  .from(users)
  .where(eq(users.email, demoEmail("analyst")));
if (!analyst) throw new Error("the demo analyst was not seeded");
const context: RequestContext = { ...system, actor: actorFromUser(analyst) };

// The template's example row, made unique by its name, as many times as asked.
const [header = "", example = ""] = template(context, importers.ocgs).split(/\r?\n/);
const rest = example.slice(example.indexOf(","));
const csv = [header, ...Array.from({ length: rows }, (_, index) => `Bench group ${index + 1}${rest}`)].join(
  "\n",
);

async function measure(label: string, mode: "check" | "valid-only") {
  const started = performance.now();
  const report = await importFile(database.db, context, importers.ocgs, { csv, mode });
  const seconds = (performance.now() - started) / 1000;
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(
    `${label.padEnd(28)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(rows / seconds)
      .toLocaleString("en-GB")
      .padStart(
        8,
      )} rows/s  imported ${report.imported}, already ${report.alreadyImported}, invalid ${report.invalid}  rss ${Math.round(rss)} MB`,
  );
}

console.log(
  `CSV import of ${rows.toLocaleString("en-GB")} OCG rows (${Math.round(csv.length / 1024)} KiB) on PGlite`,
);
await measure("check only", "check");
await measure("import (valid-only)", "valid-only");
await measure("re-import of the same file", "valid-only");
await database.close();
