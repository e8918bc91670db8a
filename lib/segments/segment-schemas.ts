import { z } from "zod";
import { segmentTypes } from "@/db/schema";
import { conditionTreeSchema } from "./condition-schema";

export const segmentNameSchema = z.string().trim().min(1, "Give your segment a name").max(120, "Names are at most 120 characters");

export const createSegmentSchema = z
  .object({
    name: segmentNameSchema,
    description: z.string().trim().max(500, "Descriptions are at most 500 characters").default(""),
    type: z.enum(segmentTypes, { error: "Choose Automatic or Manual" }),
    conditions: conditionTreeSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.type === "automatic" && !s.conditions) {
      ctx.addIssue({ code: "custom", path: ["conditions"], message: "An automatic segment needs at least one condition" });
    }
    if (s.type === "manual" && s.conditions) {
      ctx.addIssue({ code: "custom", path: ["conditions"], message: "Manual segments have no conditions" });
    }
  });
export type CreateSegmentInput = z.input<typeof createSegmentSchema>;
