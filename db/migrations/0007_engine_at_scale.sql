DROP TABLE "customer_event_daily" CASCADE;--> statement-breakpoint
ALTER TABLE "segment_member_changes" DROP CONSTRAINT "segment_member_changes_segment_id_segments_id_fk";
--> statement-breakpoint
ALTER TABLE "segment_member_changes" DROP CONSTRAINT "segment_member_changes_customer_id_customers_id_fk";
--> statement-breakpoint
DROP INDEX "segment_member_changes_customer_idx";--> statement-breakpoint
ALTER TABLE "segment_member_changes" DROP CONSTRAINT "segment_member_changes_pkey";--> statement-breakpoint
-- hand-written:
-- The history has no foreign keys (they cost two trigger checks per member change); these
-- statement-level triggers do what their ON DELETE CASCADE did, once per deleting statement.
CREATE OR REPLACE FUNCTION lumen_forget_segment_history() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM segment_member_changes h USING gone g WHERE h.segment_id = g.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER segments_forget_history AFTER DELETE ON segments
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION lumen_forget_segment_history();--> statement-breakpoint
CREATE OR REPLACE FUNCTION lumen_forget_customer_history() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM segment_member_changes h USING gone g WHERE h.customer_id = g.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER customers_forget_history AFTER DELETE ON customers
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION lumen_forget_customer_history();
