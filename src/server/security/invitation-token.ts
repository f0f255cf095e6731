// One-time invitation links: a random token of 256 bits goes in the link, only its SHA-256 is stored, so a
// copy of the database opens no account. A token is looked up by its hash (no comparison of secrets in the
// application); anything that is not the shape of a token is simply unknown.
import { createHash, randomBytes } from "node:crypto";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: invitationTokenHash(token) };
}

export function invitationTokenHash(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The hash to look up for a token read from a URL or a form; null when it cannot be one of ours. */
export function lookupHash(raw: unknown): string | null {
  return typeof raw === "string" && TOKEN_SHAPE.test(raw) ? invitationTokenHash(raw) : null;
}

/** The link an agent follows: `<base>/invitation/<token>`. */
export function invitationLink(baseUrl: string, token: string): string {
  return new URL(`/invitation/${token}`, baseUrl).toString();
}
