import type { DefaultColorScheme } from "@codegouvfr/react-dsfr/next-app-router";

// Follow the user's system preference (light or dark); the DSFR "Paramètres d'affichage" can override it.
export const defaultColorScheme: DefaultColorScheme = "system";
