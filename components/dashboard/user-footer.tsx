import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/auth/sign-out";

export function UserFooter({ email }: { email: string }) {
  return (
    <div className="flex items-center gap-2 border-t border-gray-200 pt-4">
      <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-full bg-gray-100 text-sm font-medium text-gray-600">
        {email.charAt(0).toUpperCase()}
      </span>
      <p className="min-w-0 flex-1 truncate text-sm text-gray-700" title={email}>
        <span className="sr-only">Signed in as </span>
        {email}
      </p>
      <form action={signOutAction}>
        <Button type="submit" variant="ghost" size="sm" className="text-gray-600">
          <LogOut aria-hidden />
          Sign out
        </Button>
      </form>
    </div>
  );
}
