"use server";
// Sign-in and sign-out as server actions: the login form posts here.
import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AccountDeactivated, AccountIdle, LocalPasswordsDisabled, TooManyAttempts, proConnectSignOutUrl, signIn, signOut } from "../auth";
import { throttledMessage } from "../security/login-throttle";
import { ACCOUNT_DEACTIVATED } from "@/domain/accounts";
import { failure, messageOf } from "@/domain/failures";

export type LoginState = { error?: string; fieldErrors?: { email?: string; password?: string }; email?: string };

const loginSchema = z.object({
  email: z.email("Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.gouv.fr.").trim().toLowerCase(),
  password: z.string().min(1, "Saisissez votre mot de passe.").max(200, "Mot de passe trop long."),
  // Only a path of this site: never an open redirect to another host.
  callbackUrl: z
    .string()
    .regex(/^\/(?!\/)[^\s\\]*$/)
    .catch("/conventions"),
});

export async function loginAction(_previous: LoginState, form: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    callbackUrl: form.get("callbackUrl") ?? "/conventions",
  });
  const email = String(form.get("email") ?? "");
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return { email, fieldErrors: { email: errors.email?.[0], password: errors.password?.[0] } };
  }
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: parsed.data.callbackUrl });
    return {};
  } catch (error) {
    // signIn redirects by throwing: let Next handle it.
    if (error instanceof TooManyAttempts) return { email, error: throttledMessage(error.retryAfterMs) };
    if (error instanceof AccountDeactivated) return { email, error: ACCOUNT_DEACTIVATED };
    if (error instanceof AccountIdle) return { email, error: messageOf(failure("ACCOUNT_IDLE", { days: error.idleDays })) };
    if (error instanceof LocalPasswordsDisabled) return { email, error: messageOf(failure("LOCAL_PASSWORDS_DISABLED")) };
    if (error instanceof AuthError) {
      return {
        email,
        error:
          error.type === "CredentialsSignin" ? messageOf(failure("LOGIN_BAD_CREDENTIALS")) : messageOf(failure("LOGIN_FAILED")),
      };
    }
    throw error;
  }
}

/**
 * "S'identifier avec ProConnect": Auth.js builds the authorisation request (state, nonce, PKCE in
 * cookies) and this action redirects the browser to ProConnect. A server action carries Next's own
 * CSRF protection, where a plain form POST to /api/auth/signin/proconnect would need Auth.js's token.
 */
export async function proConnectAction(form: FormData): Promise<void> {
  const { callbackUrl } = loginSchema.pick({ callbackUrl: true }).parse({ callbackUrl: form.get("callbackUrl") ?? "/conventions" });
  try {
    await signIn("proconnect", { redirectTo: callbackUrl });
  } catch (error) {
    // signIn redirects by throwing (not an AuthError); an AuthError means ProConnect could not be reached
    // or is not configured (already logged by Auth.js's logger, without a stack).
    if (error instanceof AuthError) redirect("/connexion?erreur=proconnect-indisponible");
    throw error;
  }
}

export async function logoutAction(): Promise<void> {
  // A session opened through ProConnect ends there too (read before the local sign-out clears the cookie).
  const proConnectEnd = await proConnectSignOutUrl();
  await signOut({ redirect: false });
  redirect(proConnectEnd ?? "/");
}
