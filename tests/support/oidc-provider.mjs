// A stand-in for ProConnect on loopback, for the end-to-end tests: a real OpenID Connect provider
// (oidc-provider) with one client (the app), ProConnect's scopes and claims, userinfo answered as a
// signed JWT, and a minimal sign-in page where the test types an agent's e-mail (no password).
//
//   node tests/support/oidc-provider.mjs        (OIDC_PORT, APP_ORIGIN, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)
//
// Plain JavaScript so that it starts with node alone (oidc-provider ships no types).
import { createServer } from "node:http";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT ?? 3101);
const issuer = `http://127.0.0.1:${port}`;
const appOrigin = process.env.APP_ORIGIN ?? "http://127.0.0.1:3100";
const clientId = process.env.OIDC_CLIENT_ID ?? "suivi-fast-e2e";
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? "suivi-fast-e2e-secret-suivi-fast-e2e-secret";

/** The agents this stand-in knows, by e-mail. Claims as ProConnect names them. */
const AGENTS = {
  // Same e-mail as the seeded DINUM account (role PILOTE_FAST): an administrator created it.
  "pilote@dinum.example.fr": {
    sub: "pc-sub-pilote-0001",
    uid: "agent-pilote-1",
    given_name: "Camille",
    // As identity providers often spell it; the app shows the account's name, not this one.
    usual_name: "MARTIN",
    email: "pilote@dinum.example.fr",
    phone_number: "+33102030405",
    siret: "13002526500013",
    idp_id: "fi-test-dinum",
    idp_acr: "eidas1",
  },
  // A real ProConnect agent with no account in Suivi FAST.
  "agent.inconnu@ministere-demo.example.fr": {
    sub: "pc-sub-inconnu-0002",
    uid: "agent-inconnu-2",
    given_name: "Dominique",
    usual_name: "Inconnu",
    email: "agent.inconnu@ministere-demo.example.fr",
    phone_number: "+33102030406",
    siret: "11000000000000",
    idp_id: "fi-test-ministere",
    idp_acr: "eidas1",
  },
  // Invited by an administrator in the end-to-end tests (DDT Démo), before any ProConnect sign-in.
  "agent.invite@ddt-demo.example.fr": {
    sub: "pc-sub-invite-0003",
    uid: "agent-invite-3",
    given_name: "Inès",
    usual_name: "Invitée",
    email: "agent.invite@ddt-demo.example.fr",
    phone_number: "+33102030407",
    siret: "11000201100044",
    idp_id: "fi-test-ddt",
    idp_acr: "eidas1",
  },
  // Without an account nor an invitation: asks for access, an administrator accepts.
  "agent.demande@ddt-demo.example.fr": {
    sub: "pc-sub-demande-0004",
    uid: "agent-demande-4",
    given_name: "Dorian",
    usual_name: "Demandeur",
    email: "agent.demande@ddt-demo.example.fr",
    phone_number: "+33102030408",
    siret: "11000201100044",
    idp_id: "fi-test-ddt",
    idp_acr: "eidas1",
  },
};
const bySub = new Map(Object.values(AGENTS).map((a) => [a.sub, a]));

const { privateKey } = await generateKeyPair("RS256", { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: "e2e-rs256", alg: "RS256", use: "sig" };

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escape(title)}</title></head>
<body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [`${appOrigin}/api/auth/callback/proconnect`],
      post_logout_redirect_uris: [`${appOrigin}/`],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_basic",
      id_token_signed_response_alg: "RS256",
      // ProConnect answers userinfo as a signed JWT (application/jwt).
      userinfo_signed_response_alg: "RS256",
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString("hex")] },
  // ProConnect's scopes and the claims each one releases (only in userinfo: the ID token carries sub,
  // acr, auth_time, nonce — conformIdTokenClaims is on by default).
  claims: {
    acr: null,
    auth_time: null,
    iss: null,
    sid: null,
    openid: ["sub"],
    email: ["email"],
    given_name: ["given_name"],
    usual_name: ["usual_name"],
    uid: ["uid"],
    siret: ["siret"],
    phone: ["phone_number"],
    idp_id: ["idp_id"],
    idp_acr: ["idp_acr"],
  },
  acrValues: ["eidas1"],
  features: {
    devInteractions: { enabled: false },
    jwtUserinfo: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // No confirmation page: the sign-out form submits itself, asking to end the provider's session
      // (logout=yes), as ProConnect's end_session does.
      async logoutSource(ctx, form) {
        ctx.body = page(
          "Déconnexion",
          `${form}<script>const f = document.forms[0]; const i = document.createElement("input");
i.type = "hidden"; i.name = "logout"; i.value = "yes"; f.append(i); f.submit();</script>`,
        );
      },
    },
  },
  async findAccount(_ctx, sub) {
    const agent = bySub.get(sub);
    if (!agent) return undefined;
    return { accountId: sub, claims: async () => ({ ...agent }) };
  },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async renderError(ctx, out) {
    ctx.type = "html";
    ctx.body = page("Erreur", `<pre>${escape(JSON.stringify(out, null, 2))}</pre>`);
  },
});
provider.on("server_error", (_ctx, error) => console.error(`[oidc] server_error: ${error.message}`));

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function loginForm(uid, error) {
  return page(
    "Connexion (fournisseur d'identité de test)",
    `${error ? `<p role="alert">${escape(error)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login">
  <label for="email">Adresse électronique de l'agent</label>
  <input id="email" name="email" type="email" autocomplete="off" required>
  <button type="submit">Continuer</button>
</form>`,
  );
}

/** Sign-in and consent: the consent of this first-party client is given without asking. */
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  const { prompt, params, session } = details;
  if (prompt.name === "login") {
    if (req.method === "GET" || action !== "login") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginForm(uid));
      return;
    }
    const email = (await readForm(req)).get("email")?.trim().toLowerCase() ?? "";
    const agent = AGENTS[email];
    if (!agent) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(loginForm(uid, `Aucun agent de test pour ${email}.`));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: agent.sub, acr: "eidas1", amr: ["pwd"] } }, { mergeWithLastSubmission: false });
    return;
  }
  if (prompt.name === "consent") {
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
    const missing = prompt.details;
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(" "));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end(`prompt ${prompt.name} non géré`);
}

const callback = provider.callback();
const server = createServer((req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(new URL(req.url ?? "/", issuer).pathname);
  if (!match) return callback(req, res);
  interaction(req, res, match[1], match[2]).catch((error) => {
    console.error(`[oidc] interaction: ${error.message}`);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
    res.end("erreur d'interaction");
  });
});

server.listen(port, "127.0.0.1", () => console.log(`[oidc] test provider ready at ${issuer} (client ${clientId})`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
