// Session lifetime: an idle timeout (the JWT's maxAge, renewed on activity) and an absolute lifetime
// counted from the login, after which the agent signs in again even if active.
export const ABSOLUTE_SESSION_SECONDS = 12 * 3600;

export function isSessionTooOld(loginAtSeconds: unknown, nowMs: number): boolean {
  if (typeof loginAtSeconds !== "number" || !Number.isFinite(loginAtSeconds)) return true;
  return nowMs / 1000 - loginAtSeconds > ABSOLUTE_SESSION_SECONDS;
}
