/** Set by proxy.ts on every page request: the path and query the visitor asked for. */
export const REQUEST_PATH_HEADER = "x-lumen-request-path";

/**
 * A callback address we are willing to send someone to after sign-in: a path on this site.
 * "//host" and "/\host" are read by browsers as other sites, so they are refused, as are
 * the sign-in pages themselves (a loop) and anything absurdly long.
 */
export function safeCallbackPath(value: string | null | undefined): string | undefined {
  if (!value || value.length > 2000) return undefined;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  // Control characters (a browser drops tabs and newlines, turning "/\t/host" into "//host") and backslashes.
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c === "\\")) return undefined;
  if (value === "/sign-in" || value.startsWith("/sign-in/") || value.startsWith("/sign-in?") || value.startsWith("/api/")) return undefined;
  return value;
}
