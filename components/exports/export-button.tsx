"use client";

import { Download, Mail } from "lucide-react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";

export type ExportButtonProps = {
  workspaceId: string;
  segmentPublicId: string;
  segmentName: string;
  memberCount: number;
  canExport: boolean;
};

/**
 * The guide's "Export" button, top right of the segment page. Placeholder until the export
 * feature lands (the export branch replaces this file, keeping these props): it says what
 * Export will do rather than pretending to do it.
 */
export function ExportButton({ segmentName, memberCount, canExport }: ExportButtonProps) {
  if (!canExport) return null;
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="secondary">
          <Download aria-hidden />
          Export
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <Mail aria-hidden className="size-5 text-brand-600" />
            Export is coming soon
          </DialogTitle>
          <DialogDescription>
            Soon, Export will email you a CSV file of the {memberCount.toLocaleString("en-US")}{" "}
            {memberCount === 1 ? "customer" : "customers"} in “{segmentName}”. It is not available in this version of Lumen yet.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button>OK</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
