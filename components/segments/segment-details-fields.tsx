"use client";

import { FieldError, fieldErrorProps } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import type { ActionState } from "@/lib/actions/action-result";

/** Name and description of a segment, with the server's message at each field. */
export function SegmentDetailsFields({
  state,
  defaultName = "",
  defaultDescription = "",
}: {
  state: ActionState<unknown>;
  defaultName?: string;
  defaultDescription?: string;
}) {
  return (
    <div className="space-y-4">
      <div>
        <Label htmlFor="segment-name">Name</Label>
        <Input
          id="segment-name"
          name="name"
          defaultValue={defaultName}
          maxLength={120}
          placeholder="e.g. German customers who ordered"
          className="mt-1.5"
          required
          {...fieldErrorProps(state, "name", "segment-name-error")}
        />
        <FieldError state={state} name="name" id="segment-name-error" />
      </div>
      <div>
        <Label htmlFor="segment-description">
          Description <span className="font-normal text-gray-500">(optional)</span>
        </Label>
        <Textarea
          id="segment-description"
          name="description"
          defaultValue={defaultDescription}
          maxLength={500}
          rows={2}
          placeholder="Who is in this group, and what it is for"
          className="mt-1.5"
          {...fieldErrorProps(state, "description", "segment-description-error")}
        />
        <FieldError state={state} name="description" id="segment-description-error" />
      </div>
    </div>
  );
}
