// The one day the tests run on, whatever the day they are run: the integration tests' clock is fixed at it
// (tests/support/fixed-clock.ts, a setup file of the integration project), the template database is seeded on
// it (tests/support/db-global-setup.ts: the demo's fictitious FAST16-DEMO is dated from it), and the
// end-to-end server runs with TEST_CLOCK set to it (playwright.config.ts). Expected figures and dates in
// the tests are literals worked out from it.
//
// On this day the demo's FAST16-DEMO (prisma/seed/fast14.ts demoFictive) was signed on 2026-04-03, ends on
// 2027-04-03, has its mid-term review due on 2026-06-03, and is in force.
export const TEST_TODAY = "2026-12-03";
