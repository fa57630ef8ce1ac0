// The audit log: an admin makes a change, opens the log from the admin area, narrows it to their own team changes,
// reads the entry's details, follows an older page, and sees a filter that does not hold explained with what they
// typed kept. With JavaScript on and off: the filters are a plain GET form.
import { test, expect, call, h1, stateOf, DEMO } from "./helpers";

test.use({ storageState: stateOf("admin") });

test("an admin finds a change in the audit log by who and what", async ({ page }) => {
  const name = `Audited team ${Date.now()}`;
  await call(page.request, "create_team", { name, description: "Made to be found" });

  await page.goto("/admin");
  await page.getByRole("link", { name: "Audit log", exact: true }).click();
  await expect(h1(page, "Audit log")).toBeVisible();
  const filters = page.getByRole("form", { name: "Filter the audit log" });
  await filters.getByLabel("Who", { exact: true }).fill(DEMO.admin);
  await filters.getByLabel("What", { exact: true }).fill("team");
  await filters.getByLabel("Object", { exact: true }).selectOption("team");
  await filters.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(/[?&]action=team(&|$)/);

  const entries = page.getByRole("table", { name: "Audit entries, newest first" });
  const newest = entries.getByRole("row").nth(1);
  await expect(newest.getByRole("cell").nth(3)).toHaveText("team.create");
  await newest.getByText(/^Details of entry \d+$/).click();
  await expect(newest.getByText(name)).toBeVisible();
  // Every row is the admin's own team change.
  for (const action of await entries.locator("tbody tr td:nth-child(4)").allTextContents()) {
    expect(action.startsWith("team.")).toBe(true);
  }

  // The whole log pages back in time.
  await page.goto("/admin/audit");
  await page.getByRole("link", { name: "Older entries", exact: true }).click();
  await expect(page).toHaveURL(/[?&]before=\d+/);
  await expect(entries.getByRole("row").nth(1)).toBeVisible();

  await filters.getByLabel("Who", { exact: true }).fill("nobody");
  await filters.getByLabel("From", { exact: true }).fill("2026-02-01");
  await filters.getByLabel("To", { exact: true }).fill("2026-01-01");
  await filters.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(filters.getByText("Enter an email address, or system")).toBeVisible();
  await expect(filters.getByText("The last day comes before the first")).toBeVisible();
  await expect(filters.getByLabel("Who", { exact: true })).toHaveValue("nobody");
});
