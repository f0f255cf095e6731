// Runs before every page and route: a fresh nonce per request, passed to the app (x-nonce, and the CSP
// request header from which Next nonces its own scripts), and the security headers on the response.
import { NextResponse, type NextRequest } from "next/server";
import { originOf, securityHeaders } from "./server/security/headers";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const https = (process.env.AUTH_URL ?? "").startsWith("https:") || request.nextUrl.protocol === "https:";
  const proConnect = originOf(process.env.PROCONNECT_ISSUER);
  const headers = securityHeaders({ nonce, dev: process.env.NODE_ENV !== "production", https, formTargets: proConnect ? [proConnect] : [] });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Next's own files (static chunks, images, the development server's hot-reload socket) and the static files
  // of public/ (favicon.ico; dsfr/, where react-dsfr's copy-dsfr-to-public would put the DSFR) need no nonce;
  // everything else (pages, routes, server actions) gets the headers — but the Chorus upload: Next buffers a
  // proxied request's body up to 10 MB (experimental.proxyClientMaxBodySize) and silently drops the rest, so
  // that route streams its body unproxied and sets the same headers itself.
  // The signed copy's upload (a scan up to 20 MB) streams its body unproxied for the same reason.
  matcher: [{ source: "/((?!_next/|favicon.ico|dsfr/|conventions/[^/]+/depenses/import/fichier$|conventions/[^/]+/copie-signee$).*)" }],
};
