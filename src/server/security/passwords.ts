import "server-only";
// The one way to turn a new password of a local account into what is stored: the rules of
// src/domain/password-policy.ts, then an argon2id hash (the library's defaults: 19 MiB, 2 passes, as OWASP
// recommends). Today only the demo seed sets passwords (with the demo password, which passes the rules:
// see passwords.test.ts); the account administration to come must set them through here, and show the
// refusal's message next to the password field.
import { hash } from "@node-rs/argon2";
import { checkPassword, type PasswordProblem } from "@/domain/password-policy";

export class WeakPassword extends Error {
  constructor(
    readonly problems: PasswordProblem[],
    /** The French message for the password field. */
    readonly userMessage: string,
  ) {
    super(userMessage);
    this.name = "WeakPassword";
  }
}

/** Checks the password against the rules for this account, then hashes it; throws WeakPassword otherwise. */
export async function hashNewPassword(password: string, account: { email: string }): Promise<string> {
  const check = checkPassword(password, account);
  if (!check.ok) throw new WeakPassword(check.problems, check.message);
  // Hash outside any transaction: argon2 is slow on purpose.
  return hash(password);
}
