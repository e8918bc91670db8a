import { z } from "zod";
import { customerFiltersSchema, type CustomerFilters } from "@/lib/customers/customer-filters";
import { segmentPublicIdSchema } from "../segment-schemas";

/**
 * What the Customers tab, a customer's page and a segment's member list send when a marketer
 * adds picked customers to (or removes them from) a manual segment: explicit ids (a page's
 * checkboxes, bounded) or the filter description of "all matching", which the server compiles
 * into one SQL set. Shared by the client (types) and the server actions (validation).
 */

/** A request names at most this many ids; larger selections are "all matching" a filter. */
export const MAX_PICKED_IDS = 1_000;
/** A "matching" selection larger than this is applied by a background job, not in the request. */
export const BACKGROUND_PICK_ROWS = 100_000;

export const customerSelectionSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      kind: z.literal("ids"),
      ids: z
        .array(z.coerce.number({ error: "Customer ids are numbers" }).int("Customer ids are whole numbers").positive("Customer ids are positive").max(Number.MAX_SAFE_INTEGER), {
          error: "Select at least one customer",
        })
        .min(1, "Select at least one customer")
        .max(MAX_PICKED_IDS, `Select at most ${MAX_PICKED_IDS.toLocaleString("en-US")} customers by hand, or select all customers matching the filters`),
    }),
    z.object({ kind: z.literal("matching"), filters: customerFiltersSchema }),
  ],
  { error: "Select customers first" },
);
export type CustomerSelection = z.output<typeof customerSelectionSchema>;
export type CustomerSelectionInput = { kind: "ids"; ids: number[] } | { kind: "matching"; filters: CustomerFilters };

export const pickedCustomersFormSchema = z.object({
  segmentId: segmentPublicIdSchema,
  selection: customerSelectionSchema,
});

export const countMatchingFormSchema = z.object({ filters: customerFiltersSchema });
