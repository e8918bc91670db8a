import { sql, type SQL } from "drizzle-orm";

/**
 * A customer's display name from their attributes: `name`, else first + last name in either
 * snake_case (our CSV imports) or camelCase (Segment-style identify traits). `table` is a
 * fixed alias chosen in code, never user input.
 */
export function customerNameSql(table: string): SQL<string | null> {
  const attr = (key: string) => `${table}.attributes ->> '${key}'`;
  return sql.raw(
    `coalesce(nullif(trim(${attr("name")}), ''), ` +
      `nullif(trim(concat_ws(' ', ${attr("first_name")}, ${attr("last_name")})), ''), ` +
      `nullif(trim(concat_ws(' ', ${attr("firstName")}, ${attr("lastName")})), ''))`,
  ) as SQL<string | null>;
}
