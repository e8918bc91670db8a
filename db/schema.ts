import { sql } from "drizzle-orm";
import {
  check,
  type AnyPgColumn,
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
};

// ---------------------------------------------------------------------------
// Auth.js tables (shape required by @auth/drizzle-adapter)
// ---------------------------------------------------------------------------

export const users = pgTable("users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: timestamp("email_verified", { mode: "date" }),
  image: text("image"),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: timestamp("expires", { mode: "date" }).notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ---------------------------------------------------------------------------
// Workspaces, members, invitations, API keys
// ---------------------------------------------------------------------------

export const workspaceRoles = ["owner", "admin", "member", "viewer"] as const;
export type WorkspaceRole = (typeof workspaceRoles)[number];
export const workspaceRoleEnum = pgEnum("workspace_role", workspaceRoles);

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  isDemo: boolean("is_demo").notNull().default(false),
  ...timestamps,
});

export const workspaceMembers = pgTable(
  "workspace_members",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: workspaceRoleEnum("role").notNull().default("member"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index("workspace_members_user_idx").on(t.userId)],
);

export const workspaceInvitations = pgTable(
  "workspace_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: workspaceRoleEnum("role").notNull().default("member"),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    uniqueIndex("workspace_invitations_pending_idx")
      .on(t.workspaceId, sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} is null`),
  ],
);

export const apiKeyKinds = ["write", "secret"] as const;
export type ApiKeyKind = (typeof apiKeyKinds)[number];
export const apiKeyKindEnum = pgEnum("api_key_kind", apiKeyKinds);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: apiKeyKindEnum("kind").notNull(),
    // First characters of the key, kept so a user can tell keys apart; the key itself is only ever hashed.
    prefix: text("prefix").notNull(),
    hash: text("hash").notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("api_keys_hash_idx").on(t.hash), index("api_keys_workspace_idx").on(t.workspaceId)],
);

// ---------------------------------------------------------------------------
// Customers and events
// ---------------------------------------------------------------------------

export const customers = pgTable(
  "customers",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    externalId: text("external_id"),
    anonymousId: text("anonymous_id"),
    email: text("email"),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
    country: text("country"),
    region: text("region"),
    city: text("city"),
    timezone: text("timezone"),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("customers_external_id_idx").on(t.workspaceId, t.externalId),
    uniqueIndex("customers_email_idx").on(t.workspaceId, sql`lower(${t.email})`),
    uniqueIndex("customers_anonymous_id_idx").on(t.workspaceId, t.anonymousId),
    // Keyset pagination and chunked recomputes walk (workspace_id, id).
    index("customers_workspace_id_idx").on(t.workspaceId, t.id),
    // Prefix search on email from the customer list.
    index("customers_email_prefix_idx").on(t.workspaceId, sql`lower(${t.email}) text_pattern_ops`),
    index("customers_country_idx").on(t.workspaceId, t.country),
  ],
);

export const eventTypes = ["track", "page"] as const;
export const eventTypeEnum = pgEnum("event_type", eventTypes);

export const events = pgTable(
  "events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    customerId: bigint("customer_id", { mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    type: eventTypeEnum("type").notNull().default("track"),
    name: text("name").notNull(),
    properties: jsonb("properties").$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    // The sender's messageId: a retried batch must not be counted twice.
    messageId: text("message_id").notNull(),
  },
  (t) => [
    uniqueIndex("events_message_id_idx").on(t.workspaceId, t.messageId),
    index("events_customer_time_idx").on(t.workspaceId, t.customerId, t.occurredAt),
    index("events_name_time_idx").on(t.workspaceId, t.name, t.occurredAt),
    // Segment recompute chunks read one event name for one range of customers.
    index("events_name_customer_idx").on(t.workspaceId, t.name, t.customerId, t.occurredAt),
  ],
);

// ---------------------------------------------------------------------------
// Segments
// ---------------------------------------------------------------------------

export const segmentTypes = ["automatic", "manual"] as const;
export type SegmentType = (typeof segmentTypes)[number];
export const segmentTypeEnum = pgEnum("segment_type", segmentTypes);

export const computeStatuses = ["queued", "computing", "ready", "failed"] as const;
export const computeStatusEnum = pgEnum("compute_status", computeStatuses);

export const segments = pgTable(
  "segments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    publicId: text("public_id").notNull().unique(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    type: segmentTypeEnum("type").notNull(),
    conditions: jsonb("conditions"),
    /** Manual segments: the data store whose records keep the members in step (set null when the store goes). */
    dataStoreId: bigint("data_store_id", { mode: "number" }).references((): AnyPgColumn => dataStores.id, { onDelete: "set null" }),
    /** Which of the linked store's records count (validated by lib/data-stores/data-store-schemas.ts); null: all. */
    dataStoreFilter: jsonb("data_store_filter").$type<DataStoreFilter>(),
    /** What the last sync of the linked store did, shown on the segment page. */
    dataStoreSync: jsonb("data_store_sync").$type<DataStoreSyncInfo>(),
    memberCount: integer("member_count").notNull().default(0),
    computedAt: timestamp("computed_at", { withTimezone: true, mode: "date" }),
    computeStatus: computeStatusEnum("compute_status").notNull().default("ready"),
    computeProgress: real("compute_progress"),
    computeError: text("compute_error"),
    definitionVersion: integer("definition_version").notNull().default(1),
    /** Up to when relative time windows were last slid forward (the time-passing refresh). */
    windowsRefreshedAt: timestamp("windows_refreshed_at", { withTimezone: true, mode: "date" }),
    /** When membership last changed (someone entered or exited): the list's "last change", kept where membership is written. */
    membershipChangedAt: timestamp("membership_changed_at", { withTimezone: true, mode: "date" }),
    /**
     * Set by Delete Segment: from then on the segment is gone for every reader and the engine, while a
     * background job removes its memberships in chunks and finally the row itself.
     */
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    index("segments_workspace_idx").on(t.workspaceId, t.createdAt),
    // The Segments list reads only live segments of one workspace.
    index("segments_workspace_live_idx").on(t.workspaceId, t.name).where(sql`${t.deletedAt} is null`),
    index("segments_data_store_idx").on(t.dataStoreId).where(sql`${t.dataStoreId} is not null`),
  ],
);

// ---------------------------------------------------------------------------
// Data stores: named collections of records that keep linked manual segments in step
// ---------------------------------------------------------------------------

export const dataStoreIdentifierKinds = ["email", "external_id"] as const;
export type DataStoreIdentifierKind = (typeof dataStoreIdentifierKinds)[number];
export const dataStoreIdentifierKindEnum = pgEnum("data_store_identifier_kind", dataStoreIdentifierKinds);

/** A link's filter on the record's data fields: `field` equals / is one of / is not one of `values`, or exists. */
export type DataStoreFilter = { field: string; operator: "equals" | "in" | "not_in" | "exists"; values: string[] };

export type DataStoreSyncInfo = {
  at: string;
  kind: "full" | "incremental" | "customers" | "link";
  status: "ok" | "failed";
  added: number;
  removed: number;
  error?: string;
};

export const dataStores = pgTable(
  "data_stores",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** `ds_…`: URLs and the API use it, never the internal bigint. */
    publicId: text("public_id").notNull().unique(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    identifierKind: dataStoreIdentifierKindEnum("identifier_kind").notNull(),
    /** Kept by the record writers, so the list never counts rows per page view. */
    recordCount: integer("record_count").notNull().default(0),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [index("data_stores_workspace_idx").on(t.workspaceId, t.name)],
);

/**
 * One record per key. `customer_identifier` is what names the customer: an email (stored
 * lower-case, as emails match case-insensitively) or an external id, per the store's kind.
 */
export const dataStoreRecords = pgTable(
  "data_store_records",
  {
    dataStoreId: bigint("data_store_id", { mode: "number" })
      .notNull()
      .references(() => dataStores.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    customerIdentifier: text("customer_identifier").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.dataStoreId, t.key] }),
    // The sync joins records to customers by identifier, and a later-identified customer finds their records.
    index("data_store_records_identifier_idx").on(t.dataStoreId, t.customerIdentifier),
    // "Search by key" on a store's page is a prefix search.
    index("data_store_records_key_prefix_idx").on(t.dataStoreId, sql`${t.key} text_pattern_ops`),
  ],
);

export const memberSources = ["condition", "csv", "selection", "api", "data_store"] as const;
export const memberSourceEnum = pgEnum("member_source", memberSources);

/**
 * Members of a segment. No foreign keys, like the history below: at a million members an add
 * spent 16 of its 28 s in the two per-row foreign-key checks (bench:import, EXPLAIN ANALYZE),
 * and R3's recompute from empty 5.9 s of its 18 (bench:segments). Statement-level triggers on
 * segments and customers (migration 0011, hand-written) do what their ON DELETE CASCADE did,
 * once per deleting statement. Writers check the segment (and its workspace) themselves and
 * take customer ids only from the customers table; customers are deleted only with their
 * workspace, and segments are soft-deleted and purged in steps before their row goes.
 */
export const segmentMembers = pgTable(
  "segment_members",
  {
    segmentId: bigint("segment_id", { mode: "number" }).notNull(),
    customerId: bigint("customer_id", { mode: "number" }).notNull(),
    enteredAt: timestamp("entered_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    source: memberSourceEnum("source").notNull(),
    /**
     * Manual segments: which sources currently hold the customer in (bits of memberSourceBits).
     * The row stays while any bit is set, so a member added by hand and by a data store stays
     * until both have removed it. 0 for automatic segments, where the condition alone decides.
     */
    sources: smallint("sources").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.customerId] }), index("segment_members_customer_idx").on(t.customerId)],
);

// ---------------------------------------------------------------------------
// Manual segment imports (CSV): a staging table keyed by the import, then one apply
// ---------------------------------------------------------------------------

export const importDirections = ["add", "remove"] as const;
export type ImportDirection = (typeof importDirections)[number];
export const importDirectionEnum = pgEnum("import_direction", importDirections);

export const importIdentifierKinds = ["email", "external_id"] as const;
export type ImportIdentifierKind = (typeof importIdentifierKinds)[number];
export const importIdentifierKindEnum = pgEnum("import_identifier_kind", importIdentifierKinds);

/** What an import writes: a manual segment's members, or a data store's records (same staging, same report flow). */
export const importTargets = ["segment_members", "data_store_records"] as const;
export type ImportTarget = (typeof importTargets)[number];
export const importTargetEnum = pgEnum("import_target", importTargets);

export const importStatuses = ["uploading", "applying", "applied", "failed"] as const;
export type ImportStatus = (typeof importStatuses)[number];
export const importStatusEnum = pgEnum("import_status", importStatuses);

export type ImportReport = {
  rowsRead: number;
  added: number;
  alreadyMembers: number;
  created: number;
  removed: number;
  notMembers: number;
  /** Remove: rows whose customer stays because a data store still holds them. */
  keptByDataStore: number;
  skipped: number;
  skippedByReason: Record<string, number>;
  attributesUpdated: number;
};

/** A data store's CSV upload: rowsRead = added + changed + unchanged + rejected, always. */
export type DataStoreImportReport = {
  target: "data_store_records";
  rowsRead: number;
  /** Records with a Record ID new to the store. */
  added: number;
  /** Records whose customer or fields the row changed. */
  changed: number;
  /** Rows equal to the record already stored: nothing written. */
  unchanged: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
};

export type AnyImportReport = ImportReport | DataStoreImportReport;

export const segmentImports = pgTable(
  "segment_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    target: importTargetEnum("target").notNull().default("segment_members"),
    /** Set when target = segment_members. */
    segmentId: bigint("segment_id", { mode: "number" }).references(() => segments.id, { onDelete: "cascade" }),
    /** Set when target = data_store_records. */
    dataStoreId: bigint("data_store_id", { mode: "number" }).references(() => dataStores.id, { onDelete: "cascade" }),
    direction: importDirectionEnum("direction").notNull(),
    identifierKind: importIdentifierKindEnum("identifier_kind").notNull(),
    createUnknown: boolean("create_unknown").notNull().default(false),
    fileName: text("file_name").notNull(),
    status: importStatusEnum("status").notNull().default("uploading"),
    report: jsonb("report").$type<AnyImportReport>(),
    error: text("error"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    appliedAt: timestamp("applied_at", { withTimezone: true, mode: "date" }),
    ...timestamps,
  },
  (t) => [
    index("segment_imports_segment_idx").on(t.segmentId, t.createdAt),
    index("segment_imports_data_store_idx").on(t.dataStoreId, t.createdAt),
    check(
      "segment_imports_target_check",
      sql`(${t.target} = 'segment_members' AND ${t.segmentId} IS NOT NULL AND ${t.dataStoreId} IS NULL) OR (${t.target} = 'data_store_records' AND ${t.dataStoreId} IS NOT NULL AND ${t.segmentId} IS NULL)`,
    ),
  ],
);

/**
 * The uploaded rows, as the browser sent them: only the identifier and the mapped attribute
 * cells (blank cells left out). UNLOGGED (hand-written in the migration): a crash loses only
 * uploads not yet applied, which the user uploads again. The key makes a retried batch harmless.
 */
export const segmentImportRows = pgTable(
  "segment_import_rows",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => segmentImports.id, { onDelete: "cascade" }),
    rowNumber: integer("row_number").notNull(),
    identifier: text("identifier").notNull(),
    attributes: jsonb("attributes").$type<Record<string, string>>(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNumber] })],
);

/** Rows an import did not apply, for the downloadable error file. */
export const segmentImportErrors = pgTable(
  "segment_import_errors",
  {
    importId: uuid("import_id")
      .notNull()
      .references(() => segmentImports.id, { onDelete: "cascade" }),
    rowNumber: integer("row_number").notNull(),
    value: text("value").notNull(),
    reason: text("reason").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNumber] })],
);

export const memberChanges = ["entered", "exited"] as const;
export const memberChangeEnum = pgEnum("member_change", memberChanges);

/**
 * Every entry and exit, append-only: the size-over-time chart and "why did this customer
 * leave?" read it. Written once per member change on the hot path, so it has one index and
 * no foreign keys; what the cascades did (deleting a segment's or a customer's rows) is done
 * by statement-level triggers on segments and customers (migration 0004, hand-written).
 * `id` is the order the changes were written in (no key: nothing looks rows up by it).
 */
export const segmentMemberChanges = pgTable(
  "segment_member_changes",
  {
    id: bigint("id", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    segmentId: bigint("segment_id", { mode: "number" }).notNull(),
    customerId: bigint("customer_id", { mode: "number" }).notNull(),
    change: memberChangeEnum("change").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("segment_member_changes_segment_idx").on(t.segmentId, t.at)],
);

/**
 * Entered / exited per segment per UTC day, so "size over time" reads a few rows instead of
 * a million history rows. Maintained by a statement-level trigger on segment_member_changes
 * (hand-written SQL in its migration): whatever writes the history keeps this right.
 */
export const segmentDailyChanges = pgTable(
  "segment_daily_changes",
  {
    segmentId: bigint("segment_id", { mode: "number" })
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    entered: integer("entered").notNull().default(0),
    exited: integer("exited").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.day] })],
);

// ---------------------------------------------------------------------------
// Email outbox (embedded default) and audit log
// ---------------------------------------------------------------------------

export type OutboxAttachment = { filename: string; contentType: string; contentBase64: string };

export const devOutbox = pgTable("dev_outbox", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  /** The id in /dev/outbox URLs: random, so one message's address says nothing about another's. */
  publicId: uuid("public_id").notNull().unique().defaultRandom(),
  to: text("to").notNull(),
  from: text("from").notNull(),
  subject: text("subject").notNull(),
  html: text("html").notNull(),
  text: text("text").notNull(),
  attachments: jsonb("attachments").$type<OutboxAttachment[]>().notNull().default([]),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    actorUserId: text("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    target: text("target"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_workspace_idx").on(t.workspaceId, t.createdAt)],
);

// ---------------------------------------------------------------------------
// Segment exports (CSV built in the background, stored in parts, emailed)
// ---------------------------------------------------------------------------

export const exportStatuses = ["queued", "building", "sending", "sent", "failed", "expired"] as const;
export type ExportStatus = (typeof exportStatuses)[number];
export const exportStatusEnum = pgEnum("export_status", exportStatuses);

export const segmentExports = pgTable(
  "exports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // Set null when the segment is deleted: the export's history stays, the running job stops.
    segmentId: bigint("segment_id", { mode: "number" }).references(() => segments.id, { onDelete: "set null" }),
    /** The segment's name when the export was requested, shown after the segment is gone. */
    segmentName: text("segment_name").notNull(),
    segmentPublicId: text("segment_public_id").notNull(),
    requestedBy: text("requested_by").references(() => users.id, { onDelete: "set null" }),
    /** Where the email goes: the requester's address at request time. */
    recipientEmail: text("recipient_email").notNull(),
    columns: jsonb("columns").$type<string[]>().notNull(),
    status: exportStatusEnum("status").notNull().default("queued"),
    /** Members in the snapshot (known once the snapshot is taken). */
    rowCount: integer("row_count"),
    rowsWritten: integer("rows_written").notNull().default(0),
    byteSize: bigint("byte_size", { mode: "number" }),
    /** "attachment" or "link": how the file reached the requester. */
    delivery: text("delivery"),
    emailId: text("email_id"),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "date" }),
    /** When the stored file (and every link to it) stops being valid; the expire cron deletes it after. */
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    index("exports_workspace_idx").on(t.workspaceId, t.createdAt),
    index("exports_segment_idx").on(t.segmentId, t.createdAt),
    index("exports_expires_idx").on(t.expiresAt),
  ],
);

/**
 * The members of a segment at the moment its export started, taken in one statement and
 * already cut into the build's chunks: chunk n holds the n-th run of member ids (ascending)
 * with their entry times, as two arrays. The CSV is built from this frozen list, so customers
 * who enter or leave the segment meanwhile cause neither duplicates nor gaps. Arrays rather than
 * a row per member: the snapshot of a million members is 20 rows to write instead of a million
 * rows and index entries, and a chunk reads its ids without searching for where it starts.
 * Deleted when the file is built.
 */
export const exportSnapshotChunks = pgTable(
  "export_snapshot_chunks",
  {
    exportId: uuid("export_id")
      .notNull()
      .references(() => segmentExports.id, { onDelete: "cascade" }),
    chunk: integer("chunk").notNull(),
    customerIds: bigint("customer_ids", { mode: "number" }).array().notNull(),
    enteredAts: timestamp("entered_ats", { withTimezone: true, mode: "date" }).array().notNull(),
    rowCount: integer("row_count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.exportId, t.chunk] })],
);

/** Raw bytes: a file part is stored byte-exact (a text column would let a driver's decoder drop the UTF-8 BOM). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  // pg and Neon return a Buffer, PGlite a Uint8Array.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
});

/** The Postgres implementation of export file storage: the CSV in ordered parts, one per build chunk. */
export const exportFileParts = pgTable(
  "export_file_parts",
  {
    exportId: uuid("export_id")
      .notNull()
      .references(() => segmentExports.id, { onDelete: "cascade" }),
    part: integer("part").notNull(),
    content: bytea("content").notNull(),
    byteSize: integer("byte_size").notNull(),
  },
  (t) => [primaryKey({ columns: [t.exportId, t.part] })],
);
/**
 * Fixed-window counters for rate limits (sign-in emails per address and per client IP,
 * invitations per workspace). In Postgres, so every serverless instance shares them.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
  count: integer("count").notNull(),
});
