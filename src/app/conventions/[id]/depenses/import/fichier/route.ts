// Upload of a Chorus extract: the body is the file itself, read as it arrives (never held whole), and the
// answer streams NDJSON: progress events while reading, then the preview — or, with mode=apply, the result
// of the all-or-nothing import. The access check is here; the import runs in its own process on PostgreSQL
// (src/server/chorus/import-host.ts). Same-origin only (route handlers do not get server actions' origin check).
// This route is left out of the proxy (src/proxy.ts): Next buffers a proxied request's body up to 10 MB and
// silently drops the rest; here the body streams whole, and the size the browser announced is checked
// against the bytes received.
import { z } from "zod";
import { checkConvention, currentActor } from "@/server/authz";
import { deniedResponse } from "@/server/api-guards";
import { CHORUS_FORMATS, type ChorusFormat } from "@/server/chorus/import";
import { chorusImportEvents } from "@/server/chorus/import-host";
import { securityHeaders } from "@/server/security/headers";
import { failure, messageOf, type Failure } from "@/domain/failures";

export const dynamic = "force-dynamic";

/** Far above a year of a convention's extracts (a 100 000-line extract is about 20 MB). */
const MAX_BYTES = 200 * 1024 * 1024;

const querySchema = z.object({
  mode: z.enum(["preview", "apply"]).default("preview"),
  format: z.enum(Object.keys(CHORUS_FORMATS) as [ChorusFormat, ...ChorusFormat[]]).optional().catch(undefined),
  name: z.string().trim().max(200).default("extrait-chorus"),
  /** For mode=apply: the fingerprint of the previewed file; a different file is refused. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** The file's size as the browser knows it (File.size): a body that arrives shorter or longer is refused. */
  size: z.coerce.number().int().min(0).optional(),
});

/** This route bypasses the proxy that sets the security headers on every other answer: it sets them itself. */
const HEADERS = (() => {
  const { "Content-Security-Policy": _csp, ...rest } = securityHeaders({ nonce: "", dev: false, https: (process.env.AUTH_URL ?? "").startsWith("https:"), formTargets: [] });
  return { ...rest, "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'" };
})();

function problem(status: number, refusal: Failure) {
  return Response.json({ code: refusal.code, erreur: messageOf(refusal) }, { status, headers: HEADERS });
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return origin !== null && host !== null && new URL(origin).host === host;
}

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await checkConvention(await currentActor(), "expenditure.record", id);
  if (!access.ok) {
    const denied = deniedResponse(access);
    for (const [name, value] of Object.entries(HEADERS)) denied.headers.set(name, value);
    return denied;
  }
  if (!sameOrigin(request)) return problem(403, failure("IMPORT_CROSS_ORIGIN"));
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return problem(400, failure("IMPORT_BAD_PARAMETERS"));
  const size = Number(request.headers.get("content-length") ?? "0");
  if (size > MAX_BYTES) return problem(413, failure("IMPORT_FILE_TOO_LARGE", { megabytes: Math.round(size / 1024 / 1024) }));
  if (!request.body) return problem(400, failure("IMPORT_NO_FILE"));
  const body = request.body as unknown as AsyncIterable<Uint8Array>;
  const { mode, format, name, sha256 } = query.data;
  const expectedBytes = query.data.size ?? (request.headers.has("content-length") ? size : undefined);

  const stream = chorusImportEvents(
    { conventionId: access.conventionId, actor: access.actor, mode, format, name, sha256, totalBytes: size || undefined, expectedBytes },
    body,
  );
  return new Response(stream, { headers: { ...HEADERS, "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
}
