"use client";

import { Camera, ChevronDown, Copy, Loader2, Pencil, Trash2, Upload, UserMinus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { Button, buttonClasses } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { duplicateSegmentAction } from "@/lib/actions/segments/duplicate-segment";
import { snapshotName } from "@/lib/segments/snapshot-name";
import { DeleteSegmentDialog } from "./delete-segment-dialog";
import { SaveSnapshotDialog } from "./save-snapshot-dialog";

export type SegmentActionsProps = {
  workspaceId: string;
  segment: { publicId: string; name: string; type: "automatic" | "manual"; memberCount: number };
  dependents: { publicId: string; name: string }[];
};

/**
 * The segment's actions beside its size (Export stays alone in the top right corner). Upload CSV
 * (manual) and Edit are always buttons. Duplicate, Save as manual segment and Delete Segment are
 * buttons on wide screens and entries of a "More" menu below that (with Remove by CSV), so a
 * phone shows one row of actions instead of three. Each dialog exists once, whichever opened it.
 */
export function SegmentActions({ workspaceId, segment, dependents }: SegmentActionsProps) {
  const router = useRouter();
  const [dialog, setDialog] = useState<"delete" | "snapshot" | null>(null);
  const [suggestedName, setSuggestedName] = useState("");
  const [duplicating, startDuplicate] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const manual = segment.type === "manual";
  const base = `/segments/${segment.publicId}`;

  function duplicate() {
    setError(null);
    startDuplicate(async () => {
      const result = await duplicateSegmentAction(null, { workspaceId, segmentId: segment.publicId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      if (!result.data) return;
      toast.success("Segment duplicated: this is the copy. Rename it with Edit.");
      router.push(`/segments/${result.data.publicId}`);
    });
  }

  function openSnapshot() {
    // Suggested when opened, in the marketer's time zone ("… on 7 Dec 2026").
    setSuggestedName(snapshotName(segment.name));
    setDialog("snapshot");
  }

  const duplicateLabel = duplicating ? "Duplicating…" : "Duplicate";
  const duplicateIcon = duplicating ? <Loader2 aria-hidden className="animate-spin" /> : <Copy aria-hidden />;

  return (
    <div className="flex flex-col items-start gap-1 sm:ml-auto sm:items-end">
      <div className="flex flex-wrap items-center gap-2">
        {manual ? (
          <>
            <Link href={`${base}/import`} className={buttonClasses({ variant: "secondary" })}>
              <Upload aria-hidden />
              Upload CSV
            </Link>
            <Link href={`${base}/import?mode=remove`} className={buttonClasses({ variant: "secondary", className: "hidden xl:inline-flex" })}>
              <UserMinus aria-hidden />
              Remove by CSV
            </Link>
          </>
        ) : null}
        <Link href={`${base}/edit`} className={buttonClasses({ variant: "secondary" })}>
          <Pencil aria-hidden />
          Edit
        </Link>
        <Button variant="secondary" onClick={duplicate} disabled={duplicating} className="hidden xl:inline-flex">
          {duplicateIcon}
          {duplicateLabel}
        </Button>
        <Button variant="secondary" onClick={openSnapshot} className="hidden xl:inline-flex">
          <Camera aria-hidden />
          Save as manual segment
        </Button>
        <Button variant="secondary" onClick={() => setDialog("delete")} className="hidden text-red-700 hover:bg-red-50 xl:inline-flex">
          <Trash2 aria-hidden />
          Delete Segment
        </Button>
        {/* Not modal: a modal menu that opens a dialog can leave the page unclickable when both close. */}
        <DropdownMenu modal={false}>
          <DropdownMenuTrigger asChild>
            <Button variant="secondary" className="xl:hidden" disabled={duplicating}>
              {duplicating ? <Loader2 aria-hidden className="animate-spin" /> : null}
              {duplicating ? "Duplicating…" : "More"}
              <ChevronDown aria-hidden />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            {manual ? (
              <DropdownMenuItem asChild>
                <Link href={`${base}/import?mode=remove`}>
                  <UserMinus aria-hidden />
                  Remove by CSV
                </Link>
              </DropdownMenuItem>
            ) : null}
            <DropdownMenuItem onSelect={duplicate}>
              <Copy aria-hidden />
              Duplicate
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={openSnapshot}>
              <Camera aria-hidden />
              Save as manual segment…
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem destructive onSelect={() => setDialog("delete")}>
              <Trash2 aria-hidden />
              Delete Segment…
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
      {error ? (
        <p role="alert" className="max-w-72 text-xs text-red-600 sm:text-right">
          {error}
        </p>
      ) : null}
      <SaveSnapshotDialog
        workspaceId={workspaceId}
        segmentPublicId={segment.publicId}
        segmentName={segment.name}
        memberCount={segment.memberCount}
        suggestedName={suggestedName}
        open={dialog === "snapshot"}
        onOpenChange={(open) => setDialog(open ? "snapshot" : null)}
      />
      <DeleteSegmentDialog
        workspaceId={workspaceId}
        segmentPublicId={segment.publicId}
        segmentName={segment.name}
        memberCount={segment.memberCount}
        dependents={dependents}
        open={dialog === "delete"}
        onOpenChange={(open) => setDialog(open ? "delete" : null)}
      />
    </div>
  );
}
