/**
 * The members table's search and keyset pages in the segment page's URL:
 * `?q=anna&c=<cursor 1>&c=<cursor 2>` — `c` lists the cursors of the pages walked through, so
 * "Previous" drops the last one and no page needs an OFFSET. The trail is capped; past the cap
 * the oldest cursors are forgotten and "Previous" eventually leads back to the first page.
 */

export const MAX_MEMBER_QUERY_LENGTH = 200;
export const MAX_CURSOR_TRAIL = 50;
const MAX_CURSOR_LENGTH = 300;

export type MemberPageParams = { q: string; trail: string[] };

type RawParams = Record<string, string | string[] | undefined>;

export function parseMemberPageParams(raw: RawParams): MemberPageParams {
  const qRaw = raw.q;
  const q = ((Array.isArray(qRaw) ? qRaw[0] : qRaw) ?? "").trim().slice(0, MAX_MEMBER_QUERY_LENGTH);
  const cRaw = raw.c;
  const trail = (Array.isArray(cRaw) ? cRaw : cRaw ? [cRaw] : [])
    .filter((c) => c.length > 0 && c.length <= MAX_CURSOR_LENGTH)
    .slice(-MAX_CURSOR_TRAIL);
  return { q, trail };
}

/** The cursor of the page to show (undefined: the first page). */
export function currentCursor(params: MemberPageParams): string | undefined {
  return params.trail.at(-1);
}

function href(base: string, q: string, trail: string[], anchor: string): string {
  const search = new URLSearchParams();
  if (q) search.set("q", q);
  for (const c of trail.slice(-MAX_CURSOR_TRAIL)) search.append("c", c);
  const query = search.toString();
  return query ? `${base}?${query}#${anchor}` : `${base}#${anchor}`;
}

/** Also a data store's records pages (anchor `records`): the same search-and-trail URL shape. */
export function memberPageHrefs(base: string, params: MemberPageParams, nextCursor: string | null, anchor = "members") {
  return {
    next: nextCursor ? href(base, params.q, [...params.trail, nextCursor], anchor) : null,
    previous: params.trail.length > 0 ? href(base, params.q, params.trail.slice(0, -1), anchor) : null,
    first: href(base, params.q, [], anchor),
  };
}
