import "server-only";
// Route-handler side: the same checks, answered as JSON with a real HTTP status and a French message.
import { NextResponse } from "next/server";
import type { AccessDenied } from "./authz";

const MESSAGES: Record<AccessDenied["status"], string> = {
  401: "Authentification requise : connectez-vous.",
  403: "Accès refusé : votre organisation n'est pas partie à cette convention ou votre rôle ne le permet pas.",
  404: "Ressource introuvable.",
};

export function deniedResponse(denied: AccessDenied): NextResponse {
  return NextResponse.json({ erreur: MESSAGES[denied.status] }, { status: denied.status });
}
