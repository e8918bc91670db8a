import type { Metadata } from "next";
import { Logo } from "@/components/dashboard/logo";
import { NotFoundPanel } from "@/components/dashboard/not-found-panel";

export const metadata: Metadata = { title: "Page not found" };

// Addresses outside the dashboard (and anything that calls notFound() above it) land here.
export default function GlobalNotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col justify-center gap-6 px-4 py-10">
      <Logo />
      <NotFoundPanel />
    </main>
  );
}
