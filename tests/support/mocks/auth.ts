// Stands for src/server/auth in the integration tests: the session is whoever the test signed in with
// signInAs (tests/support/action-harness.ts), nobody until then. A test file installs it with one line,
// which vitest hoists above its imports:
//   vi.mock("@/server/auth", () => import("<relative path>/tests/support/mocks/auth"));
import { vi } from "vitest";

export const session: { current: null | { user: { id: string } } } = { current: null };

export const auth = vi.fn(async () => session.current);
export const signIn = vi.fn();
export const signOut = vi.fn();
