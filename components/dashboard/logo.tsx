import Link from "next/link";

export function Logo() {
  return (
    <Link href="/segments" className="inline-flex items-center gap-2 rounded-md">
      <span aria-hidden className="inline-block size-7 rounded-lg bg-brand-600" />
      <span className="text-lg font-semibold tracking-tight text-gray-900">Lumen</span>
    </Link>
  );
}
