// The audit trail in words: a sentence per entry, details before → after, no English key, no cents.
import { describe, expect, it } from "vitest";
import { auditDetails, auditSentence } from "./audit-sentences";

const plain = (s: string) => s.replace(/\u202f|\u00a0/g, " ");

describe("an audit entry in French", () => {
  it("reads a tranche release as a sentence with euros", () => {
    const entry = { kind: "tranche.release", authorName: "Camille Martin", before: null, after: { tranche: "Tranche 2 AE 2024", amountCents: "6050000", releasedOn: "2024-05-13" } };
    expect(plain(auditSentence(entry))).toBe("Camille Martin a débloqué la tranche 2 AE 2024 : 60 500,00 €.");
    expect(auditDetails(entry).map(plain)).toEqual(["Tranche : Tranche 2 AE 2024", "Montant : 60 500,00 €", "Débloquée le : 13 mai 2024"]);
  });

  it("reads expenditure in words: kinds, amounts and dates, never keys nor cents", () => {
    const movement = { kind: "expenditure.movement", authorName: "Alex Bernard", before: null, after: { ej: "EJ 1300456781 poste 1", kind: "AUGMENTATION", movedOn: "2024-06-03", amountCents: "625000", reason: "Sprints 7 et 8" } };
    expect(plain(auditSentence(movement))).toBe("Alex Bernard a enregistré une augmentation de l'EJ 1300456781 poste 1 le 3 juin 2024 : 6 250,00 €.");
    const details = auditDetails(movement).join(" | ");
    expect(plain(details)).toBe("Engagement : EJ 1300456781 poste 1 | Nature : augmentation | Date : 3 juin 2024 | Montant : 6 250,00 € | Motif : Sprints 7 et 8");
    const sf = { kind: "expenditure.serviceFait", authorName: "Alex Bernard", before: null, after: { ej: "EJ 1300462210 poste 1", doneOn: "2024-07-26", reference: "SF-BC2-LOT-1", amountCents: "1800000" } };
    expect(plain(auditSentence(sf))).toBe("Alex Bernard a constaté le service fait « SF-BC2-LOT-1 » sur l'EJ 1300462210 poste 1 le 26 juillet 2024 : 18 000,00 €.");
    for (const text of [auditSentence(sf), ...auditDetails(sf)]) expect(text).not.toMatch(/amountCents|doneOn|1800000|AUGMENTATION/);
  });

  it("reads a correction of indicator values as a diff in words", () => {
    const entry = {
      kind: "committee.measures",
      authorName: "Dominique Petit",
      before: { "Demandes de raccordement": { result: "2600", objective: "3600" } },
      after: { "Demandes de raccordement": { result: "2700", objective: "3600" } },
    };
    expect(auditSentence(entry)).toBe("Dominique Petit a corrigé des valeurs d'indicateurs.");
    expect(auditDetails(entry).map(plain)).toEqual(["Demandes de raccordement — résultat : 2 600 → 2 700"]);
  });

  it("reads a committee's FAST commitments in days and booleans in words", () => {
    const entry = { kind: "committee.record", authorName: "Dominique Petit", before: null, after: { heldOn: "2024-06-20", dinumInvited: true, devDaysPerWeekTenths: 15, measures: { Demandes: { result: "3.7", objective: null } } } };
    expect(plain(auditSentence(entry))).toBe("Dominique Petit a enregistré le comité d'investissement du 20 juin 2024.");
    expect(auditDetails(entry).map(plain)).toEqual(["Tenu le : 20 juin 2024", "DINUM invitée : oui", "Développement par semaine : 1,5 jour", "Demandes — résultat : 3,7", "Demandes — objectif : —"]);
  });

  it("reads a publication, its withdrawal, a draft's comment and a promotion's edition in words", () => {
    const publish = { kind: "convention.publish", authorName: "Camille Martin", before: null, after: { publishedOn: "2024-03-15", cbcmCopySentOn: "2024-03-08", publicationUrl: null, dataGouvUrl: "https://www.data.gouv.fr/" } };
    expect(auditSentence(publish)).toBe("Camille Martin a publié la convention le 15 mars 2024 (copie au CBCM le 8 mars 2024) : elle figure sur la page publique et dans les données ouvertes.");
    const withdraw = { kind: "convention.unpublish", authorName: "Camille Martin", before: { publishedOn: "2024-03-15" }, after: { withdrawnOn: "2024-03-20", reason: "Publiée par erreur." } };
    expect(auditSentence(withdraw)).toBe("Camille Martin a retiré la publication de la convention le 20 mars 2024, motif : « Publiée par erreur. ».");
    const comment = { kind: "convention.comment", authorName: "Alex Bernard", before: null, after: { party: "PARTENAIRE", body: "Notre intrapreneur est connu." } };
    expect(auditSentence(comment)).toBe("Alex Bernard a commenté le brouillon (Partenaire) : « Notre intrapreneur est connu. ».");
    const promotion = { kind: "promotion.update", authorName: "Camille Martin", before: { name: "FAST 15", envelopeCents: "100000000" }, after: { name: "FAST 15", envelopeCents: "120000000" } };
    expect(auditSentence(promotion)).toBe("Camille Martin a modifié la promotion FAST 15.");
    expect(auditDetails(promotion).map(plain)).toEqual(["Enveloppe : 1 000 000,00 € → 1 200 000,00 €"]);
    expect(auditSentence({ ...promotion, after: { name: "FAST 15 bis" } })).toBe("Camille Martin a modifié la promotion FAST 15 bis (anciennement FAST 15).");
  });
});
