"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateSegmentAction } from "@/lib/actions/segments/update-segment";
import type { ConditionTree } from "@/lib/segments/condition-schema";
import type { BuilderCatalog } from "@/lib/segments/builder/catalog";
import { SegmentDefinitionEditor } from "./condition-builder/segment-definition-editor";
import { SegmentDetailsFields } from "./segment-details-fields";

export type EditableSegment = {
  publicId: string;
  name: string;
  description: string;
  type: "automatic" | "manual";
  conditions: ConditionTree | null;
  memberCount: number;
};

/**
 * Edit a segment's name, description and (automatic) definition. The preview of the new
 * definition shows beside the current count; saving a new definition recalculates the members.
 */
export function EditSegmentForm({ workspaceId, segment, catalog }: { workspaceId: string; segment: EditableSegment; catalog: BuilderCatalog | null }) {
  const router = useRouter();
  const [conditionsValid, setConditionsValid] = useState(true);
  const [state, formAction, pending] = useActionState(async (...args: Parameters<typeof updateSegmentAction>) => {
    const result = await updateSegmentAction(...args);
    if (result.ok) {
      router.push(`/segments/${segment.publicId}`);
      router.refresh();
    }
    return result;
  }, null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const otherError = state && !state.ok && !["name", "description", "conditions"].some((f) => fieldErrors[f]?.length);
  const automatic = segment.type === "automatic" && segment.conditions !== null && catalog !== null;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="segmentId" value={segment.publicId} />
      <Card>
        <CardHeader>
          <CardTitle>About this segment</CardTitle>
        </CardHeader>
        <CardContent>
          <SegmentDetailsFields state={state} defaultName={segment.name} defaultDescription={segment.description} />
        </CardContent>
      </Card>

      {automatic ? (
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Conditions</CardTitle>
              <CardDescription>
                The preview shows who would match the new conditions; today the segment has{" "}
                {segment.memberCount.toLocaleString("en-US")} {segment.memberCount === 1 ? "customer" : "customers"}.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent className="space-y-4">
            <SegmentDefinitionEditor
              workspaceId={workspaceId}
              catalog={catalog}
              defaultValue={segment.conditions ?? undefined}
              excludeSegmentPublicId={segment.publicId}
              currentCount={segment.memberCount}
              name="conditions"
              onValidityChange={setConditionsValid}
            />
            <FieldError state={state} name="conditions" id="segment-conditions-error" />
            <Notice>Saving new conditions recalculates the segment: customers move in and out, and the page shows the progress.</Notice>
          </CardContent>
        </Card>
      ) : null}

      {otherError ? <FormMessage state={state} /> : null}
      <CardFooter className="rounded-xl border border-gray-200 bg-white shadow-sm">
        <Link href={`/segments/${segment.publicId}`} className={buttonClasses({ variant: "ghost" })}>
          Cancel
        </Link>
        <SubmitButton pending={pending || state?.ok === true} pendingLabel="Saving…" disabled={automatic && !conditionsValid}>
          Save changes
        </SubmitButton>
      </CardFooter>
    </form>
  );
}
