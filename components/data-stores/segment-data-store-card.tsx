import { Database } from "lucide-react";
import Link from "next/link";
import { Timestamp } from "@/components/dashboard/timestamp";
import { RefreshWhileComputing } from "@/components/segments/refresh-while-computing";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { describeFilter, type SegmentDataStoreLink } from "@/lib/data-stores/get-segment-data-store-link";
import { LinkDataStoreDialog, type StoreChoice } from "./link-data-store-dialog";
import { UnlinkDataStoreButton } from "./unlink-data-store-button";

const syncKinds = { full: "Full sync", incremental: "Records changed", customers: "New or changed customers", link: "First sync after linking" } as const;

/** A manual segment's data store: what it follows, the last sync and what it did; link or unlink (members and up). */
export function SegmentDataStoreCard({ workspaceId, segmentPublicId, link, stores, canEdit }: { workspaceId: string; segmentPublicId: string; link: SegmentDataStoreLink | null; stores: StoreChoice[]; canEdit: boolean }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Database aria-hidden className="size-4 text-brand-600" />
          Data store
        </CardTitle>
        {canEdit && !link && stores.length > 0 ? <LinkDataStoreDialog workspaceId={workspaceId} segmentPublicId={segmentPublicId} stores={stores} /> : null}
      </CardHeader>
      <CardContent className="space-y-3 text-sm text-gray-700">
        {link ? (
          <>
            <RefreshWhileComputing active={!link.sync} />
            <p>
              Follows{" "}
              <Link href={`/data-stores/${link.store.publicId}`} className="font-medium break-words text-brand-700 underline-offset-4 hover:underline">
                {link.store.name}
              </Link>{" "}
              ({describeFilter(link.filter)}): a record that names a customer adds them, a removed record takes them out again.
            </p>
            <div className="rounded-md bg-gray-50 px-3 py-2">
              {link.sync ? (
                <>
                  <p className={link.sync.status === "failed" ? "text-red-700" : "text-gray-800"}>
                    Last sync <Timestamp date={new Date(link.sync.at)} />: {link.sync.status === "failed" ? "failed" : `${link.sync.added.toLocaleString("en-US")} added, ${link.sync.removed.toLocaleString("en-US")} removed`}
                  </p>
                  <p className="text-xs text-gray-600">
                    {syncKinds[link.sync.kind]}
                    {link.sync.error ? ` · ${link.sync.error}` : ""}
                  </p>
                </>
              ) : (
                <p className="text-gray-800">Syncing the store&apos;s records into this segment…</p>
              )}
            </div>
            {canEdit ? (
              <UnlinkDataStoreButton workspaceId={workspaceId} segmentPublicId={segmentPublicId} storeName={link.store.name} />
            ) : null}
          </>
        ) : stores.length > 0 ? (
          <p>Link a data store to add and remove this segment&apos;s customers automatically, as the store&apos;s records change.</p>
        ) : (
          <p>
            No data stores yet.{" "}
            <Link href="/data-stores" className={buttonClasses({ variant: "link" })}>
              Create one on the Data stores tab
            </Link>{" "}
            and link it here: the segment then follows its records.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
