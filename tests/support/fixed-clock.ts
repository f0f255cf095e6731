// Setup file of the integration tests (vitest.config.ts): the app's clock (src/server/clock.ts) is frozen at
// TEST_TODAY in every test file, so no test depends on the day it runs. A test that needs another day calls
// fixClock itself.
import { fixClock } from "@/server/clock";
import { TEST_TODAY } from "./test-clock";

fixClock(TEST_TODAY);
