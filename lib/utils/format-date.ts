import { formatDistanceStrict } from "date-fns";

/** "3 hours ago", or "just now" within the last minute; relative to `now` so server and tests agree. */
export function formatRelative(date: Date, now: Date = new Date()): string {
  // "0 seconds ago" / "in 2 seconds" (clock skew) read as errors to a marketer.
  if (Math.abs(now.getTime() - date.getTime()) < 60_000) return "just now";
  return formatDistanceStrict(date, now, { addSuffix: true });
}

/**
 * "29 Nov 2026, 10:46 UTC". Pages render on the server, which does not know the viewer's
 * time zone, so the zone is stated rather than silently assumed.
 */
export function formatDateTime(date: Date): string {
  return `${date.toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  })} UTC`;
}

export function formatDate(date: Date): string {
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}
