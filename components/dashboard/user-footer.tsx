import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/auth/sign-out";
import { signOutEverywhereAction } from "@/lib/actions/auth/sign-out-everywhere";

export function UserFooter({ email }: { email: string }) {
  return (
    <div className="space-y-2 border-t border-gray-200 pt-4">
      <div className="flex items-center gap-2 px-1">
        <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-full bg-gray-100 text-sm font-medium text-gray-600">
          {email.charAt(0).toUpperCase()}
        </span>
        <p className="min-w-0 flex-1 text-sm" title={email}>
          <span className="block text-xs text-gray-500">Signed in as</span>
          <span className="block truncate text-gray-800">{email}</span>
        </p>
      </div>
      <form action={signOutAction}>
        <Button type="submit" variant="ghost" size="sm" className="w-full justify-start text-gray-600">
          <LogOut aria-hidden />
          Sign out
        </Button>
      </form>
      <form action={signOutEverywhereAction}>
        <Button type="submit" variant="ghost" size="sm" className="w-full justify-start text-gray-600">
          <LogOut aria-hidden />
          Sign out everywhere
        </Button>
      </form>
    </div>
  );
}
