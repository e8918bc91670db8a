import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CsvImportWizard } from "@/components/csv-import/csv-import-wizard";
import { Notice } from "@/components/ui/notice";
import { NotFoundError } from "@/lib/errors";
import { getSegmentOrThrow } from "@/lib/segments/get-segment";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Upload CSV" };

type Params = Promise<{ segmentId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Add customers to a manual segment from a CSV file, or (`?mode=remove`) remove them. */
export default async function SegmentImportPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { segmentId } = await params;
  if (!/^seg_[A-Za-z0-9_]{1,64}$/.test(segmentId)) notFound();
  // Checks the session and workspace itself: a layout is not a security boundary.
  const { db, workspaceId, can } = await getWorkspaceContext();
  const direction = (await searchParams).mode === "remove" ? "remove" : "add";
  let segment;
  try {
    segment = await getSegmentOrThrow(db, workspaceId, segmentId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const title = direction === "add" ? "Upload CSV" : "Remove customers by CSV";

  return (
    <div className="mx-auto max-w-4xl">
      <Link href={`/segments/${segment.publicId}`} className="mb-4 inline-flex max-w-full items-center gap-1.5 rounded-md text-sm text-gray-600 hover:text-gray-900">
        <ArrowLeft aria-hidden className="size-4 shrink-0" />
        <span className="truncate">{segment.name}</span>
      </Link>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-gray-900">{title}</h1>
        <p className="mt-1 text-sm text-gray-600">
          {direction === "add"
            ? `Add customers to “${segment.name}” from a file. Nothing changes until you confirm, and a file uploaded twice changes nothing the second time.`
            : `Remove the customers listed in a file from “${segment.name}”. Customers are never deleted, only taken out of this segment.`}{" "}
          <Link href={`/segments/${segment.publicId}/import${direction === "add" ? "?mode=remove" : ""}`} className="font-medium text-brand-700 underline-offset-4 hover:underline">
            {direction === "add" ? "Remove customers by CSV instead" : "Add customers by CSV instead"}
          </Link>
        </p>
      </header>
      {segment.type !== "manual" ? (
        <Notice tone="warning">
          “{segment.name}” is an automatic segment: its members follow its conditions. Only manual segments can be filled from a CSV file.
        </Notice>
      ) : !can("member") ? (
        <Notice tone="warning">You can view this workspace but not change its segments. Ask an admin for the Member role.</Notice>
      ) : (
        <CsvImportWizard workspaceId={workspaceId} segment={{ publicId: segment.publicId, name: segment.name }} direction={direction} />
      )}
    </div>
  );
}
