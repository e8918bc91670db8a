import { vi } from "vitest";

// Outside a Next request there is no cache to revalidate; actions call these after writes.
vi.mock("next/cache", () => ({
  revalidatePath: vi.fn(),
  revalidateTag: vi.fn(),
  updateTag: vi.fn(),
  refresh: vi.fn(),
}));
