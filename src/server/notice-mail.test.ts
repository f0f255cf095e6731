// E-mail copies of notices, against a real SMTP server on loopback (smtp-server) and the real database:
// sent to the délégant's active agents once the notice is recorded; a server that is down leaves the notice
// recorded and the failure in the audit trail; without SMTP configured nothing is sent.
import { createServer, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSmtpServer } from "../../tests/support/smtp";
import { actionHarness, formData as form } from "../../tests/support/action-harness";
import { createRunningConvention, type FactoryConvention } from "../../tests/factories/conventions";

vi.mock("@/server/auth", () => import("../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../tests/support/mocks/next-cache"));

const { mailNoticeCopy } = await import("./notice-mail");
const { sendNoticeAction } = await import("./actions/notices");

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const h = actionHarness();
/** A running convention of the fictive SG (délégataire) and DDT (partner): 40 000 € of 80 000 € made available. */
let demo: FactoryConvention & { year: number };
beforeAll(async () => {
  const convention = await createRunningConvention(h.prisma, { reference: "TEST-AVIS" });
  demo = { ...convention, year: convention.years[0]! };
});
const quiet = vi.spyOn(console, "error").mockImplementation(() => undefined);

beforeAll(async () => {
  smtp = await startSmtpServer();
  h.signInAs("gestionnaire@sg-demo.example.fr");
});
afterAll(async () => {
  quiet.mockRestore();
  await smtp.close();
});

/** A port nothing listens on: a mail server that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const insufficient = () =>
  form({ conventionId: demo.id, kind: "CREDITS_INSUFFISANTS", year: String(demo.year), creditType: "AE", neededAmount: "50 000", message: "Recrutement d'un second développeur." });

async function latestNotice() {
  return h.prisma.partyNotice.findFirstOrThrow({ where: { conventionId: demo.id }, orderBy: { sentAt: "desc" } });
}

describe("e-mail copies of notices", () => {
  it("go to the délégant's active agents, with the reference, the amount and the reason", async () => {
    expect(await sendNoticeAction(null, insufficient())).toMatchObject({ ok: true });
    const notice = await latestNotice();
    const settings = { smtpUrl: smtp.url, from: "suivi-fast@example.fr", appUrl: "https://suivi-fast.example.fr" };
    expect(await mailNoticeCopy(notice.id, settings)).toEqual({ sent: true, recipients: 1 });
    const mail = smtp.received.at(-1)!;
    // DINUM is TEST-AVIS's délégant: its one demo account receives the copy.
    expect(mail.to).toEqual(["pilote@dinum.example.fr"]);
    expect(mail.from).toBe("suivi-fast@example.fr");
    const text = mail.data.replace(/=\r?\n/g, "");
    expect(text).toMatch(/Subject: .*TEST-AVIS/);
    expect(text).toContain(`https://suivi-fast.example.fr/conventions/${demo.id}/vie`);
    expect(text).toContain("TEST-AVIS");
    expect(await h.prisma.auditEntry.count({ where: { entityId: notice.id, kind: "notice.email_sent" } })).toBe(1);
  });

  it("leave the notice recorded and audit the failure when the mail server is down", async () => {
    expect(await sendNoticeAction(null, insufficient())).toMatchObject({ ok: true });
    const notice = await latestNotice();
    const outcome = await mailNoticeCopy(notice.id, { smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, from: "suivi-fast@example.fr" });
    expect(outcome).toMatchObject({ sent: false, reason: "ECHEC" });
    expect(await h.prisma.partyNotice.count({ where: { id: notice.id } })).toBe(1);
    const entry = await h.prisma.auditEntry.findFirstOrThrow({ where: { entityId: notice.id, kind: "notice.email_failed" } });
    expect(entry.after).toMatchObject({ recipients: 1 });
  });

  it("send nothing when SMTP is not configured (the notice stays in the app)", async () => {
    const before = smtp.received.length;
    expect(await sendNoticeAction(null, insufficient())).toEqual({ ok: true, data: undefined, message: "L'avis est transmis au délégant." });
    expect(smtp.received.length).toBe(before);
  });
});
