import "server-only";
// The GET handlers of the convention's and its avenants' documents: any party reads them (convention.read).
import { checkConvention, currentActor } from "@/server/authz";
import { deniedResponse } from "@/server/api-guards";
import { avenantDocument, conventionDocument } from "@/domain/convention-document";
import { loadAvenantDocumentInput, loadConventionDocumentInput } from "@/server/repositories/convention-document";
import { failure, messageOf } from "@/domain/failures";
import { documentResponse, type DocumentFormat } from "./response";

const notFound = () => Response.json({ code: "NOT_FOUND", erreur: messageOf(failure("NOT_FOUND")) }, { status: 404 });

type Params<P> = { params: Promise<P> };

export function conventionDocumentRoute(format: DocumentFormat) {
  return async function GET(_request: Request, { params }: Params<{ id: string }>) {
    const { id } = await params;
    const access = await checkConvention(await currentActor(), "convention.read", id);
    if (!access.ok) return deniedResponse(access);
    const input = await loadConventionDocumentInput(access.conventionId);
    if (!input) return notFound();
    return documentResponse(conventionDocument(input), format);
  };
}

export function avenantDocumentRoute(format: DocumentFormat) {
  return async function GET(_request: Request, { params }: Params<{ id: string; avenantId: string }>) {
    const { id, avenantId } = await params;
    const access = await checkConvention(await currentActor(), "convention.read", id);
    if (!access.ok) return deniedResponse(access);
    const input = /^[0-9a-f-]{36}$/i.test(avenantId) ? await loadAvenantDocumentInput(access.conventionId, avenantId) : null;
    if (!input) return notFound();
    return documentResponse(avenantDocument(input), format);
  };
}
