import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { ExportsList } from "@/components/exports/exports-list";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

export const metadata: Metadata = { title: "Exports" };

export default async function ExportsPage() {
  // Its own session and workspace check: a layout is not a security boundary.
  const { workspaceId, can } = await getWorkspaceContext();
  return (
    <>
      <PageHeader
        title="Exports"
        description="Every segment export in this workspace. Files are emailed when ready and can be downloaded here for 7 days."
      />
      <ExportsList workspaceId={workspaceId} canExport={can("member")} />
    </>
  );
}
