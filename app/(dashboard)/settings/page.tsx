import { KeyRound, Users } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { Timestamp } from "@/components/dashboard/timestamp";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { WorkspaceRole } from "@/db/schema";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { roleDescriptions, roleLabels } from "@/lib/auth/roles";
import { CancelInvitationButton } from "./cancel-invitation-button";
import { listMembers, listPendingInvitations } from "@/lib/members/list-members";
import { assignableRoles, canChangeRole, canManageMembers, canRemoveMember } from "@/lib/members/member-rules";
import { formatDate } from "@/lib/utils/format-date";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";
import { CreateApiKeyDialog } from "./create-api-key-dialog";
import { InviteMemberForm, type RoleOption } from "./invite-member-form";
import { MemberActions } from "./member-actions";
import { RevokeApiKeyButton } from "./revoke-api-key-button";
import { WorkspaceNameForm } from "./workspace-name-form";

export const metadata: Metadata = { title: "Settings" };

const allRoles: WorkspaceRole[] = ["owner", "admin", "member", "viewer"];
const roleTones: Record<WorkspaceRole, BadgeTone> = { owner: "brand", admin: "green", member: "gray", viewer: "gray" };

function roleOption(role: WorkspaceRole): RoleOption {
  return { value: role, label: roleLabels[role], description: roleDescriptions[role] };
}

export default async function SettingsPage() {
  const { db, user, workspaceId, membership } = await getWorkspaceContext();
  const [members, invitations, apiKeys] = await Promise.all([
    listMembers(db, workspaceId),
    listPendingInvitations(db, workspaceId),
    listApiKeys(db, workspaceId),
  ]);
  const actorRole = membership.role;
  const manage = canManageMembers(actorRole);
  const ownerCount = members.filter((m) => m.role === "owner").length;

  // The same rules the actions enforce, used here only to hide what this user cannot do.
  const memberRows = members.map((m) => {
    const lastOwner = m.role === "owner" && ownerCount <= 1;
    const roleOptions = lastOwner
      ? []
      : allRoles.filter((r) => r === m.role || canChangeRole(actorRole, m.role, r)).map(roleOption);
    return {
      userId: m.userId,
      email: m.email,
      name: m.name,
      role: m.role,
      joinedAt: m.joinedAt,
      isSelf: m.userId === user.id,
      lastOwner,
      roleOptions,
      canRemove: !lastOwner && m.userId !== user.id && canRemoveMember(actorRole, m.role),
    };
  });

  return (
    <>
      <PageHeader title="Settings" description={`Workspace settings for ${membership.workspaceName}.`} />
      {manage ? null : (
        <Notice className="mb-6">
          You are a {roleLabels[actorRole]} in this workspace, so you can see these settings but not change them. Admins and
          owners can.
        </Notice>
      )}

      <nav aria-label="Settings sections" className="mb-6 flex flex-wrap gap-2 text-sm">
        {[
          ["#workspace", "Workspace"],
          ["#members", "Members"],
          ["#api-keys", "API keys"],
        ].map(([href, label]) => (
          <a key={href} href={href} className="rounded-full border border-gray-200 bg-white px-3 py-1 text-gray-700 hover:bg-gray-50">
            {label}
          </a>
        ))}
      </nav>

      <div className="space-y-8">
        <Card id="workspace" aria-labelledby="workspace-heading" className="scroll-mt-20">
          <CardHeader>
            <div>
              <CardTitle id="workspace-heading">Workspace</CardTitle>
              <CardDescription>The name everyone in this workspace sees.</CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            {manage ? (
              <WorkspaceNameForm workspaceId={workspaceId} name={membership.workspaceName} />
            ) : (
              <dl className="text-sm">
                <dt className="font-medium text-gray-700">Workspace name</dt>
                <dd className="mt-1 text-gray-900">{membership.workspaceName}</dd>
              </dl>
            )}
          </CardContent>
        </Card>

        <Card id="members" aria-labelledby="members-heading" className="scroll-mt-20">
          <CardHeader>
            <div>
              <CardTitle id="members-heading">Members</CardTitle>
              <CardDescription>People who can sign in to this workspace, and what their role lets them do.</CardDescription>
            </div>
          </CardHeader>
          {manage ? (
            <CardContent className="border-b border-gray-100">
              <h3 className="mb-3 text-sm font-semibold text-gray-900">Invite someone</h3>
              <InviteMemberForm workspaceId={workspaceId} roles={assignableRoles(actorRole).map(roleOption)} />
            </CardContent>
          ) : null}
          <Table>
            <caption className="sr-only">Members</caption>
            <TableHeader>
              <TableRow>
                <TableHead>Member</TableHead>
                <TableHead>Role</TableHead>
                <TableHead className="hidden sm:table-cell">Joined</TableHead>
                {manage ? (
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                ) : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {memberRows.map((m) => (
                <TableRow key={m.userId}>
                  <TableCell>
                    <div className="font-medium text-gray-900">
                      {m.name || m.email}
                      {m.isSelf ? <span className="ml-2 text-xs font-normal text-gray-500">(you)</span> : null}
                    </div>
                    {m.name ? <div className="text-xs text-gray-500">{m.email}</div> : null}
                  </TableCell>
                  <TableCell>
                    <Badge tone={roleTones[m.role]}>{roleLabels[m.role]}</Badge>
                    {m.lastOwner && manage ? <div className="mt-1 text-xs whitespace-nowrap text-gray-500">Only owner</div> : null}
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-gray-600 sm:table-cell">{formatDate(m.joinedAt)}</TableCell>
                  {manage ? (
                    <TableCell className="text-right">
                      <MemberActions
                        workspaceId={workspaceId}
                        userId={m.userId}
                        label={m.name || m.email}
                        role={m.role}
                        roleOptions={m.roleOptions}
                        canRemove={m.canRemove}
                      />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
              {invitations.map((inv) => (
                <TableRow key={inv.id}>
                  <TableCell>
                    <div className="font-medium text-gray-900">{inv.email}</div>
                    <div className="text-xs text-gray-500">Invited, joins once they accept</div>
                  </TableCell>
                  <TableCell>
                    <div className="flex flex-wrap items-center gap-1.5">
                      <Badge tone={roleTones[inv.role]}>{roleLabels[inv.role]}</Badge>
                      <Badge tone="amber">Pending</Badge>
                    </div>
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-gray-600 sm:table-cell">Invited {formatDate(inv.invitedAt)}</TableCell>
                  {manage ? (
                    <TableCell className="text-right">
                      <CancelInvitationButton workspaceId={workspaceId} invitationId={inv.id} email={inv.email} />
                    </TableCell>
                  ) : null}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {members.length === 0 ? (
            <EmptyState icon={<Users />} title="No members">
              Nobody belongs to this workspace.
            </EmptyState>
          ) : null}
        </Card>

        <Card id="api-keys" aria-labelledby="api-keys-heading" className="scroll-mt-20">
          <CardHeader>
            <div>
              <CardTitle id="api-keys-heading">API keys</CardTitle>
              <CardDescription>Keys let your website, app and servers talk to Lumen on behalf of this workspace.</CardDescription>
            </div>
            {manage ? <CreateApiKeyDialog workspaceId={workspaceId} /> : null}
          </CardHeader>
          {apiKeys.length === 0 ? (
            <EmptyState icon={<KeyRound />} title="No API keys">
              {manage ? "Create a key to send customers and events to Lumen." : "An admin or owner can create one."}
            </EmptyState>
          ) : (
            <Table>
              <caption className="sr-only">API keys</caption>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Type</TableHead>
                  <TableHead className="hidden sm:table-cell">Key</TableHead>
                  <TableHead className="hidden md:table-cell">Created</TableHead>
                  <TableHead className="hidden md:table-cell">Last used</TableHead>
                  {manage ? (
                    <TableHead>
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  ) : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {apiKeys.map((k) => (
                  <TableRow key={k.id}>
                    <TableCell className="font-medium text-gray-900">{k.name}</TableCell>
                    <TableCell>
                      <Badge tone={k.kind === "secret" ? "amber" : "gray"}>{k.kind === "secret" ? "Secret" : "Write"}</Badge>
                    </TableCell>
                    <TableCell className="hidden font-mono text-xs whitespace-nowrap text-gray-600 sm:table-cell">{k.prefix}</TableCell>
                    <TableCell className="hidden whitespace-nowrap text-gray-600 md:table-cell">{formatDate(k.createdAt)}</TableCell>
                    <TableCell className="hidden whitespace-nowrap text-gray-600 md:table-cell">
                      <Timestamp date={k.lastUsedAt} fallback="Never" />
                    </TableCell>
                    {manage ? (
                      <TableCell className="text-right">
                        <RevokeApiKeyButton workspaceId={workspaceId} keyId={k.id} name={k.name} prefix={k.prefix} />
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
