// Signs each demo person in once per Playwright run, through the real sign-in form, checks they land on their
// role's home page, and saves their session for the journeys that are not about signing in (helpers' `stateOf`).
// Runs before the js and nojs projects (their dependency), so every run (one server, one database) gets sessions of
// its own. The journeys about signing in, signing up, signing out, access control and passwords still sign in for real.
import { test, expect, atPath, signIn, stateOf, PEOPLE, DEMO_PASSWORD, type Person } from "./helpers";

for (const who of Object.keys(PEOPLE) as Person[]) {
  test(`sign in as the demo ${who} and keep the session`, async ({ page }) => {
    await signIn(page, PEOPLE[who].email, DEMO_PASSWORD);
    await expect(page).toHaveURL(atPath(PEOPLE[who].home));
    await page.context().storageState({ path: stateOf(who) });
  });
}
