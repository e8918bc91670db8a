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
import { parseSegmentListParams, SEGMENTS_PAGE_SIZE, segmentListHref } from "@/lib/segments/list-params";
import { countSegments, listSegments } from "@/lib/segments/list-segments";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Segments" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SegmentsPage({ searchParams }: { searchParams: SearchParams }) {
  // Checks the session and workspace itself: a layout is not a security boundary.
  const { db, workspaceId, can } = await getWorkspaceContext();
  const requested = parseSegmentListParams(await searchParams);
  const filter = { q: requested.q || undefined, type: requested.type };
  const total = await countSegments(db, workspaceId, filter);
  // A page past the end (segments deleted since the link was made) shows the last one.
  const lastPage = Math.max(1, Math.ceil(total / SEGMENTS_PAGE_SIZE));
  const params = { ...requested, page: Math.min(requested.page, lastPage) };
  const offset = (params.page - 1) * SEGMENTS_PAGE_SIZE;
  const segments = await listSegments(db, workspaceId, { ...filter, sort: params.sort, dir: params.dir }, { limit: SEGMENTS_PAGE_SIZE, offset });
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
              <nav aria-label="Pages of segments" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-gray-500">
                <p aria-live="polite">
                  {total > segments.length
                    ? `${(offset + 1).toLocaleString("en-US")}–${(offset + segments.length).toLocaleString("en-US")} of ${total.toLocaleString("en-US")} segments`
                    : `${total.toLocaleString("en-US")} ${total === 1 ? "segment" : "segments"}`}
                  {filtered ? (total === 1 ? " matches" : " match") : ""}
                </p>
                {lastPage > 1 ? (
                  <div className="flex gap-2">
                    {params.page > 1 ? (
                      <Link href={segmentListHref({ ...params, page: params.page - 1 })} prefetch={false} className={buttonClasses({ variant: "secondary", size: "sm" })}>
                        Previous
                      </Link>
                    ) : null}
                    {params.page < lastPage ? (
                      <Link href={segmentListHref({ ...params, page: params.page + 1 })} prefetch={false} className={buttonClasses({ variant: "secondary", size: "sm" })}>
                        Next
                      </Link>
                    ) : null}
                  </div>
                ) : null}
              </nav>
            </>
          )}
        </>
      )}
    </>
  );
}
