// The e-mail that carries an invitation link, in French, as plain text: who invites, to which organisation,
// the link, until when it works and that it works once.

/** "10 décembre 2026 à 14:05" in Paris time. */
export function formatMoment(moment: Date): string {
  const day = moment.toLocaleDateString("fr-FR", { timeZone: "Europe/Paris", day: "numeric", month: "long", year: "numeric" });
  const time = moment.toLocaleTimeString("fr-FR", { timeZone: "Europe/Paris", hour: "2-digit", minute: "2-digit" });
  return `${day} à ${time}`;
}

export function invitationMail(invitation: {
  fullName: string;
  organisation: string;
  roleLabel: string;
  link: string;
  expiresAt: Date;
  invitedBy: string | null;
}): { subject: string; text: string } {
  const by = invitation.invitedBy ? `${invitation.invitedBy} vous invite` : "Vous êtes invité(e)";
  return {
    subject: "Votre accès à Suivi FAST",
    text: [
      `Bonjour ${invitation.fullName},`,
      "",
      `${by} à rejoindre Suivi FAST, l'application de suivi des conventions de délégation de gestion du FAST, pour ${invitation.organisation} (rôle : ${invitation.roleLabel}).`,
      "",
      "Pour activer votre compte, choisissez votre mot de passe en suivant ce lien :",
      invitation.link,
      "",
      `Ce lien est personnel, ne fonctionne qu'une fois et expire le ${formatMoment(invitation.expiresAt)}. Passé ce délai, demandez une nouvelle invitation à un administrateur.`,
      "",
      "Si vous n'attendiez pas cette invitation, ignorez ce message : aucun compte ne sera activé sans vous.",
    ].join("\n"),
  };
}
