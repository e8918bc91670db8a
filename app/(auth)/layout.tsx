import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-gray-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-2">
          <span aria-hidden className="inline-block h-8 w-8 rounded-lg bg-brand-600" />
          <span className="text-2xl font-semibold tracking-tight">Lumen</span>
        </div>
        {children}
      </div>
    </main>
  );
}
