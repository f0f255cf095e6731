// Stands for next/cache in the integration tests: outside Next's request scope there is no cache to
// revalidate. A test file installs it with one line, which vitest hoists above its imports:
//   vi.mock("next/cache", () => import("<relative path>/tests/support/mocks/next-cache"));
import { vi } from "vitest";

export const revalidatePath = vi.fn();
export const revalidateTag = vi.fn();
