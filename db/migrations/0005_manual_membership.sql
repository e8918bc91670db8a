CREATE TYPE "public"."import_direction" AS ENUM('add', 'remove');--> statement-breakpoint
CREATE TYPE "public"."import_identifier_kind" AS ENUM('email', 'external_id');--> statement-breakpoint
CREATE TYPE "public"."import_status" AS ENUM('uploading', 'applying', 'applied', 'failed');--> statement-breakpoint
CREATE TABLE "segment_import_errors" (
	"import_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"value" text NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "segment_import_errors_import_id_row_number_pk" PRIMARY KEY("import_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "segment_import_rows" (
	"import_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"identifier" text NOT NULL,
	"attributes" jsonb,
	CONSTRAINT "segment_import_rows_import_id_row_number_pk" PRIMARY KEY("import_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "segment_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"segment_id" bigint NOT NULL,
	"direction" "import_direction" NOT NULL,
	"identifier_kind" "import_identifier_kind" NOT NULL,
	"create_unknown" boolean DEFAULT false NOT NULL,
	"file_name" text NOT NULL,
	"status" "import_status" DEFAULT 'uploading' NOT NULL,
	"report" jsonb,
	"error" text,
	"created_by" text,
	"applied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "segment_members" ADD COLUMN "sources" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "segment_import_errors" ADD CONSTRAINT "segment_import_errors_import_id_segment_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."segment_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_import_rows" ADD CONSTRAINT "segment_import_rows_import_id_segment_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."segment_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_imports" ADD CONSTRAINT "segment_imports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_imports" ADD CONSTRAINT "segment_imports_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_imports" ADD CONSTRAINT "segment_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "segment_imports_segment_idx" ON "segment_imports" USING btree ("segment_id","created_at");--> statement-breakpoint
-- hand-written:
-- Staging rows are disposable (an interrupted upload is uploaded again): skip the WAL.
ALTER TABLE "segment_import_rows" SET UNLOGGED;--> statement-breakpoint
-- Existing manual members get the bit of the source that added them (lib/segments/membership/member-sources.ts).
UPDATE "segment_members" sm SET "sources" = CASE sm."source" WHEN 'csv' THEN 1 WHEN 'selection' THEN 2 WHEN 'api' THEN 4 WHEN 'data_store' THEN 8 ELSE 0 END
FROM "segments" s WHERE s."id" = sm."segment_id" AND s."type" = 'manual';
