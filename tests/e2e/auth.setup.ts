// The set-up project (playwright.config.ts): each demo account signs in once per run, through the login
// form, and its browser state (the session cookie) is saved for the specs' loginAs. The session is a signed
// cookie naming the account: it stays valid on every spec file's fresh copy of the seeded database, where the
// account has the same id.
import { ACCOUNTS, expect, login, savedLogin, test } from "./fixtures";

for (const account of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) {
  test(`${account} signs in once`, async ({ page }) => {
    await login(page, ACCOUNTS[account]);
    // Generous: the first sign-in after start pays for argon2 and the database's first connection.
    await expect(page).toHaveURL(/\/conventions$/, { timeout: 20_000 });
    await page.context().storageState({ path: savedLogin(account) });
  });
}
