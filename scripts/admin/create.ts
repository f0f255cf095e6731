// `npm run admin:create -- --email <adresse> --name "<Prénom Nom>" [--organisation <slug>]`
// Creates an administrator — the first one, on a fresh database — and prints a one-time link (valid 7 days) where
// its holder chooses the password; the account is active once it is chosen. Without --organisation the
// account belongs to DINUM, added to an empty directory. The link starts with AUTH_URL (or http://localhost:3000).
// Exits 0 when created, 1 when refused (the e-mail has an account, unknown organisation), 2 on bad usage.
// Runs with the react-server condition (see package.json) so that the app's server modules load as in Next.
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { formatMoment } from "../../src/domain/invitation-mail";
import { db } from "../../src/server/db";
import { env } from "../../src/server/env";
import { invitationLink } from "../../src/server/security/invitation-token";
import { createAdministrator, firstAdministratorInput } from "../../src/server/use-cases/accounts";
import { recordContext, Refusal } from "../../src/server/use-cases/context";

const USAGE = 'Usage : npm run admin:create -- --email <adresse électronique> --name "<Prénom Nom>" [--organisation <slug>]';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** The moment the account is created (the clock by default). */
  now?: Date;
  /** The app's public address (AUTH_URL, or http://localhost:3000 by default). */
  baseUrl?: string;
}

export async function createAdminCommand(argv: string[], io: CommandIo): Promise<0 | 1 | 2> {
  let values: { email?: string; name?: string; organisation?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { email: { type: "string" }, name: { type: "string" }, organisation: { type: "string" } }, strict: true }));
  } catch (error) {
    io.err(`Option non reconnue (${(error as Error).message}).\n${USAGE}`);
    return 2;
  }
  if (!values.email || !values.name) {
    io.err(`L'adresse électronique (--email) et le nom (--name) sont obligatoires.\n${USAGE}`);
    return 2;
  }
  const parsed = firstAdministratorInput.safeParse({ email: values.email, fullName: values.name, organisation: values.organisation });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) io.err(issue.message);
    io.err(USAGE);
    return 2;
  }
  const now = io.now ?? new Date();
  try {
    const created = await db().$transaction((tx) => createAdministrator(recordContext({ tx, actor: null, now }), parsed.data));
    if (created.organisationCreated) io.out(`Organisation ${created.organisation} ajoutée à l'annuaire (elle était vide).`);
    io.out(`Compte administrateur créé pour ${created.fullName} <${created.email}> (${created.organisation}).`);
    io.out(`Pour l'activer, ouvrez ce lien et choisissez le mot de passe ; il ne fonctionne qu'une fois, jusqu'au ${formatMoment(created.expiresAt)} :`);
    io.out(invitationLink(io.baseUrl ?? env().AUTH_URL ?? "http://localhost:3000", created.token));
    if (env().PROCONNECT_ISSUER) {
      io.out(
        `Ou, sans le lien, qu'il se connecte avec ProConnect sous ${created.email} avant la même date : le compte est alors activé ` +
          `et associé à son identité ProConnect${env().AUTH_LOCAL_PASSWORDS ? "" : " (les mots de passe sont fermés : AUTH_LOCAL_PASSWORDS=false, seule cette voie sert)"}.`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof Refusal) {
      io.err(error.userMessage);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await createAdminCommand(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) }).catch((error: unknown) => {
    console.error(`Création impossible : ${error instanceof Error ? error.message : String(error)}`);
    return 1 as const;
  });
  await db().$disconnect();
  process.exit(code);
}
