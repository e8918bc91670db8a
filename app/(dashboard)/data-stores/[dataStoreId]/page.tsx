import { ArrowLeft, Upload } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/dashboard/page-header";
import { RecentUploadsCard } from "@/components/csv-import/recent-uploads-card";
import { DataStoreRecordsCard } from "@/components/data-stores/data-store-records-card";
import { DeleteDataStoreDialog } from "@/components/data-stores/delete-data-store-dialog";
import { identifierKindLabels } from "@/components/data-stores/identifier-kind";
import { RecordDialog } from "@/components/data-stores/record-dialog";
import { buttonClasses } from "@/components/ui/button";
import { listRecentImports } from "@/lib/csv-import/list-recent-imports";
import { getDataStoreOrThrow } from "@/lib/data-stores/get-data-store";
import { listDataStoreRecords } from "@/lib/data-stores/list-data-store-records";
import { listLinkedSegments } from "@/lib/data-stores/list-linked-segments";
import { NotFoundError } from "@/lib/errors";
import { currentCursor, parseMemberPageParams } from "@/lib/segments/member-page-params";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Data store" };

const RECORDS_PAGE_SIZE = 50;

type Params = Promise<{ dataStoreId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DataStorePage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const { dataStoreId } = await params;
  if (!/^ds_[A-Za-z0-9]{1,64}$/.test(dataStoreId)) notFound();
  // Checks the session and workspace itself: a layout is not a security boundary.
  const { db, workspaceId, can } = await getWorkspaceContext();
  const pageParams = parseMemberPageParams(await searchParams);
  let data;
  try {
    const store = await getDataStoreOrThrow(db, workspaceId, dataStoreId);
    const [records, linked, uploads] = await Promise.all([
      listDataStoreRecords(db, workspaceId, dataStoreId, { q: pageParams.q || undefined, cursor: currentCursor(pageParams), limit: RECORDS_PAGE_SIZE }),
      listLinkedSegments(db, workspaceId, store.id),
      listRecentImports(db, workspaceId, { dataStoreId: store.id }),
    ]);
    data = { store, records, linked, uploads };
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const { store, records, linked, uploads } = data;
  const canEdit = can("member");

  return (
    <>
      <Link href="/data-stores" className="mb-4 inline-flex items-center gap-1.5 rounded-md text-sm text-gray-600 hover:text-gray-900">
        <ArrowLeft aria-hidden className="size-4 shrink-0" />
        Data stores
      </Link>
      <PageHeader
        title={<span className="break-words">{store.name}</span>}
        description={
          <>
            {store.recordCount.toLocaleString("en-US")} {store.recordCount === 1 ? "record" : "records"} · customers by {identifierKindLabels[store.identifierKind].toLowerCase()} ·{" "}
            {linked.length === 0 ? (
              "no segment follows it yet (link it from a manual segment's page)"
            ) : (
              <>
                followed by{" "}
                {linked.map((s, i) => (
                  <span key={s.publicId}>
                    {i > 0 ? ", " : ""}
                    <Link href={`/segments/${s.publicId}`} className="font-medium text-brand-700 underline-offset-4 hover:underline">
                      {s.name}
                    </Link>
                  </span>
                ))}
              </>
            )}
          </>
        }
        actions={
          canEdit ? (
            <>
              <RecordDialog workspaceId={workspaceId} dataStoreId={store.publicId} identifierKind={store.identifierKind} />
              <Link href={`/data-stores/${store.publicId}/upload`} className={buttonClasses({ variant: "secondary" })}>
                <Upload aria-hidden />
                Upload CSV
              </Link>
              <DeleteDataStoreDialog workspaceId={workspaceId} dataStoreId={store.publicId} name={store.name} recordCount={store.recordCount} linkedSegments={linked.map((s) => s.name)} />
            </>
          ) : null
        }
      />
      <DataStoreRecordsCard
        workspaceId={workspaceId}
        dataStoreId={store.publicId}
        identifierKind={store.identifierKind}
        rows={records.rows}
        nextCursor={records.nextCursor}
        params={pageParams}
        recordCount={store.recordCount}
        canEdit={canEdit}
      />
      {uploads.length > 0 ? (
        <div className="mt-6">
          <RecentUploadsCard workspaceId={workspaceId} items={uploads} />
        </div>
      ) : null}
    </>
  );
}
