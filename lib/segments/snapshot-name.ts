const MAX_NAME = 120;

/**
 * "<name> (snapshot 2026-11-29)" in the marketer's own calendar, cut so the whole stays within
 * a segment name's 120 characters: the name "Save as manual segment" suggests.
 */
export function snapshotName(name: string, now: Date = new Date()): string {
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
  const suffix = ` (snapshot ${day})`;
  return `${name.slice(0, MAX_NAME - suffix.length)}${suffix}`;
}
