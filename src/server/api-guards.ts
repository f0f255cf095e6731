import "server-only";
// Route-handler side: the same checks, answered as JSON with a real HTTP status, the catalogue's code and its
// French message: { code, erreur }.
import { NextResponse } from "next/server";
import { failure, messageOf } from "@/domain/failures";
import type { AccessDenied } from "./authz";

const CODES = { 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND" } as const;

export function deniedResponse(denied: AccessDenied): NextResponse {
  const code = CODES[denied.status];
  return NextResponse.json({ code, erreur: messageOf(failure(code)) }, { status: denied.status });
}
