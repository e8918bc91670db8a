import Link from "next/link";
import { buttonClasses } from "./button";

/** Previous / Next links of a keyset-paged table (no page numbers: no OFFSET), with a summary where there is no Previous. */
export function KeysetPager({ label, previous, next, summary }: { label: string; previous: string | null; next: string | null; summary: string }) {
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-3 border-t border-gray-100 px-4 py-3 text-sm">
      {previous ? (
        <Link href={previous} prefetch={false} scroll={false} className={buttonClasses({ variant: "secondary", size: "sm" })}>
          Previous
        </Link>
      ) : (
        <span className="text-gray-500">{summary}</span>
      )}
      {next ? (
        <Link href={next} prefetch={false} scroll={false} className={buttonClasses({ variant: "secondary", size: "sm" })}>
          Next
        </Link>
      ) : (
        <span className="text-gray-500">End of list</span>
      )}
    </nav>
  );
}
