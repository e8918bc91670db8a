import { sql, type SQL } from "drizzle-orm";
import { queryRows, toNumber, type DbOrTx } from "@/db/client";
import type { JobEvent } from "@/lib/jobs/events";
import type { IngestMessage, Location, MessageType } from "./segment-schema";
import { emailKey } from "@/lib/customers/email-key";

/** Customers whose stored state changed, by the kind of message that changed them. */
export type IngestChanges = Record<
  MessageType,
  {
    customerIds: Set<number>;
    eventNames: Set<string>;
    /** Customers whose attributes or location changed: segments on profile data must look at them. */
    profileIds: Set<number>;
    /** Customers this request created: any segment can match a brand-new customer (e.g. "did not order"). */
    createdIds: Set<number>;
  }
>;

export type IngestResult = {
  changes: IngestChanges;
  /** Statements sent inside the transaction (all attempts): a batch must cost a handful, whatever its size. */
  statements: number;
};

type Identifiers = { externalId?: string; email?: string; anonymousId?: string };

/** A customer as the batch sees it: loaded from the database or about to be created. */
type Person = {
  id?: number;
  externalId?: string;
  /** lower(email), the key of the unique index. */
  emailKey?: string;
  anonymousId?: string;
  isNew: boolean;
  createdBy?: MessageType;
  /** Identifiers this batch gives the customer (all of them for a new customer). */
  added: Identifiers;
};

type Patch = {
  person: Person;
  reasons: Set<MessageType>;
  traits: Record<string, unknown>;
  location: Location;
  seenAt?: string;
};

type Plan = { targets: Person[]; created: Person[]; patches: Map<Person, Patch> };

type CustomerRow = { id: unknown; external_id: string | null; email: string | null; anonymous_id: string | null };
/** A lookup row: a customer ("c"), or an email of the batch with its key ("e"). */
type LookupRow = CustomerRow & { kind: "c" | "e"; email_key: string | null };

const RETRYABLE = new Set([
  "40P01", // deadlock: concurrent batches touching the same customers in different orders
  "40001", // serialization failure
  "23505", // a concurrent request took an identifier between our read and our update
]);
const MAX_ATTEMPTS = 4;
const MAX_RESOLVE_ROUNDS = 5;

/**
 * Stores validated messages for one workspace in one transaction, with a fixed number of
 * set-based statements however many messages there are: look up every customer the batch
 * names, create the missing ones, apply identify changes, insert events with their daily
 * rollup. Identity is resolved in memory in message order, so messages in one batch see
 * each other (an anonymous page view followed by the identify that names the visitor land
 * on one customer). Returns the customers that actually changed: a retried batch changes
 * nothing and reports nothing.
 */
export async function ingestMessages(db: DbOrTx, workspaceId: string, messages: IngestMessage[]): Promise<IngestResult> {
  let statements = 0;
  const run = <T extends Record<string, unknown>>(tx: DbOrTx, query: SQL) => {
    statements += 1;
    return queryRows<T>(tx, query);
  };

  for (let attempt = 1; ; attempt++) {
    try {
      const changes = await db.transaction(async (tx) => writeBatch(tx, workspaceId, messages, run));
      return { changes, statements };
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has(pgErrorCode(error) ?? "")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 40));
    }
  }
}

type Run = <T extends Record<string, unknown>>(tx: DbOrTx, query: SQL) => Promise<T[]>;

async function writeBatch(tx: DbOrTx, workspaceId: string, messages: IngestMessage[], run: Run): Promise<IngestChanges> {
  const changes = emptyChanges();
  let plan: Plan | undefined;
  for (let round = 1; !plan; round++) {
    const rows = await run<LookupRow>(tx, lookupCustomers(workspaceId, messages));
    const candidate = planBatch(messages, rows);
    if (candidate.created.length === 0) {
      plan = candidate;
      break;
    }
    const inserted = await run<CustomerRow>(tx, insertCustomers(workspaceId, candidate.created));
    if (inserted.length === candidate.created.length) {
      assignNewIds(candidate, inserted);
      plan = candidate;
      break;
    }
    // A concurrent request created some of these customers first (ON CONFLICT DO NOTHING
    // skipped them). Resolve again against what is now committed; ours are found as existing.
    if (round >= MAX_RESOLVE_ROUNDS) throw new Error("Could not resolve customers: identifiers keep changing concurrently");
  }

  for (const person of plan.created) {
    changes[person.createdBy!].customerIds.add(person.id!);
    changes[person.createdBy!].createdIds.add(person.id!);
  }

  const patches = [...plan.patches.values()].filter((p) => p.person.id !== undefined);
  if (patches.length > 0) {
    const updated = await run<{ id: unknown }>(tx, updateCustomers(workspaceId, patches));
    const byId = new Map(patches.map((p) => [p.person.id!, p]));
    for (const row of updated) {
      const patch = byId.get(toNumber(row.id));
      const profile = patch !== undefined && (Object.keys(patch.traits).length > 0 || Object.keys(patch.location).length > 0);
      for (const reason of patch?.reasons ?? []) {
        changes[reason].customerIds.add(toNumber(row.id));
        if (profile) changes[reason].profileIds.add(toNumber(row.id));
      }
    }
  }

  const seen = new Set<string>();
  const eventRows: EventRow[] = [];
  messages.forEach((message, i) => {
    if (!message.event || seen.has(message.messageId)) return;
    seen.add(message.messageId);
    eventRows.push({
      customer_id: plan.targets[i].id!,
      type: message.type,
      name: message.event.name,
      properties: message.event.properties,
      occurred_at: message.timestamp,
      message_id: message.messageId,
    });
  });
  if (eventRows.length > 0) {
    const inserted = await run<{ customer_id: unknown; type: MessageType; name: string }>(tx, insertEvents(workspaceId, eventRows));
    for (const row of inserted) {
      changes[row.type].customerIds.add(toNumber(row.customer_id));
      changes[row.type].eventNames.add(row.name);
    }
  }
  return changes;
}

/**
 * Decides, in message order, which customer each message belongs to: by userId, else
 * email, else anonymousId. A customer found by a weaker identifier is taken only if it
 * does not contradict a stronger one (an email customer that already has another userId
 * is someone else). An identifier owned by another customer is never copied, and an
 * identifier is never taken from a customer within the batch, so the one UPDATE that
 * applies the plan cannot collide with itself on a unique index.
 */
function planBatch(messages: IngestMessage[], rows: LookupRow[]): Plan {
  const byExternalId = new Map<string, Person>();
  const byEmail = new Map<string, Person>();
  const byAnonymousId = new Map<string, Person>();
  // Email keys come from Postgres's lower(), the function of the unique index: JS's
  // toLowerCase differs from it outside ASCII (and under a C locale lower() is ASCII-only).
  const emailKeys = new Map<string, string>();
  for (const row of rows) {
    if (row.kind === "e") {
      emailKeys.set(row.email!, row.email_key!);
      continue;
    }
    const person: Person = {
      id: toNumber(row.id),
      externalId: row.external_id ?? undefined,
      emailKey: row.email_key ?? undefined,
      anonymousId: row.anonymous_id ?? undefined,
      isNew: false,
      added: {},
    };
    if (person.externalId) byExternalId.set(person.externalId, person);
    if (person.emailKey) byEmail.set(person.emailKey, person);
    if (person.anonymousId) byAnonymousId.set(person.anonymousId, person);
  }

  const targets: Person[] = [];
  const created: Person[] = [];
  const patches = new Map<Person, Patch>();
  for (const message of messages) {
    const { userId, anonymousId } = message;
    const emailKey = message.email ? emailKeys.get(message.email) : undefined;
    const fits = (p: Person | undefined) =>
      p && (!userId || !p.externalId || p.externalId === userId) && (!emailKey || !p.emailKey || p.emailKey === emailKey) ? p : undefined;
    const byUser = userId ? byExternalId.get(userId) : undefined;
    const byMail = emailKey ? byEmail.get(emailKey) : undefined;
    const byAnon = anonymousId ? byAnonymousId.get(anonymousId) : undefined;

    let person = userId ? (byUser ?? fits(byMail) ?? fits(byAnon)) : emailKey ? (byMail ?? fits(byAnon)) : byAnon;
    if (!person) {
      person = { isNew: true, createdBy: message.type, added: {} };
      created.push(person);
    }

    let changed = false;
    if (userId && !person.externalId && !byExternalId.has(userId)) {
      person.externalId = person.added.externalId = userId;
      byExternalId.set(userId, person);
      changed = true;
    }
    // identify states the customer's current email, so it may replace an old one; other
    // messages only fill a missing email.
    if (emailKey && !byEmail.has(emailKey) && (!person.emailKey || message.type === "identify")) {
      person.emailKey = emailKey;
      person.added.email = message.email;
      byEmail.set(emailKey, person);
      changed = true;
    }
    if (anonymousId && !person.anonymousId && !byAnonymousId.has(anonymousId)) {
      person.anonymousId = person.added.anonymousId = anonymousId;
      byAnonymousId.set(anonymousId, person);
      changed = true;
    }
    targets.push(person);

    if (message.type === "identify" || (changed && !person.isNew)) {
      let patch = patches.get(person);
      if (!patch) {
        patch = { person, reasons: new Set(), traits: {}, location: {} };
        patches.set(person, patch);
      }
      patch.reasons.add(message.type);
      if (message.type === "identify") {
        Object.assign(patch.traits, message.traits);
        Object.assign(patch.location, message.location);
        if (!patch.seenAt || message.timestamp > patch.seenAt) patch.seenAt = message.timestamp;
      }
    }
  }
  return { targets, created, patches };
}

function assignNewIds(plan: Plan, inserted: CustomerRow[]) {
  const byKey = new Map<string, Person>();
  for (const person of plan.created) {
    // Every new customer has at least the identifier it was looked up by.
    if (person.added.externalId) byKey.set(`u:${person.added.externalId}`, person);
    else if (person.added.email) byKey.set(`e:${person.added.email}`, person);
    else byKey.set(`a:${person.added.anonymousId}`, person);
  }
  for (const row of inserted) {
    const key = row.external_id ? `u:${row.external_id}` : row.email ? `e:${row.email}` : `a:${row.anonymous_id}`;
    byKey.get(key)!.id = toNumber(row.id);
  }
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

function lookupCustomers(workspaceId: string, messages: IngestMessage[]): SQL {
  const userIds = new Set<string>();
  const emails = new Set<string>();
  const anonymousIds = new Set<string>();
  for (const m of messages) {
    if (m.userId) userIds.add(m.userId);
    if (m.email) emails.add(m.email);
    if (m.anonymousId) anonymousIds.add(m.anonymousId);
  }
  // One arm per unique index, so each is an index scan; UNION removes customers found twice.
  // The last arm returns each email's lower() so the plan keys emails as the index does.
  return sql`
    SELECT 'c' AS kind, id, external_id, email, anonymous_id, ${emailKey(sql`email`)} AS email_key FROM customers
    WHERE workspace_id = ${workspaceId} AND external_id = ANY(ARRAY(SELECT jsonb_array_elements_text(${json([...userIds])})))
    UNION
    SELECT 'c', id, external_id, email, anonymous_id, ${emailKey(sql`email`)} FROM customers
    WHERE workspace_id = ${workspaceId}
      AND ${emailKey(sql`email`)} = ANY(ARRAY(SELECT ${emailKey(sql`e`)} FROM jsonb_array_elements_text(${json([...emails])}) AS e))
    UNION
    SELECT 'c', id, external_id, email, anonymous_id, ${emailKey(sql`email`)} FROM customers
    WHERE workspace_id = ${workspaceId} AND anonymous_id = ANY(ARRAY(SELECT jsonb_array_elements_text(${json([...anonymousIds])})))
    UNION
    SELECT 'e', NULL, NULL, e, NULL, ${emailKey(sql`e`)} FROM jsonb_array_elements_text(${json([...emails])}) AS e
  `;
}

function insertCustomers(workspaceId: string, people: Person[]): SQL {
  const rows = people.map((p) => ({
    external_id: p.added.externalId ?? null,
    email: p.added.email ?? null,
    anonymous_id: p.added.anonymousId ?? null,
  }));
  // No conflict target: a clash on any of the three unique indexes skips the row, and the
  // caller resolves again. The ORDER BY makes concurrent inserts take index locks in one order.
  return sql`
    INSERT INTO customers (workspace_id, external_id, email, anonymous_id)
    SELECT ${workspaceId}, r.external_id, r.email, r.anonymous_id
    FROM jsonb_to_recordset(${json(rows)}) AS r(external_id text, email text, anonymous_id text)
    ORDER BY r.external_id, ${emailKey(sql`r.email`)}, r.anonymous_id
    ON CONFLICT DO NOTHING
    RETURNING id, external_id, email, anonymous_id
  `;
}

function updateCustomers(workspaceId: string, patches: Patch[]): SQL {
  const rows = patches.map(({ person, traits, location, seenAt }) => ({
    id: person.id,
    external_id: person.isNew ? null : (person.added.externalId ?? null),
    email: person.isNew ? null : (person.added.email ?? null),
    anonymous_id: person.isNew ? null : (person.added.anonymousId ?? null),
    traits,
    country: location.country ?? null,
    region: location.region ?? null,
    city: location.city ?? null,
    timezone: location.timezone ?? null,
    seen_at: seenAt ?? null,
  }));
  // Rows are locked in id order first, so two batches updating the same customers queue
  // instead of deadlocking. SET and WHERE read c, so READ COMMITTED re-evaluates them on
  // the latest row version if another request changed it meanwhile. Rows that would not
  // change are left alone: no new row version, and no "changed" report for a retry.
  return sql`
    WITH p AS (
      SELECT * FROM jsonb_to_recordset(${json(rows)}) AS p(
        id bigint, external_id text, email text, anonymous_id text, traits jsonb,
        country text, region text, city text, timezone text, seen_at timestamptz
      )
    ),
    locked AS (
      SELECT c.id FROM customers c JOIN p ON p.id = c.id
      WHERE c.workspace_id = ${workspaceId}
      ORDER BY c.id
      FOR NO KEY UPDATE OF c
    )
    UPDATE customers c SET
      external_id = coalesce(p.external_id, c.external_id),
      email = coalesce(p.email, c.email),
      anonymous_id = coalesce(p.anonymous_id, c.anonymous_id),
      attributes = c.attributes || p.traits,
      country = coalesce(p.country, c.country),
      region = coalesce(p.region, c.region),
      city = coalesce(p.city, c.city),
      timezone = coalesce(p.timezone, c.timezone),
      last_seen_at = greatest(c.last_seen_at, p.seen_at),
      updated_at = now()
    FROM p
    WHERE c.id = p.id
      AND c.workspace_id = ${workspaceId}
      AND c.id IN (SELECT id FROM locked)
      AND (
        c.external_id IS DISTINCT FROM coalesce(p.external_id, c.external_id)
        OR c.email IS DISTINCT FROM coalesce(p.email, c.email)
        OR c.anonymous_id IS DISTINCT FROM coalesce(p.anonymous_id, c.anonymous_id)
        OR c.attributes IS DISTINCT FROM c.attributes || p.traits
        OR c.country IS DISTINCT FROM coalesce(p.country, c.country)
        OR c.region IS DISTINCT FROM coalesce(p.region, c.region)
        OR c.city IS DISTINCT FROM coalesce(p.city, c.city)
        OR c.timezone IS DISTINCT FROM coalesce(p.timezone, c.timezone)
        OR c.last_seen_at IS DISTINCT FROM greatest(c.last_seen_at, p.seen_at)
      )
    RETURNING c.id
  `;
}

type EventRow = {
  customer_id: number;
  type: MessageType;
  name: string;
  properties: Record<string, unknown>;
  occurred_at: string;
  message_id: string;
};

function insertEvents(workspaceId: string, rows: EventRow[]): SQL {
  // One statement: the events (a retried message conflicts on message_id and is not
  // returned) and last_seen_at. Customers are locked in id order so concurrent batches
  // queue instead of deadlocking. No per-day rollup is written: nothing could read one
  // exactly (relative windows end at now, to the millisecond), and the events index
  // (workspace_id, name, customer_id, occurred_at) already answers windowed counts.
  return sql`
    WITH r AS (
      SELECT * FROM jsonb_to_recordset(${json(rows)}) AS r(
        customer_id bigint, type text, name text, properties jsonb, occurred_at timestamptz, message_id text
      )
    ),
    ins AS (
      INSERT INTO events (workspace_id, customer_id, type, name, properties, occurred_at, message_id)
      SELECT ${workspaceId}, r.customer_id, r.type::event_type, r.name, r.properties, r.occurred_at, r.message_id
      FROM r ORDER BY r.message_id
      ON CONFLICT (workspace_id, message_id) DO NOTHING
      RETURNING customer_id, type, name, occurred_at
    ),
    latest AS (
      SELECT customer_id, max(occurred_at) AS at FROM ins GROUP BY customer_id
    ),
    locked AS (
      SELECT c.id, latest.at FROM customers c JOIN latest ON latest.customer_id = c.id
      WHERE c.workspace_id = ${workspaceId} AND (c.last_seen_at IS NULL OR c.last_seen_at < latest.at)
      ORDER BY c.id
      FOR NO KEY UPDATE OF c
    ),
    seen AS (
      UPDATE customers c SET last_seen_at = locked.at
      FROM locked
      WHERE c.id = locked.id AND (c.last_seen_at IS NULL OR c.last_seen_at < locked.at)
    )
    SELECT DISTINCT customer_id, type::text AS type, name FROM ins
  `;
}

function emptyChanges(): IngestChanges {
  const entry = () => ({ customerIds: new Set<number>(), eventNames: new Set<string>(), profileIds: new Set<number>(), createdIds: new Set<number>() });
  return { identify: entry(), track: entry(), page: entry() };
}

/** One customers/changed event per kind of change; none when the request changed nothing. */
export function changeEvents(workspaceId: string, changes: IngestChanges): JobEvent<"customers/changed">[] {
  const events: JobEvent<"customers/changed">[] = [];
  for (const reason of ["identify", "track", "page"] as const) {
    const { customerIds, eventNames, profileIds, createdIds } = changes[reason];
    if (customerIds.size === 0) continue;
    events.push({
      name: "customers/changed",
      data: {
        workspaceId,
        customerIds: [...customerIds].sort((a, b) => a - b),
        reason,
        ...(reason !== "identify" && eventNames.size > 0 && { eventNames: [...eventNames].sort() }),
        ...(profileIds.size > 0 && { profileChanged: true }),
      },
    });
    if (createdIds.size > 0) {
      events.push({
        name: "customers/changed",
        data: { workspaceId, customerIds: [...createdIds].sort((a, b) => a - b), reason, created: true },
      });
    }
  }
  return events;
}

/** The SQLSTATE of a database error, whichever driver raised it (drizzle wraps it in `cause`). */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}
