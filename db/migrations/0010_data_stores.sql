CREATE TYPE "public"."data_store_identifier_kind" AS ENUM('email', 'external_id');--> statement-breakpoint
CREATE TABLE "data_store_records" (
	"data_store_id" bigint NOT NULL,
	"key" text NOT NULL,
	"customer_identifier" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_store_records_data_store_id_key_pk" PRIMARY KEY("data_store_id","key")
);
--> statement-breakpoint
CREATE TABLE "data_stores" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "data_stores_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"public_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"identifier_kind" "data_store_identifier_kind" NOT NULL,
	"record_count" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_stores_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "data_store_filter" jsonb;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "data_store_sync" jsonb;--> statement-breakpoint
ALTER TABLE "data_store_records" ADD CONSTRAINT "data_store_records_data_store_id_data_stores_id_fk" FOREIGN KEY ("data_store_id") REFERENCES "public"."data_stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_stores" ADD CONSTRAINT "data_stores_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_stores" ADD CONSTRAINT "data_stores_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_store_records_identifier_idx" ON "data_store_records" USING btree ("data_store_id","customer_identifier");--> statement-breakpoint
CREATE INDEX "data_store_records_key_prefix_idx" ON "data_store_records" USING btree ("data_store_id","key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "data_stores_workspace_idx" ON "data_stores" USING btree ("workspace_id","name");--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_data_store_id_data_stores_id_fk" FOREIGN KEY ("data_store_id") REFERENCES "public"."data_stores"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "segments_data_store_idx" ON "segments" USING btree ("data_store_id") WHERE "segments"."data_store_id" is not null;