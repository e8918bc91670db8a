import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DataStoreUpload } from "@/components/data-stores/data-store-upload";
import { Notice } from "@/components/ui/notice";
import { getDataStoreOrThrow } from "@/lib/data-stores/get-data-store";
import { NotFoundError } from "@/lib/errors";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Upload records" };

type Params = Promise<{ dataStoreId: string }>;

/** Add or replace a data store's records from a CSV file. */
export default async function DataStoreUploadPage({ params }: { params: Params }) {
  const { dataStoreId } = await params;
  if (!/^ds_[A-Za-z0-9]{1,64}$/.test(dataStoreId)) notFound();
  // Checks the session and workspace itself: a layout is not a security boundary.
  const { db, workspaceId, can } = await getWorkspaceContext();
  let store;
  try {
    store = await getDataStoreOrThrow(db, workspaceId, dataStoreId);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  return (
    <div className="mx-auto max-w-4xl">
      <Link href={`/data-stores/${store.publicId}`} className="mb-4 inline-flex max-w-full items-center gap-1.5 rounded-md text-sm text-gray-600 hover:text-gray-900">
        <ArrowLeft aria-hidden className="size-4 shrink-0" />
        <span className="truncate">{store.name}</span>
      </Link>
      <header className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-gray-900">Upload records</h1>
        <p className="mt-1 text-sm text-gray-600">
          Add records to “{store.name}” from a CSV file, or replace the records whose Record IDs it lists. Nothing changes until the whole file is uploaded; then every valid row is
          applied at once, and the segments that follow the store are brought up to date.
        </p>
      </header>
      {can("member") ? (
        <DataStoreUpload workspaceId={workspaceId} dataStore={{ publicId: store.publicId, name: store.name, identifierKind: store.identifierKind }} />
      ) : (
        <Notice tone="warning">You can view this workspace but not change its data stores. Ask an admin for the Member role.</Notice>
      )}
    </div>
  );
}
