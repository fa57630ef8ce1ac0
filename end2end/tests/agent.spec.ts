// Staff journeys: the demo agent reaches the workspace without admin rights; the demo admin reaches the user list.
// Both start signed in (the setup signs them in through the form and checks they land on /agent).
import { test, expect, atPath, h1, jsOn, mainNav, stateOf, DEMO } from "./helpers";

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

  test("the admin sets after how many days solved tickets close", async ({ page }) => {
    await page.goto("/admin/statuses");
    await expect(h1(page, "Statuses")).toBeVisible();
    const section = page.getByRole("region", { name: "Closing solved tickets" });
    const days = section.getByLabel("Close solved tickets after (days)");
    const save = section.getByRole("button", { name: "Save", exact: true });

    await days.fill("400");
    await save.click();
    await expect(section.locator("p.field-error", { hasText: "from 0 (never) to 365" })).toBeVisible();

    for (const value of ["10", "7"]) {
      await days.fill(value);
      if (jsOn()) {
        await save.click();
        await expect(section.getByRole("status")).toHaveText(`Solved tickets now close after ${value} days.`);
      } else {
        // The plain form posts and is sent back to the page.
        await Promise.all([page.waitForEvent("load"), save.click()]);
      }
      await page.goto("/admin/statuses");
      await expect(days).toHaveValue(value);
    }
  });
});
