import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RecentUploadsCard } from "@/components/csv-import/recent-uploads-card";
import { SegmentDataStoreCard } from "@/components/data-stores/segment-data-store-card";
import { ExportsList } from "@/components/exports/exports-list";
import { MembershipLookup } from "@/components/segments/membership-lookup";
import { RefreshWhileComputing } from "@/components/segments/refresh-while-computing";
import { SegmentDefinitionCard } from "@/components/segments/segment-definition-card";
import { SegmentHeader } from "@/components/segments/segment-header";
import { SegmentMembersCard } from "@/components/segments/segment-members-card";
import { SegmentSizeChart } from "@/components/segments/segment-size-chart";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listRecentImports } from "@/lib/csv-import/list-recent-imports";
import { getSegmentDataStoreLink } from "@/lib/data-stores/get-segment-data-store-link";
import { listDataStores } from "@/lib/data-stores/list-data-stores";
import { NotFoundError } from "@/lib/errors";
import { conditionTreeSchema, referencedSegmentIds } from "@/lib/segments/condition-schema";
import { getSegmentNames } from "@/lib/segments/get-segment-names";
import { getSegmentOrThrow } from "@/lib/segments/get-segment";
import { getSegmentSizeHistory } from "@/lib/segments/get-segment-size-history";
import { listSegmentDependents } from "@/lib/segments/list-segment-dependents";
import { listSegmentMembers } from "@/lib/segments/list-segment-members";
import { currentCursor, parseMemberPageParams } from "@/lib/segments/member-page-params";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Segment" };

const MEMBERS_PAGE_SIZE = 50;
const HISTORY_DAYS = 30;

type Params = Promise<{ segmentId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SegmentPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { segmentId } = await params;
  if (!/^seg_[A-Za-z0-9]{1,64}$/.test(segmentId)) notFound();
  // Checks the session and workspace itself: a layout is not a security boundary.
  const { db, workspaceId, can } = await getWorkspaceContext();
  const memberParams = parseMemberPageParams(await searchParams);

  let data;
  try {
    const segment = await getSegmentOrThrow(db, workspaceId, segmentId);
    const manual = segment.type === "manual";
    const [members, history, dependents, link, stores, uploads] = await Promise.all([
      listSegmentMembers(db, workspaceId, segmentId, {
        q: memberParams.q || undefined,
        cursor: currentCursor(memberParams),
        limit: MEMBERS_PAGE_SIZE,
      }),
      getSegmentSizeHistory(db, workspaceId, segmentId, { days: HISTORY_DAYS }),
      listSegmentDependents(db, workspaceId, segmentId),
      manual && segment.dataStoreId !== null ? getSegmentDataStoreLink(db, workspaceId, segmentId) : null,
      // The stores to choose from, only where "Link a data store" can be shown.
      manual && segment.dataStoreId === null ? listDataStores(db, workspaceId) : [],
      manual ? listRecentImports(db, workspaceId, { segmentId: segment.id }) : [],
    ]);
    data = { segment, members, history, dependents, link, stores, uploads };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const { segment, members, history, dependents, link, stores, uploads } = data;
  const tree = segment.type === "automatic" ? conditionTreeSchema.safeParse(segment.conditions) : null;
  const conditions = tree?.success ? tree.data : null;
  const segmentNames = conditions ? await getSegmentNames(db, workspaceId, referencedSegmentIds(conditions)) : {};
  const computing = segment.computeStatus === "queued" || segment.computeStatus === "computing";
  // Days before the segment existed are not "zero members": a new segment's chart starts the day it was created.
  const createdDay = segment.createdAt.toISOString().slice(0, 10);
  const chartPoints = history.filter((p) => p.day >= createdDay);
  const sinceCreation = chartPoints.length < history.length;
  const canEdit = can("member");

  return (
    <>
      <RefreshWhileComputing active={computing} />
      <SegmentHeader
        workspaceId={workspaceId}
        segment={{
          publicId: segment.publicId,
          name: segment.name,
          description: segment.description,
          type: segment.type,
          memberCount: segment.memberCount,
          computeStatus: segment.computeStatus,
          computeProgress: segment.computeProgress,
          computeError: segment.computeError,
        }}
        dependents={dependents}
        canEdit={canEdit}
      />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card className="min-w-0 lg:col-span-2">
          <CardHeader>
            <div>
              <CardTitle>Size over time</CardTitle>
              <CardDescription>
                Customers in the segment at the end of each day, and how many entered and exited,{" "}
                {sinceCreation ? "since it was created" : `over the last ${HISTORY_DAYS} days`}.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <SegmentSizeChart points={chartPoints} />
          </CardContent>
        </Card>
        <div className="min-w-0 space-y-6">
          <SegmentDefinitionCard
            segmentPublicId={segment.publicId}
            type={segment.type}
            conditions={conditions}
            segmentNames={segmentNames}
            canEdit={canEdit}
          />
          {segment.type === "manual" ? (
            <SegmentDataStoreCard
              workspaceId={workspaceId}
              segmentPublicId={segment.publicId}
              link={link}
              stores={stores.map((s) => ({ publicId: s.publicId, name: s.name, recordCount: s.recordCount }))}
              canEdit={canEdit}
            />
          ) : null}
          {conditions ? (
            <Card>
              <CardHeader>
                <div>
                  <CardTitle>Why is a customer in this segment, or not?</CardTitle>
                  <CardDescription>Check each condition against one customer.</CardDescription>
                </div>
              </CardHeader>
              <CardContent>
                <MembershipLookup workspaceId={workspaceId} segmentPublicId={segment.publicId} />
              </CardContent>
            </Card>
          ) : null}
        </div>
      </div>
      <div className="mt-6">
        <SegmentMembersCard
          segmentPublicId={segment.publicId}
          rows={members.rows}
          nextCursor={members.nextCursor}
          params={memberParams}
          memberCount={segment.memberCount}
          computing={computing}
          selectable={canEdit && segment.type === "manual" ? { workspaceId, segmentName: segment.name } : undefined}
        />
      </div>
      {uploads.length > 0 ? (
        <div className="mt-6">
          <RecentUploadsCard workspaceId={workspaceId} items={uploads} />
        </div>
      ) : null}
      <div className="mt-6">
        <ExportsList workspaceId={workspaceId} segmentPublicId={segment.publicId} limit={10} title="Exports" canExport={canEdit} />
      </div>
    </>
  );
}
