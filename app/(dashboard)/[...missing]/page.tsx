import { notFound } from "next/navigation";
import { getWorkspaceContext } from "@/lib/workspaces/current-workspace";

// Any address no route claims: a signed-in user gets the 404 inside the app's navigation,
// a signed-out one the sign-in page (which is what getWorkspaceContext does).
export default async function MissingPage() {
  await getWorkspaceContext();
  notFound();
}
