"use server";
// Sign-in and sign-out as server actions: the login form posts here.
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "../auth";

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
    if (error instanceof AuthError) {
      return {
        email,
        error:
          error.type === "CredentialsSignin"
            ? "Adresse électronique ou mot de passe incorrect."
            : "La connexion a échoué. Réessayez dans un instant.",
      };
    }
    throw error;
  }
}

export async function logoutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
