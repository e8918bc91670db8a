"use client";

import { useActionState } from "react";
import { Mail } from "lucide-react";
import { toast } from "sonner";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { acceptInvitationAction } from "@/lib/actions/invitations/accept-invitation";
import { declineInvitationAction } from "@/lib/actions/invitations/decline-invitation";

export type OfferView = { id: string; workspaceName: string; roleLabel: string; inviterName: string | null };

function Offer({ offer }: { offer: OfferView }) {
  // Said in a toast: accepting opens the workspace, and this offer is gone from the page it re-renders.
  const [accepted, accept] = useActionState(async (previous: Awaited<ReturnType<typeof acceptInvitationAction>> | null, formData: FormData) => {
    const result = await acceptInvitationAction(previous, formData);
    if (result.ok) toast.success(result.message ?? "Invitation accepted.");
    return result;
  }, null);
  const [declined, decline] = useActionState(declineInvitationAction, null);
  const failure = [accepted, declined].find((s) => s && !s.ok) ?? null;
  return (
    <li className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm text-gray-800">
        {offer.inviterName ? <span className="font-medium">{offer.inviterName}</span> : "Someone"} invited you to join{" "}
        <span className="font-medium">{offer.workspaceName}</span> as {offer.roleLabel.toLowerCase()}.
      </p>
      <div className="flex shrink-0 items-center gap-2">
        <form action={decline}>
          <input type="hidden" name="invitationId" value={offer.id} />
          <SubmitButton variant="secondary" size="sm" pendingLabel="Declining…">
            Decline<span className="sr-only"> the invitation to {offer.workspaceName}</span>
          </SubmitButton>
        </form>
        <form action={accept}>
          <input type="hidden" name="invitationId" value={offer.id} />
          <SubmitButton size="sm" pendingLabel="Joining…">
            Accept<span className="sr-only"> the invitation to {offer.workspaceName}</span>
          </SubmitButton>
        </form>
      </div>
      {failure ? <FormMessage state={failure} /> : null}
    </li>
  );
}

/** The signed-in user's pending invitations: nothing happens until they accept or decline. */
export function InvitationOffers({ offers }: { offers: OfferView[] }) {
  if (offers.length === 0) return null;
  return (
    <section aria-labelledby="invitation-offers-heading" className="mb-6 rounded-xl border border-brand-100 bg-brand-50 px-4 py-3">
      <h2 id="invitation-offers-heading" className="flex items-center gap-2 text-sm font-semibold text-brand-700">
        <Mail aria-hidden className="size-4" />
        {offers.length === 1 ? "You have an invitation" : `You have ${offers.length} invitations`}
      </h2>
      <ul className="divide-y divide-brand-100">
        {offers.map((offer) => (
          <Offer key={offer.id} offer={offer} />
        ))}
      </ul>
    </section>
  );
}
