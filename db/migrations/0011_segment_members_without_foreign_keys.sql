ALTER TABLE "segment_members" DROP CONSTRAINT "segment_members_segment_id_segments_id_fk";
--> statement-breakpoint
ALTER TABLE "segment_members" DROP CONSTRAINT "segment_members_customer_id_customers_id_fk";
--> statement-breakpoint
-- hand-written:
-- Membership has no foreign keys (they cost two locking lookups per member written); these
-- statement-level triggers do what their ON DELETE CASCADE did, once per deleting statement,
-- as 0007's do for the history. segment_members_customer_idx serves the customer side.
CREATE OR REPLACE FUNCTION lumen_forget_segment_members() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM segment_members m USING gone g WHERE m.segment_id = g.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER segments_forget_members AFTER DELETE ON segments
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION lumen_forget_segment_members();--> statement-breakpoint
CREATE OR REPLACE FUNCTION lumen_forget_customer_members() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM segment_members m USING gone g WHERE m.customer_id = g.id;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER customers_forget_members AFTER DELETE ON customers
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION lumen_forget_customer_members();
