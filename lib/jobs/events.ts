import { z } from "zod";
import { customerFiltersSchema } from "@/lib/customers/customer-filters";

/**
 * Every job event Lumen sends, with its payload schema. Senders and handlers share
 * these types; the embedded runner and Inngest carry the same payloads.
 */
export const jobEventSchemas = {
  /** Customers were created or changed (identify, track, page, import): the segment engine re-evaluates them. */
  "customers/changed": z.object({
    workspaceId: z.string().uuid(),
    customerIds: z.array(z.number().int()).min(1),
    reason: z.enum(["identify", "track", "page", "import", "manual"]),
    eventNames: z.array(z.string()).optional(),
    /** Attributes or location changed, or the customers are new: segments on profile data must look. */
    profileChanged: z.boolean().optional(),
    /** The customers are new: every automatic segment must look at them. */
    created: z.boolean().optional(),
  }),
  /** A segment's definition was created or changed: rebuild its membership from scratch. */
  "segments/recompute.requested": z.object({
    workspaceId: z.string().uuid(),
    segmentId: z.number().int(),
    version: z.number().int(),
  }),
  /** A manual segment's members changed: re-evaluate the segments whose conditions use it (null ids: too many, recompute them). */
  "segments/members.changed": z.object({
    workspaceId: z.string().uuid(),
    segmentPublicId: z.string(),
    customerIds: z.array(z.number().int()).nullable(),
  }),
  /** A large CSV import was confirmed: apply it in the background. */
  "imports/apply.requested": z.object({
    workspaceId: z.string().uuid(),
    importId: z.string().uuid(),
    actorUserId: z.string().nullable(),
  }),
  /**
   * A data store's linked segments must follow its records: for the customers these identifiers
   * name (records written or deleted), for these customers (identified later), or in full (both
   * absent: a link, the schedule, or a change too large to list). `segmentIds` limits it to some links.
   */
  "data-stores/sync.requested": z.object({
    workspaceId: z.string().uuid(),
    dataStoreId: z.number().int(),
    identifiers: z.array(z.string()).optional(),
    customerIds: z.array(z.number().int()).optional(),
    segmentIds: z.array(z.number().int()).optional(),
    reason: z.enum(["records", "customers", "link", "schedule"]),
  }),
  /** A marketer added (or removed) "all customers matching" a large filter: apply it in the background. */
  "segments/picked.requested": z.object({
    workspaceId: z.string().uuid(),
    segmentPublicId: z.string(),
    op: z.enum(["add", "remove"]),
    filters: customerFiltersSchema,
    actorUserId: z.string().nullable(),
    /** The moment of the click: "last seen within N days" counts from it. */
    at: z.string(),
  }),
  /** A segment was deleted (marked): remove its memberships and history in chunks, then the row. */
  "segments/delete.requested": z.object({
    workspaceId: z.string().uuid(),
    segmentId: z.number().int(),
  }),
  /** Time passed: slide the relative windows of one workspace's segments forward. */
  "segments/time-windows.due": z.object({
    workspaceId: z.string().uuid(),
  }),
  "workspace/member.invited": z.object({
    workspaceId: z.string().uuid(),
    workspaceName: z.string(),
    email: z.string().email(),
    role: z.string(),
    inviterName: z.string(),
  }),
  /** A member asked for a segment's CSV: build it from a snapshot, store it, email it. */
  "exports/segment.requested": z.object({
    workspaceId: z.string().uuid(),
    exportId: z.string().uuid(),
  }),
} as const;

export type JobEventName = keyof typeof jobEventSchemas;
export type JobEventData<N extends JobEventName> = z.infer<(typeof jobEventSchemas)[N]>;
export type JobEvent<N extends JobEventName = JobEventName> = N extends JobEventName
  ? { name: N; data: JobEventData<N>; id?: string; ts?: number }
  : never;
