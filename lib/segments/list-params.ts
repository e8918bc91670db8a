/**
 * The Segments list's search, type filter and sort as they live in the URL
 * (`/segments?q=vip&type=automatic&sort=size&dir=desc`). Shared by the page (which reads them)
 * and the controls (which write them); anything unknown falls back to the default.
 */

export const segmentSorts = ["changed", "name", "size"] as const;
export type SegmentSort = (typeof segmentSorts)[number];
export type SortDirection = "asc" | "desc";

export type SegmentListParams = {
  q: string;
  type: "automatic" | "manual" | undefined;
  sort: SegmentSort;
  dir: SortDirection;
  /** 1-based page of SEGMENTS_PAGE_SIZE rows. */
  page: number;
};

export const SEGMENTS_PAGE_SIZE = 50;

/** The natural direction of each sort: names A→Z, biggest first, latest change first. */
export const defaultDirection: Record<SegmentSort, SortDirection> = { name: "asc", size: "desc", changed: "desc" };

export const MAX_QUERY_LENGTH = 120;

type RawParams = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

export function parseSegmentListParams(raw: RawParams): SegmentListParams {
  const q = single(raw.q).trim().slice(0, MAX_QUERY_LENGTH);
  const typeValue = single(raw.type);
  const type = typeValue === "automatic" || typeValue === "manual" ? typeValue : undefined;
  const sortValue = single(raw.sort);
  const sort = (segmentSorts as readonly string[]).includes(sortValue) ? (sortValue as SegmentSort) : "changed";
  const dirValue = single(raw.dir);
  const dir = dirValue === "asc" || dirValue === "desc" ? dirValue : defaultDirection[sort];
  const pageValue = single(raw.page);
  const page = /^\d{1,5}$/.test(pageValue) && Number(pageValue) >= 1 ? Number(pageValue) : 1;
  return { q, type, sort, dir, page };
}

/** The list's URL for these params; defaults are left out so the plain list stays `/segments`. */
export function segmentListHref(params: SegmentListParams): string {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.type) search.set("type", params.type);
  if (params.sort !== "changed") search.set("sort", params.sort);
  if (params.dir !== defaultDirection[params.sort]) search.set("dir", params.dir);
  if (params.page > 1) search.set("page", String(params.page));
  const query = search.toString();
  return query ? `/segments?${query}` : "/segments";
}

/** Clicking a column header: that sort in its natural direction, or the other direction if it is already on; back to the first page. */
export function toggleSort(params: SegmentListParams, sort: SegmentSort): SegmentListParams {
  if (params.sort !== sort) return { ...params, sort, dir: defaultDirection[sort], page: 1 };
  return { ...params, dir: params.dir === "asc" ? "desc" : "asc", page: 1 };
}
