// Signs each demo person in once per Playwright run, through the real sign-in form, checks they land on their
// role's home page, and saves their session for the journeys that are not about signing in (helpers' `stateOf`).
// Runs before the js and nojs projects (their dependency), so every run (one server, one database) gets sessions of
// its own. The journeys about signing in, signing up, signing out, access control and passwords still sign in for
// real, and they prove the sign-in page hydrates; this project runs without JavaScript (the plain form post), which
// needs no WebAssembly and is the cheapest way through the form.
import { test, expect, atPath, field, h1, stateOf, PEOPLE, DEMO_PASSWORD, type Person } from "./helpers";

test("sign the demo people in and keep their sessions", async ({ browser }) => {
  // Side by side, each in a browser context of their own.
  await Promise.all(
    (Object.keys(PEOPLE) as Person[]).map((who) =>
      test.step(`sign in as the demo ${who}`, async () => {
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto("/signin");
          await expect(h1(page, "Sign in")).toBeVisible();
          await field(page, "Email").fill(PEOPLE[who].email);
          await field(page, "Password").fill(DEMO_PASSWORD);
          await page.getByRole("button", { name: "Sign in", exact: true }).click();
          await expect(page).toHaveURL(atPath(PEOPLE[who].home));
          await context.storageState({ path: stateOf(who) });
        } finally {
          await context.close();
        }
      }),
    ),
  );
});
