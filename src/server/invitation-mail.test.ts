// Invitations by e-mail, against a real SMTP server on loopback (smtp-server) and the real database: with
// SMTP_URL and MAIL_FROM set, the invitation goes to the agent (link, organisation, expiry) and the
// administrator is told so without the link; a mail server that is down leaves the account and its link, hands
// the link to the administrator, and audits the failure (never the link itself).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actionHarness, formData as form } from "../../tests/support/action-harness";
import { closedPort } from "../../tests/support/closed-port";
import { startSmtpServer } from "../../tests/support/smtp";

const smtp = vi.hoisted(() => ({ url: "" }));
vi.mock("@/server/auth", () => import("../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../tests/support/mocks/next-cache"));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "127.0.0.1:3000" }) }));
// The app's settings, with this file's mail server (env() is read once per process otherwise).
vi.mock("./env", async (original) => {
  const real = await original<typeof import("./env")>();
  return { ...real, env: () => ({ ...real.parseEnv(process.env), SMTP_URL: smtp.url, MAIL_FROM: "suivi-fast@example.fr", AUTH_URL: "https://suivi-fast.example.fr" }) };
});

const { inviteAgentAction } = await import("./actions/accounts");

let mails: Awaited<ReturnType<typeof startSmtpServer>>;
let drieat = "";
const h = actionHarness();
const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);

beforeAll(async () => {
  mails = await startSmtpServer();
  h.signInAs("admin@suivi-fast.example.fr");
  drieat = (await h.prisma.organisation.findUniqueOrThrow({ where: { slug: "drieat" } })).id;
});
afterAll(async () => {
  quiet.mockRestore();
  await mails.close();
});

const invite = (email: string) => form({ email, fullName: "Sasha Courriel", role: "INTRAPRENEUR", organisationId: drieat });

describe("invitations by e-mail", () => {
  it("send the link to the agent, in French, and tell the administrator without showing it", async () => {
    smtp.url = mails.url;
    const result = await inviteAgentAction(null, invite("sasha.courriel@drieat.example.fr"));
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/^Invitation envoyée par courriel à sasha\.courriel@drieat\.example\.fr\. Le lien est valable jusqu'au /) });
    expect(result.ok && result.link).toBeUndefined();
    const mail = mails.received.at(-1)!;
    expect(mail.to).toEqual(["sasha.courriel@drieat.example.fr"]);
    const text = mail.data.replace(/=\r?\n/g, "");
    expect(text).toMatch(/https:\/\/suivi-fast\.example\.fr\/invitation\/[A-Za-z0-9_-]{43}/);
    expect(text).toContain("Subject: =?UTF-8?Q?Votre_acc=C3=A8s_=C3=A0_Suivi_FAST?");
    expect(text).toContain("Pour activer votre compte, choisissez votre mot de passe en suivant ce lien");
    const user = await h.prisma.user.findUniqueOrThrow({ where: { email: "sasha.courriel@drieat.example.fr" } });
    const sent = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "user.invitation.email_sent", entityId: user.id } });
    expect(sent.after).toEqual({ email: user.email });
  });

  it("hand the link to the administrator when the mail server is down, and audit the failure", async () => {
    smtp.url = `smtp://127.0.0.1:${await closedPort()}`;
    const result = await inviteAgentAction(null, invite("panne@drieat.example.fr"));
    expect(result).toMatchObject({
      ok: true,
      message: expect.stringContaining("Le courriel n'a pas pu être envoyé : transmettez vous-même ce lien à l'agent."),
      link: { href: expect.stringMatching(/^https:\/\/suivi-fast\.example\.fr\/invitation\//) },
    });
    const user = await h.prisma.user.findUniqueOrThrow({ where: { email: "panne@drieat.example.fr" }, include: { invitations: true } });
    expect(user.invitations).toHaveLength(1);
    const failed = await h.prisma.auditEntry.findFirstOrThrow({ where: { kind: "user.invitation.email_failed", entityId: user.id } });
    expect(JSON.stringify(failed.after)).not.toContain("/invitation/");
  });
});
