// Staff journeys: the demo agent reaches the workspace without admin rights; the demo admin reaches the user list.
// Both start signed in (the setup signs them in through the form and checks they land on /agent).
import { test, expect, atPath, h1, mainNav, stateOf, DEMO } from "./helpers";

test.describe("agent", () => {
  test.use({ storageState: stateOf("agent") });

  test("the demo agent works in the workspace and has no admin link", async ({ page }) => {
    // Signed in, the landing page sends an agent home.
    await page.goto("/");
    await expect(page).toHaveURL(atPath("/agent"));
    await expect(h1(page, "Workspace")).toBeVisible();

    const nav = mainNav(page);
    await expect(nav.getByRole("link", { name: "Workspace", exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Account", exact: true })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  });
});

test.describe("admin", () => {
  test.use({ storageState: stateOf("admin") });

  test("the demo admin opens administration and the user list", async ({ page }) => {
    await page.goto("/agent");
    await expect(mainNav(page).getByRole("link", { name: "Workspace", exact: true })).toBeVisible();

    await mainNav(page).getByRole("link", { name: "Admin", exact: true }).click();
    await expect(page).toHaveURL(atPath("/admin"));
    await expect(h1(page, "Administration")).toBeVisible();

    await page.goto("/admin/users");
    await expect(h1(page, "Users")).toBeVisible();
    await expect(page.getByRole("table").getByText(DEMO.agent, { exact: true })).toBeVisible();
  });
});
