// Download of a signed copy of the convention (the one in force or one it replaced), for every party.
import { checkConvention, currentActor } from "@/server/authz";
import { deniedResponse } from "@/server/api-guards";
import { db } from "@/server/db";
import { failure, messageOf } from "@/domain/failures";

export const dynamic = "force-dynamic";

/** An ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
function disposition(fileName: string): string {
  const name = /\.pdf$/i.test(fileName) ? fileName : `${fileName}.pdf`;
  const ascii = name.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "_") || "convention-signee.pdf";
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function GET(_request: Request, { params }: { params: Promise<{ id: string; copyId: string }> }) {
  const { id, copyId } = await params;
  const access = await checkConvention(await currentActor(), "convention.read", id);
  if (!access.ok) return deniedResponse(access);
  const copy = /^[0-9a-f-]{36}$/i.test(copyId)
    ? await db().signedCopy.findFirst({ where: { id: copyId, conventionId: access.conventionId }, select: { fileName: true, content: true, sha256: true, sizeBytes: true } })
    : null;
  if (!copy) return Response.json({ code: "NOT_FOUND", erreur: messageOf(failure("NOT_FOUND")) }, { status: 404 });
  return new Response(new Uint8Array(copy.content), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": disposition(copy.fileName),
      "Content-Length": String(copy.sizeBytes),
      "Digest": `sha-256=${Buffer.from(copy.sha256, "hex").toString("base64")}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
