import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * The key two email addresses are the same by: Postgres's lower(), the function of the
 * unique indexes on customers and workspace invitations. It is always computed by the
 * database, never by JavaScript's toLowerCase, which differs from lower() outside ASCII (and
 * under a C locale lower() leaves non-ASCII letters alone): a key computed one way would
 * miss an index entry computed the other. Ingest, invitations and the customer search all
 * key emails through this function.
 */
export function emailKey(value: SQLWrapper | string): SQL {
  return sql`lower(${value})`;
}
