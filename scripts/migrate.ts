// Applies the migrations in db/migrations to the database the environment points to:
// DATABASE_URL (Neon driver for *.neon.tech, `pg` otherwise, DATABASE_DRIVER to force one),
// or the embedded PGlite database in LUMEN_DATA_DIR / .data/pglite when it is not set.
//   npm run db:migrate
import { allowServerOnlyImports } from "./script-setup";

allowServerOnlyImports();
const { dbConfigFromEnv, migrateDb, openDb } = await import("@/db/client");

const config = dbConfigFromEnv();
const where = config.driver === "pglite" ? `PGlite at ${config.url}` : `${config.driver} at ${redact(config.url ?? "")}`;
const started = performance.now();
const handle = await openDb(config);
try {
  await migrateDb(handle);
  console.log(`Migrated ${where} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  await handle.close();
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}
