CREATE TABLE "segment_daily_changes" (
	"segment_id" bigint NOT NULL,
	"day" date NOT NULL,
	"entered" integer DEFAULT 0 NOT NULL,
	"exited" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "segment_daily_changes_segment_id_day_pk" PRIMARY KEY("segment_id","day")
);
--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "membership_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "segment_daily_changes" ADD CONSTRAINT "segment_daily_changes_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "segments_workspace_live_idx" ON "segments" USING btree ("workspace_id","name") WHERE "segments"."deleted_at" is null;--> statement-breakpoint
-- hand-written:
-- Keeps segment_daily_changes right for every writer of the history: one upsert per statement
-- (a transition table), grouped by segment and UTC day, so a million-row recompute adds one
-- aggregate, not a million row triggers.
CREATE OR REPLACE FUNCTION lumen_segment_daily_changes_rollup() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO segment_daily_changes AS d (segment_id, day, entered, exited)
  SELECT n.segment_id, (n.at AT TIME ZONE 'UTC')::date,
         count(*) FILTER (WHERE n.change = 'entered'), count(*) FILTER (WHERE n.change = 'exited')
  FROM lumen_new_member_changes n
  GROUP BY 1, 2
  -- A fixed order, so concurrent statements lock the same rows in the same order.
  ORDER BY 1, 2
  ON CONFLICT (segment_id, day) DO UPDATE SET entered = d.entered + EXCLUDED.entered, exited = d.exited + EXCLUDED.exited;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER segment_member_changes_daily_rollup
AFTER INSERT ON segment_member_changes
REFERENCING NEW TABLE AS lumen_new_member_changes
FOR EACH STATEMENT EXECUTE FUNCTION lumen_segment_daily_changes_rollup();
--> statement-breakpoint
INSERT INTO segment_daily_changes (segment_id, day, entered, exited)
SELECT segment_id, (at AT TIME ZONE 'UTC')::date, count(*) FILTER (WHERE change = 'entered'), count(*) FILTER (WHERE change = 'exited')
FROM segment_member_changes GROUP BY 1, 2
ON CONFLICT (segment_id, day) DO NOTHING;
--> statement-breakpoint
UPDATE segments s SET membership_changed_at = h.at
FROM (SELECT segment_id, max(at) AS at FROM segment_member_changes GROUP BY segment_id) h
WHERE h.segment_id = s.id;
