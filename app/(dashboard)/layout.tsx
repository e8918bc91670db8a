import type { ReactNode } from "react";
import { MobileNav } from "@/components/dashboard/mobile-nav";
import { SidebarContent } from "@/components/dashboard/sidebar-content";
import { roleLabels } from "@/lib/auth/roles";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";
import { InvitationOffers } from "@/components/invitations/invitation-offers";
import { listInvitationsForUser } from "@/lib/members/answer-invitation";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { db, user, workspaceId, memberships } = await getWorkspaceContext();
  // The user's own invitations, by their session: shown on every dashboard page. Not a
  // security check (a layout never is): accepting and declining check the session themselves.
  const offers = (await listInvitationsForUser(db, user.id)).map((o) => ({
    id: o.id,
    workspaceName: o.workspaceName,
    roleLabel: roleLabels[o.role],
    inviterName: o.inviterName,
  }));
  const shell = {
    workspaces: memberships.map((m) => ({ id: m.workspaceId, name: m.workspaceName, roleLabel: roleLabels[m.role], isDemo: m.isDemo })),
    currentWorkspaceId: workspaceId,
    email: user.email,
  };
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-4 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:px-4 focus:py-2"
      >
        Skip to content
      </a>
      <MobileNav {...shell} />
      <aside className="fixed inset-y-0 left-0 hidden w-64 border-r border-gray-200 bg-white lg:block">
        <SidebarContent {...shell} />
      </aside>
      <main id="main" tabIndex={-1} className="focus:outline-none lg:pl-64">
        <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:px-8 lg:py-10">
          <InvitationOffers offers={offers} />
          {children}
        </div>
      </main>
    </div>
  );
}
