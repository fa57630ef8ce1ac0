// Staff journeys: the demo agent reaches the workspace without admin rights; the demo admin reaches the user list.
import { test, expect, atPath, h1, mainNav, signIn, DEMO, DEMO_PASSWORD } from "./helpers";

test("the demo agent works in the workspace and has no admin link", async ({ page }) => {
  await signIn(page, DEMO.agent, DEMO_PASSWORD);
  await expect(page).toHaveURL(atPath("/agent"));
  await expect(h1(page, "Workspace")).toBeVisible();

  const nav = mainNav(page);
  await expect(nav.getByRole("link", { name: "Workspace", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Account", exact: true })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);

  // Signed in, the landing page sends an agent home.
  await page.goto("/");
  await expect(page).toHaveURL(atPath("/agent"));
});

test("the demo admin opens administration and the user list", async ({ page }) => {
  await signIn(page, DEMO.admin, DEMO_PASSWORD);
  await expect(page).toHaveURL(atPath("/agent"));
  await expect(mainNav(page).getByRole("link", { name: "Workspace", exact: true })).toBeVisible();

  await mainNav(page).getByRole("link", { name: "Admin", exact: true }).click();
  await expect(page).toHaveURL(atPath("/admin"));
  await expect(h1(page, "Administration")).toBeVisible();

  await page.goto("/admin/users");
  await expect(h1(page, "Users")).toBeVisible();
  await expect(page.getByRole("table").getByText(DEMO.agent, { exact: true })).toBeVisible();
});
