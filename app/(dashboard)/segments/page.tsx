import { SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/dashboard/page-header";
import { CreateSegmentLink } from "@/components/segments/create-segment-link";
import { RefreshWhileComputing } from "@/components/segments/refresh-while-computing";
import { SegmentListControls } from "@/components/segments/segment-list-controls";
import { SegmentListTable } from "@/components/segments/segment-list-table";
import { SegmentsEmptyState } from "@/components/segments/segments-empty-state";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { parseSegmentListParams } from "@/lib/segments/list-params";
import { listSegments } from "@/lib/segments/list-segments";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Segments" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SegmentsPage({ searchParams }: { searchParams: SearchParams }) {
  // Checks the session and workspace itself: a layout is not a security boundary.
  const { db, workspaceId, can } = await getWorkspaceContext();
  const params = parseSegmentListParams(await searchParams);
  const segments = await listSegments(db, workspaceId, {
    q: params.q || undefined,
    type: params.type,
    sort: params.sort,
    dir: params.dir,
  });
  const canCreate = can("member");
  const filtered = Boolean(params.q || params.type);
  const computing = segments.some((s) => s.computeStatus === "queued" || s.computeStatus === "computing");

  return (
    <>
      <PageHeader
        title="Segments"
        description="Group your customers by shared characteristics, such as location, user actions and user properties, to send targeted, relevant messages."
        actions={canCreate ? <CreateSegmentLink /> : null}
      />
      <RefreshWhileComputing active={computing} />
      {segments.length === 0 && !filtered ? (
        <SegmentsEmptyState canCreate={canCreate} />
      ) : (
        <>
          <SegmentListControls params={params} />
          {segments.length === 0 ? (
            <Card>
              <EmptyState
                icon={<SearchX />}
                title="No segments match"
                action={
                  <Link href="/segments" className={buttonClasses({ variant: "secondary" })}>
                    Show all segments
                  </Link>
                }
              >
                {params.q
                  ? `No ${params.type ? `${params.type} ` : ""}segment has “${params.q}” in its name.`
                  : `There are no ${params.type} segments yet.`}
              </EmptyState>
            </Card>
          ) : (
            <>
              <SegmentListTable segments={segments} params={params} />
              <p className="mt-3 text-sm text-gray-500" aria-live="polite">
                {segments.length.toLocaleString("en-US")} {segments.length === 1 ? "segment" : "segments"}
                {filtered ? " match" : ""}
              </p>
            </>
          )}
        </>
      )}
    </>
  );
}
