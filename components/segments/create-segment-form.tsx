"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Loader2, Upload } from "lucide-react";
import { startTransition, useActionState, useRef, useState, type FormEvent } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FieldError, FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { createSegmentAction } from "@/lib/actions/segments/create-segment";
import type { BuilderCatalog } from "@/lib/segments/builder/catalog";
import { SegmentDefinitionEditor } from "./condition-builder/segment-definition-editor";
import { SegmentDetailsFields } from "./segment-details-fields";
import { SegmentTypeChoice } from "./segment-type-choice";

/**
 * Create New Segment: name, description, type; for an automatic segment the conditions with a
 * live preview. On success the new segment's page opens (an automatic one shows its progress).
 */
export function CreateSegmentForm({ workspaceId, catalog }: { workspaceId: string; catalog: BuilderCatalog }) {
  const router = useRouter();
  const [type, setType] = useState<"automatic" | "manual" | null>(null);
  const [conditionsValid, setConditionsValid] = useState(false);
  // "Create and upload CSV" continues to the new segment's upload page instead of the segment page.
  // A plain button that submits the form, so Enter in a field still means "Create segment".
  const thenUpload = useRef(false);
  const uploadClicked = useRef(false);
  const [state, formAction, pending] = useActionState(async (...args: Parameters<typeof createSegmentAction>) => {
    const result = await createSegmentAction(...args);
    if (result.ok && result.data) router.push(`/segments/${result.data.publicId}${thenUpload.current ? "/import" : ""}`);
    return result;
  }, null);

  // Submitted by hand rather than through `action`, so the fields keep their values when the
  // server sends back an error (React resets a form after its action).
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    thenUpload.current = uploadClicked.current;
    uploadClicked.current = false;
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  const fieldErrors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const otherError = state && !state.ok && !["name", "description", "type", "conditions"].some((f) => fieldErrors[f]?.length);
  const succeeded = state?.ok === true;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <Card>
        <CardHeader>
          <div>
            <CardTitle>About this segment</CardTitle>
            <CardDescription>Give your segment a name and description that accurately describes the group of customers.</CardDescription>
          </div>
        </CardHeader>
        <CardContent className="space-y-5">
          <SegmentDetailsFields state={state} />
          <div>
            <SegmentTypeChoice value={type} onChange={setType} invalid={Boolean(fieldErrors.type?.length)} errorId="segment-type-error" />
            <FieldError state={state} name="type" id="segment-type-error" />
          </div>
        </CardContent>
      </Card>

      {type === "automatic" ? (
        <Card>
          <CardHeader>
            <div>
              <CardTitle>Conditions</CardTitle>
              <CardDescription>Customers who match these conditions are in the segment; Lumen moves them in and out as their data changes.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <SegmentDefinitionEditor workspaceId={workspaceId} catalog={catalog} name="conditions" onValidityChange={setConditionsValid} />
            <FieldError state={state} name="conditions" id="segment-conditions-error" />
          </CardContent>
        </Card>
      ) : type === "manual" ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white px-4 py-3 text-sm text-gray-600">
          The segment starts empty. You then add customers yourself: by uploading a CSV of customers, by selecting them on the
          Customers tab or a customer&apos;s page, through the API, or by linking a data store. Have a list ready? Choose{" "}
          <strong className="font-medium text-gray-800">Create and upload CSV</strong> to go straight to the upload.
        </p>
      ) : null}

      {otherError ? <FormMessage state={state} /> : null}
      <CardFooter className="rounded-xl border border-gray-200 bg-white shadow-sm">
        <Link href="/segments" className={buttonClasses({ variant: "ghost" })}>
          Cancel
        </Link>
        {type === "manual" ? (
          <Button
            type="button"
            variant="secondary"
            disabled={pending || succeeded}
            onClick={(event) => {
              uploadClicked.current = true;
              event.currentTarget.form?.requestSubmit();
            }}
          >
            {pending || succeeded ? <Loader2 aria-hidden className="animate-spin" /> : <Upload aria-hidden />}
            Create and upload CSV
          </Button>
        ) : null}
        <SubmitButton
          pending={pending || succeeded}
          pendingLabel={succeeded ? "Opening…" : "Creating…"}
          disabled={type === null || (type === "automatic" && !conditionsValid)}
        >
          {type === "automatic" ? "Create and calculate" : "Create segment"}
        </SubmitButton>
      </CardFooter>
      {type === null ? <p className="-mt-4 text-right text-xs text-gray-500">Choose Automatic or Manual to continue.</p> : null}
    </form>
  );
}
