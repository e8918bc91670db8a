import { cn } from "@/lib/utils/cn";
import { Logo } from "./logo";
import { NavLinks } from "./nav-links";
import { UserFooter } from "./user-footer";
import { WorkspaceSwitcher, type SwitcherWorkspace } from "./workspace-switcher";

export type ShellProps = { workspaces: SwitcherWorkspace[]; currentWorkspaceId: string; email: string };

/** The navigation column; the same content in the desktop sidebar and the mobile menu. */
export function SidebarContent({
  workspaces,
  currentWorkspaceId,
  email,
  onNavigate,
  hideLogo = false,
  className,
}: ShellProps & { onNavigate?: () => void; hideLogo?: boolean; className?: string }) {
  return (
    <div className={cn("flex h-full flex-col gap-6 px-4 py-5", className)}>
      {hideLogo ? null : (
        <div className="px-1">
          <Logo />
        </div>
      )}
      <WorkspaceSwitcher workspaces={workspaces} currentId={currentWorkspaceId} onSwitched={onNavigate} />
      <div className="flex-1">
        <NavLinks onNavigate={onNavigate} />
      </div>
      <UserFooter email={email} />
    </div>
  );
}
