import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/dashboard/page-header";
import { CreateSegmentForm } from "@/components/segments/create-segment-form";
import { ViewOnlyNotice } from "@/components/segments/view-only-notice";
import { getBuilderCatalog } from "@/lib/segments/get-builder-catalog";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Create New Segment" };

export default async function NewSegmentPage() {
  // Checks the session and workspace itself: a layout is not a security boundary.
  const { db, workspaceId, can } = await getWorkspaceContext();
  const canCreate = can("member");
  return (
    <>
      <Link href="/segments" className="mb-4 inline-flex items-center gap-1.5 rounded-md text-sm text-gray-600 hover:text-gray-900">
        <ArrowLeft aria-hidden className="size-4" />
        Segments
      </Link>
      <PageHeader title="Create New Segment" description="Choose who belongs together: by the conditions they match, or by picking them yourself." />
      {canCreate ? (
        <CreateSegmentForm workspaceId={workspaceId} catalog={await getBuilderCatalog(db, workspaceId)} />
      ) : (
        <ViewOnlyNotice backHref="/segments" backLabel="Back to Segments" />
      )}
    </>
  );
}
