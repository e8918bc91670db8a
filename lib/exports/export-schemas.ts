import { z } from "zod";
import { exportColumnsSchema } from "./export-columns";

export const requestSegmentExportSchema = z.object({
  segmentId: z.string().trim().min(1, "Choose a segment to export").max(100, "Unknown segment"),
  columns: exportColumnsSchema,
});

export const exportOptionsSchema = z.object({});
