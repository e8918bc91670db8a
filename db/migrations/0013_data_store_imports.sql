CREATE TYPE "public"."import_target" AS ENUM('segment_members', 'data_store_records');--> statement-breakpoint
ALTER TABLE "segment_imports" ALTER COLUMN "segment_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "segment_imports" ADD COLUMN "target" "import_target" DEFAULT 'segment_members' NOT NULL;--> statement-breakpoint
ALTER TABLE "segment_imports" ADD COLUMN "data_store_id" bigint;--> statement-breakpoint
ALTER TABLE "segment_imports" ADD CONSTRAINT "segment_imports_data_store_id_data_stores_id_fk" FOREIGN KEY ("data_store_id") REFERENCES "public"."data_stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "segment_imports_data_store_idx" ON "segment_imports" USING btree ("data_store_id","created_at");--> statement-breakpoint
ALTER TABLE "segment_imports" ADD CONSTRAINT "segment_imports_target_check" CHECK (("segment_imports"."target" = 'segment_members' AND "segment_imports"."segment_id" IS NOT NULL AND "segment_imports"."data_store_id" IS NULL) OR ("segment_imports"."target" = 'data_store_records' AND "segment_imports"."data_store_id" IS NOT NULL AND "segment_imports"."segment_id" IS NULL));