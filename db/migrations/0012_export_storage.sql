-- An export's snapshot lives for minutes and is read once per chunk: compressing its arrays
-- cost more than half of the snapshot statement at 1M members (pglz), so they are stored as they are.
ALTER TABLE "export_snapshot_chunks" ALTER COLUMN "customer_ids" SET STORAGE EXTERNAL, ALTER COLUMN "entered_ats" SET STORAGE EXTERNAL;
--> statement-breakpoint
-- Built CSV parts (~5 MB each) compress with lz4 about four times faster than with the default pglz
-- and nearly as small. A Postgres built without lz4 (PGlite) keeps pglz.
DO $$
BEGIN
  ALTER TABLE "export_file_parts" ALTER COLUMN "content" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
