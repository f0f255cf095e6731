// The session read of every page (auth() in src/server/auth.ts, issue 18): the cookie Auth.js wrote, decrypted
// with Auth.js's own decode, its expiry and the absolute lifetime enforced — the answers Auth.js's own auth()
// gave, without its HTTP round trip.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { ABSOLUTE_SESSION_SECONDS } from "./session-policy";

const SECRET = "test-secret-test-secret-test-secret-0123";
const jar = vi.hoisted(() => ({ cookies: [] as { name: string; value: string }[] }));
// Auth.js's Next.js wrapper is not loadable outside Next; the sign-in flows are not under test here.
vi.mock("next-auth", async () => {
  const errors = await import("@auth/core/errors");
  return { default: () => ({ handlers: {}, auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }), AuthError: errors.AuthError, CredentialsSignin: errors.CredentialsSignin };
});
vi.mock("next-auth/providers/credentials", () => ({ default: (options: unknown) => options }));
vi.mock("next/headers", () => ({
  cookies: async () => ({ getAll: () => jar.cookies }),
  headers: async () => new Headers(),
}));
vi.mock("./env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./env")>();
  return { ...actual, env: () => ({ ...actual.env(), AUTH_SECRET: SECRET }) };
});
const { auth } = await import("./auth");

const USER = { sub: "6f1c2b7e-1d2a-4c55-9a0e-3f4b5c6d7e8f", name: "Camille Martin", email: "camille@dinum.example.fr", organisationId: "org-1", role: "PILOTE_FAST" };
const now = () => Math.floor(Date.now() / 1000);

async function cookie(name: string, claims: Record<string, unknown>, options: { secret?: string; maxAge?: number } = {}) {
  return { name, value: await encode({ token: claims, secret: options.secret ?? SECRET, salt: name, maxAge: options.maxAge }) };
}

describe("auth(): the request's session", () => {
  beforeEach(() => {
    jar.cookies = [];
  });

  it("reads the signed-in user from Auth.js's cookie", async () => {
    jar.cookies = [await cookie("authjs.session-token", { ...USER, loginAt: now() })];
    const session = await auth();
    expect(session?.user).toEqual({ id: USER.sub, name: USER.name, email: USER.email, organisationId: "org-1", role: "PILOTE_FAST" });
  });

  it("reads the __Secure- cookie set over https", async () => {
    jar.cookies = [await cookie("__Secure-authjs.session-token", { ...USER, loginAt: now() })];
    expect((await auth())?.user.id).toBe(USER.sub);
  });

  it("joins a cookie Auth.js split in chunks", async () => {
    const whole = await cookie("authjs.session-token", { ...USER, loginAt: now(), padding: "x".repeat(5000) });
    const half = Math.ceil(whole.value.length / 2);
    jar.cookies = [
      { name: "authjs.session-token.1", value: whole.value.slice(half) },
      { name: "authjs.session-token.0", value: whole.value.slice(0, half) },
    ];
    expect((await auth())?.user.id).toBe(USER.sub);
  });

  it("is signed out without a cookie, with another secret's cookie, a cookie salted for another name, or garbage", async () => {
    expect(await auth()).toBeNull();
    jar.cookies = [await cookie("authjs.session-token", { ...USER, loginAt: now() }, { secret: "another-secret-another-secret-another-00" })];
    expect(await auth()).toBeNull();
    const other = await cookie("__Secure-authjs.session-token", { ...USER, loginAt: now() });
    jar.cookies = [{ name: "authjs.session-token", value: other.value }];
    expect(await auth()).toBeNull();
    jar.cookies = [{ name: "authjs.session-token", value: "not-a-jwe" }];
    expect(await auth()).toBeNull();
  });

  it("is signed out once the cookie's token has expired", async () => {
    jar.cookies = [await cookie("authjs.session-token", { ...USER, loginAt: now() }, { maxAge: -60 })];
    expect(await auth()).toBeNull();
  });

  it("is signed out after the absolute lifetime from the sign-in, or without a sign-in time", async () => {
    jar.cookies = [await cookie("authjs.session-token", { ...USER, loginAt: now() - ABSOLUTE_SESSION_SECONDS - 10 })];
    expect(await auth()).toBeNull();
    jar.cookies = [await cookie("authjs.session-token", { ...USER })];
    expect(await auth()).toBeNull();
  });
});
