import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { to as copyTo, type CopyToStreamQuery } from "pg-copy-streams";
import { rawClientOf, sqlDialect, type Db } from "./client";

/**
 * The transaction-local setting a COPY's query reads its parameters from. COPY is a utility
 * statement and takes no bind parameters, so values never go into its text: they are bound
 * to set_config() in the same transaction and read back by `param()`.
 */
const PARAMS_SETTING = "lumen.copy_params";

/** A value the COPY's query uses, as text (cast it where used: `${param(id)}::uuid`). */
export type CopyParam = (value: string | number) => SQL;

/**
 * `COPY (query) TO STDOUT WITH (FORMAT csv)`: Postgres's own CSV writer (RFC 4180 quoting:
 * fields holding the delimiter, a quote, CR or LF are quoted, quotes doubled; NULL is an empty
 * field; records end with LF), the bytes returned as they come, with no row objects in between.
 *
 * `build` receives `param`: each value it is given travels as a bound parameter and is read
 * in the query as an uncorrelated scalar subquery, which Postgres evaluates once per statement
 * (an InitPlan), so it is as cheap as a literal and still usable in index conditions.
 *
 * One function for the three drivers; only how the bytes are fetched differs.
 */
export async function copyCsv(db: Db, build: (param: CopyParam) => SQL): Promise<Buffer> {
  const values: string[] = [];
  const param: CopyParam = (value) => {
    values.push(String(value));
    return sql.raw(`(SELECT current_setting('${PARAMS_SETTING}')::jsonb ->> ${values.length - 1})`);
  };
  const query = sqlDialect.sqlToQuery(build(param));
  if (query.params.length > 0) throw new Error("copyCsv: COPY cannot take bind parameters; pass values through param()");
  const options = "WITH (FORMAT csv, ENCODING 'UTF8')";
  const setParams = { text: "SELECT set_config($1, $2, true)", values: [PARAMS_SETTING, JSON.stringify(values)] };

  const raw = rawClientOf(db);
  if (raw.driver === "pglite") {
    // PGlite has no STDOUT to stream to: COPY writes to its virtual /dev/blob, returned with the result.
    return raw.client.transaction(async (tx) => {
      await tx.query(setParams.text, setParams.values);
      const result = await tx.query(`COPY (${query.sql}) TO '/dev/blob' ${options}`);
      // No rows, nothing written: PGlite returns no blob then.
      return result.blob ? Buffer.from(await result.blob.arrayBuffer()) : Buffer.alloc(0);
    });
  }

  // pg and the Neon serverless driver (whose client is node-postgres's): one pooled connection
  // for the transaction that carries the parameters. pg streams COPY with pg-copy-streams, which
  // reads the socket itself (measured: less than half the client CPU of going through the
  // client's message parser); the Neon driver's WebSocket is no Node socket, so there the
  // client's parser hands over the data (CopyOut).
  const copyText = `COPY (${query.sql}) TO STDOUT ${options}`;
  const pool: PgPool = raw.client;
  const conn = await pool.connect();
  let broken: Error | undefined;
  try {
    await conn.query("BEGIN READ ONLY");
    await conn.query(setParams);
    const bytes =
      raw.driver === "pg"
        ? await readAll(conn.query(copyTo(copyText)))
        : await new Promise<Buffer>((resolve, reject) => conn.query(new CopyOut(copyText, resolve, reject)));
    await conn.query("COMMIT");
    return bytes;
  } catch (error) {
    broken = error as Error;
    await conn.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    // A connection that failed mid-COPY is not handed back to the pool in an unknown state.
    conn.release(broken);
  }
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** What copyCsv uses of a pg or Neon pool (the same node-postgres API; their types differ in detail). */
type PgPool = {
  connect(): Promise<{
    query(config: { text: string; values: unknown[] } | string): Promise<unknown>;
    query<T extends CopyOut | CopyToStreamQuery>(submittable: T): T;
    release(error?: Error): void;
  }>;
};

/** The parts of node-postgres's connection a query object uses. */
type PgConnection = { query(text: string): void; sendCopyFail(message: string): void };

/**
 * A node-postgres query object (a "Submittable", the client's extension point, as pg-cursor
 * uses) that runs COPY … TO STDOUT and keeps the CopyData messages the client's own protocol
 * parser hands it. pg-copy-streams needs a Node socket underneath, which the Neon serverless
 * driver (a WebSocket) does not have; this works on both drivers the same way.
 */
class CopyOut {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private length = 0;
  private settled = false;

  constructor(
    readonly text: string,
    private readonly resolve: (bytes: Buffer) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  submit(connection: PgConnection) {
    connection.query(this.text);
  }

  // The message's bytes are a view into the parser's buffer, which it reuses for what arrives
  // next: copy them out at once (into one growing buffer, not a Buffer per row).
  handleCopyData(message: { chunk: Buffer }) {
    const { chunk } = message;
    if (this.length + chunk.length > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + chunk.length));
      this.bytes.copy(grown, 0, 0, this.length);
      this.bytes = grown;
    }
    this.length += chunk.copy(this.bytes, this.length);
  }

  // COPY TO answers CopyOutResponse, CopyData…, CopyDone, CommandComplete, ReadyForQuery: only
  // the data and the end matter. The others are no-ops the client may still call.
  handleCommandComplete() {}
  handleEmptyQuery() {}
  handleRowDescription() {}
  handleDataRow() {}
  handlePortalSuspended() {}

  handleCopyInResponse(connection: PgConnection) {
    connection.sendCopyFail("copyCsv only reads");
  }

  // An error response ends the query here (the client forgets it before ReadyForQuery arrives).
  handleError(error: Error) {
    if (this.settled) return;
    this.settled = true;
    this.reject(error);
  }

  handleReadyForQuery() {
    if (this.settled) return;
    this.settled = true;
    this.resolve(this.bytes.subarray(0, this.length));
  }
}
