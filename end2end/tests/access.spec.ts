// Access control: customers get 403 on staff pages, anonymous visitors go to sign-in (and back via ?next), unknown pages 404.
import { test, expect, atPath, h1, expectHydrated, signIn, DEMO, DEMO_PASSWORD } from "./helpers";

test("a customer is refused the agent and admin pages", async ({ page }) => {
  await signIn(page, DEMO.customer, DEMO_PASSWORD);
  await expect(page).toHaveURL(atPath("/portal"));

  for (const path of ["/agent", "/admin", "/admin/users"]) {
    const response = await page.goto(path);
    expect(response?.status(), `HTTP status of ${path}`).toBe(403);
    await expect(h1(page, "Access denied")).toBeVisible();
  }
});

test("an anonymous visitor gets 404 for unknown pages and is sent to sign in for staff pages", async ({ page }, testInfo) => {
  const missing = await page.goto("/no-such-page");
  expect(missing?.status(), "HTTP status of /no-such-page").toBe(404);
  await expect(h1(page, "Page not found")).toBeVisible();

  await page.goto("/agent");
  await expect(page).toHaveURL((url) => url.pathname === "/signin" && url.searchParams.get("next") === "/agent");
  await expect(h1(page, "Sign in")).toBeVisible();
  await expectHydrated(page, testInfo);
});

test("signing in returns to the page named by ?next", async ({ page }) => {
  await signIn(page, DEMO.admin, DEMO_PASSWORD, "/signin?next=%2Fadmin%2Fteams");
  await expect(page).toHaveURL(atPath("/admin/teams"));
  await expect(h1(page, "Teams")).toBeVisible();
});
