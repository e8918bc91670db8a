CREATE TABLE "export_snapshot_chunks" (
	"export_id" uuid NOT NULL,
	"chunk" integer NOT NULL,
	"customer_ids" bigint[] NOT NULL,
	"entered_ats" timestamp with time zone[] NOT NULL,
	"row_count" integer NOT NULL,
	CONSTRAINT "export_snapshot_chunks_export_id_chunk_pk" PRIMARY KEY("export_id","chunk")
);
--> statement-breakpoint
DROP TABLE "export_members" CASCADE;--> statement-breakpoint
ALTER TABLE "export_snapshot_chunks" ADD CONSTRAINT "export_snapshot_chunks_export_id_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."exports"("id") ON DELETE cascade ON UPDATE no action;