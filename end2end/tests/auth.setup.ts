// Signs each demo person in once per Playwright run, through the real sign-in form, checks they land on their
// role's home page, and saves their session for the journeys that are not about signing in (helpers' `stateOf`).
// Runs before the js and nojs projects (their dependency), so every run (one server, one database) gets sessions of
// its own. The journeys about signing in, signing up, signing out, access control and passwords still sign in for real.
import { test, expect, atPath, field, h1, stateOf, PEOPLE, DEMO_PASSWORD, type Person } from "./helpers";

// The customer, the agent and Robin (a manager) go through the hydrated form, the admin and Sam (staff too) through the plain HTML
// form, so each role's landing page is checked both ways (the customer's again by the sign-up journeys).
const WITH_JAVASCRIPT: Record<Person, boolean> = { customer: true, agent: true, admin: false, sam: false, robin: true };

test("sign the demo people in and keep their sessions", async ({ browser, consoleGuard }) => {
  // Side by side, each in a browser context of their own.
  await Promise.all(
    (Object.keys(PEOPLE) as Person[]).map((who) =>
      test.step(`sign in as the demo ${who}`, async () => {
        const js = WITH_JAVASCRIPT[who];
        const context = await browser.newContext({ javaScriptEnabled: js });
        try {
          const page = await context.newPage();
          // As in the journeys, only pages with JavaScript are held to a clean console.
          if (js) consoleGuard.watch(page);
          await page.goto("/signin");
          await expect(h1(page, "Sign in")).toBeVisible();
          if (js) await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 20_000 });
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
