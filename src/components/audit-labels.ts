// French names of what the audit trail records.
export const AUDIT_KIND_LABELS: Record<string, string> = {
  "demo.seed": "Chargement des données de démonstration",
  "convention.create": "Convention enregistrée",
  "auth.login": "Connexion",
  "auth.login.failed": "Connexion refusée",
  "review.record": "Bilan de mi-parcours enregistré",
  "tranche.release": "Tranche débloquée",
  "avenant.record": "Avenant enregistré",
  "termination.notify": "Préavis de résiliation",
  "suspension.record": "Suspension de la délégation",
  "suspension.lift": "Reprise de la délégation",
  "expenditure.ej": "Engagement juridique enregistré",
  "expenditure.movement": "Engagement juridique modifié",
  "expenditure.reversal": "Ligne d'engagement contre-passée",
  "expenditure.serviceFait": "Service fait constaté",
  "expenditure.payment": "Demande de paiement enregistrée",
  "expenditure.paymentReversal": "Demande de paiement annulée",
  "expenditure.import": "Import d'un extrait Chorus",
  "notice.send": "Avis du délégataire transmis",
  "notice.email_sent": "Copie de l'avis envoyée par courriel",
  "notice.email_failed": "Copie de l'avis par courriel non envoyée",
  "notice.answer": "Réponse du délégant à un avis",
  "report.submit": "Compte rendu final transmis",
  "report.accept": "Compte rendu final accepté (convention clôturée)",
  "indicator.define": "Indicateur d'impact défini",
  "indicator.update": "Indicateur d'impact modifié",
  "committee.record": "Comité d'investissement enregistré",
  "committee.measures": "Valeurs d'indicateurs saisies ou corrigées",
  "obligation.update": "Suivi d'obligation déclaré",
};

export const AUDIT_FAMILY_LABELS: Record<string, string> = {
  demo: "Démonstration",
  convention: "Convention",
  auth: "Connexions",
  review: "Bilans de mi-parcours",
  tranche: "Tranches",
  avenant: "Avenants",
  termination: "Résiliations",
  suspension: "Suspensions",
  expenditure: "Dépenses",
  notice: "Avis entre parties",
  report: "Compte rendu final",
  committee: "Comités",
  indicator: "Indicateurs",
  obligation: "Obligations",
};

export function auditKindLabel(kind: string): string {
  return AUDIT_KIND_LABELS[kind] ?? kind;
}
