// The security headers of every response, built in one place (src/proxy.ts applies them). Scripts run only
// with the request's nonce ('strict-dynamic' lets the nonced Next and DSFR bundles load their chunks).
// Styles allow 'unsafe-inline': DSFR components and React write style attributes, which nonces cannot
// cover; inline style cannot run code, the script policy is the one that matters.

export interface SecurityOptions {
  nonce: string;
  /** Development needs eval for React refresh. */
  dev: boolean;
  /** Served over HTTPS (HSTS and upgrade-insecure-requests only make sense then). */
  https: boolean;
  /** Origins a form may post or redirect to besides ours (ProConnect's sign-in). */
  formTargets: readonly string[];
}

export function contentSecurityPolicy(o: SecurityOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${o.nonce}' 'strict-dynamic'${o.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${o.formTargets.map((t) => ` ${t}`).join("")}`,
    "frame-ancestors 'none'",
    ...(o.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(o: SecurityOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(o),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(o.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** The origin of a URL, or null when it is not a URL (a misconfigured issuer adds nothing to the policy). */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
