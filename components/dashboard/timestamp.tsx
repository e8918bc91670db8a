import { formatDateTime, formatRelative } from "@/lib/utils/format-date";

/** A relative time ("2 days ago") with the exact UTC time on hover and in the markup. */
export function Timestamp({ date, fallback = "—" }: { date: Date | null; fallback?: string }) {
  if (!date) return <span className="text-gray-500">{fallback}</span>;
  return (
    <time dateTime={date.toISOString()} title={formatDateTime(date)}>
      {formatRelative(date)}
    </time>
  );
}
