import { describe, expect, it } from "vitest";
import { noticeMail } from "./notice-mail";

describe("noticeMail", () => {
  const base = {
    kind: "CREDITS_INSUFFISANTS" as const,
    reference: "FAST16-DEMO",
    fastCall: "FAST 16",
    startupName: "Signalement Démo (fictive)",
    amountCents: 1_000_000n,
    message: "Recrutement d'un second développeur.",
    authorName: "Dominique Leroy (démo)",
    authorOrganisation: "SG Démo",
    link: "https://suivi-fast.example.fr/conventions/abc/vie",
  };

  it("names the convention, the kind, the amount in French euros, the reason and where to answer", () => {
    const mail = noticeMail(base);
    expect(mail.subject).toBe("[Suivi FAST] Crédits insuffisants — FAST16-DEMO (Signalement Démo (fictive))");
    expect(mail.text).toContain("pour la convention FAST16-DEMO (FAST 16 — Signalement Démo (fictive))");
    expect(mail.text.replace(/[\u202f\u00a0]/g, " ")).toContain("Montant manquant : 10 000,00 €");
    expect(mail.text).toContain("Recrutement d'un second développeur.");
    expect(mail.text).toContain("Répondre à l'avis dans Suivi FAST : https://suivi-fast.example.fr/conventions/abc/vie");
  });

  it("words a forecast of unconsumed credits, and does without a link", () => {
    const mail = noticeMail({ ...base, kind: "CREDITS_NON_CONSOMMES", link: null });
    expect(mail.subject).toContain("Crédits non consommés");
    expect(mail.text).toContain("Prévision de crédits non consommés");
    expect(mail.text).toContain("page « Avenants, suspensions et résiliation »");
  });
});
