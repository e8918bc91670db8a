import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/dashboard/page-header";
import { EditSegmentForm } from "@/components/segments/edit-segment-form";
import { ViewOnlyNotice } from "@/components/segments/view-only-notice";
import { NotFoundError } from "@/lib/errors";
import { conditionTreeSchema } from "@/lib/segments/condition-schema";
import { getBuilderCatalog } from "@/lib/segments/get-builder-catalog";
import { getSegmentOrThrow } from "@/lib/segments/get-segment";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Edit segment" };

type Params = Promise<{ segmentId: string }>;

export default async function EditSegmentPage({ params }: { params: Params }) {
  const { segmentId } = await params;
  if (!/^seg_[A-Za-z0-9]{1,64}$/.test(segmentId)) notFound();
  // Checks the session and workspace itself: a layout is not a security boundary.
  const { db, workspaceId, can } = await getWorkspaceContext();
  let segment;
  try {
    segment = await getSegmentOrThrow(db, workspaceId, segmentId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const canEdit = can("member");
  const tree = segment.type === "automatic" ? conditionTreeSchema.safeParse(segment.conditions) : null;
  const catalog = canEdit && segment.type === "automatic" ? await getBuilderCatalog(db, workspaceId) : null;

  return (
    <>
      <Link
        href={`/segments/${segment.publicId}`}
        className="mb-4 inline-flex max-w-full items-center gap-1.5 rounded-md text-sm text-gray-600 hover:text-gray-900"
      >
        <ArrowLeft aria-hidden className="size-4 shrink-0" />
        <span className="truncate">{segment.name}</span>
      </Link>
      <PageHeader title="Edit segment" />
      {canEdit ? (
        <EditSegmentForm
          workspaceId={workspaceId}
          catalog={catalog}
          segment={{
            publicId: segment.publicId,
            name: segment.name,
            description: segment.description,
            type: segment.type,
            conditions: tree?.success ? tree.data : null,
            memberCount: segment.memberCount,
          }}
        />
      ) : (
        <ViewOnlyNotice backHref={`/segments/${segment.publicId}`} backLabel="Back to the segment" />
      )}
    </>
  );
}
