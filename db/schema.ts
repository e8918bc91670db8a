import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
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

// Per customer, per event name, per UTC day: windowed counts read this instead of scanning events.
export const customerEventDaily = pgTable(
  "customer_event_daily",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    customerId: bigint("customer_id", { mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.name, t.day, t.customerId] }),
    index("customer_event_daily_customer_idx").on(t.customerId, t.name, t.day),
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
    dataStoreId: bigint("data_store_id", { mode: "number" }),
    memberCount: integer("member_count").notNull().default(0),
    computedAt: timestamp("computed_at", { withTimezone: true, mode: "date" }),
    computeStatus: computeStatusEnum("compute_status").notNull().default("ready"),
    computeProgress: real("compute_progress"),
    computeError: text("compute_error"),
    definitionVersion: integer("definition_version").notNull().default(1),
    /** Up to when relative time windows were last slid forward (the time-passing refresh). */
    windowsRefreshedAt: timestamp("windows_refreshed_at", { withTimezone: true, mode: "date" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [index("segments_workspace_idx").on(t.workspaceId, t.createdAt)],
);

export const memberSources = ["condition", "csv", "selection", "api", "data_store"] as const;
export const memberSourceEnum = pgEnum("member_source", memberSources);

export const segmentMembers = pgTable(
  "segment_members",
  {
    segmentId: bigint("segment_id", { mode: "number" })
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    customerId: bigint("customer_id", { mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    enteredAt: timestamp("entered_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    source: memberSourceEnum("source").notNull(),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.customerId] }), index("segment_members_customer_idx").on(t.customerId)],
);

export const memberChanges = ["entered", "exited"] as const;
export const memberChangeEnum = pgEnum("member_change", memberChanges);

export const segmentMemberChanges = pgTable(
  "segment_member_changes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    segmentId: bigint("segment_id", { mode: "number" })
      .notNull()
      .references(() => segments.id, { onDelete: "cascade" }),
    customerId: bigint("customer_id", { mode: "number" })
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    change: memberChangeEnum("change").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("segment_member_changes_segment_idx").on(t.segmentId, t.at),
    index("segment_member_changes_customer_idx").on(t.customerId, t.at),
  ],
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

/**
 * Fixed-window counters for rate limits (sign-in emails per address and per client IP,
 * invitations per workspace). In Postgres, so every serverless instance shares them.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
  count: integer("count").notNull(),
});
