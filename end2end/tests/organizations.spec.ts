// Organizations and roles: an admin makes an organization with its email domains and adds and removes a member; a
// technician on a team that keeps to its own tickets finds only those; a manager runs their own team and no other.
import { test, expect, call, h1, mainNav, stateOf, DEMO_PASSWORD } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test.describe("admin", () => {
  test.use({ storageState: stateOf("admin") });

  test("an admin creates an organization with its domains, adds a customer to it and takes them out", async ({ page }) => {
    const name = `Umbrella ${unique()}`;
    const domain = `umbrella-${unique()}.example`;
    const email = `ada@${domain}`;
    await call(page.request, "invite_user", { name: "Ada Wong", email, role: "customer" });

    await page.goto("/admin");
    await page.getByRole("link", { name: "Organizations", exact: true }).click();
    await expect(h1(page, "Organizations")).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Email domains").fill(domain);
    await page.getByLabel("Members see each other's tickets").check();
    await page.getByRole("button", { name: "Create organization", exact: true }).click();
    await expect(h1(page, name)).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Organization created." })).toBeVisible();
    await expect(page.getByLabel("Members see each other's tickets")).toBeChecked();

    // A public mail provider is refused, and what was saved stays.
    await page.getByLabel("Email domains").fill(`${domain}\ngmail.com`);
    await page.getByRole("button", { name: "Save organization", exact: true }).click();
    await expect(page.getByText("Anyone can have an address at gmail.com").first()).toBeVisible();
    await page.goto(page.url().split("?")[0]);
    await expect(page.getByLabel("Email domains")).toHaveValue(domain);

    await page.getByLabel("Customer's email").fill(email);
    await page.getByRole("button", { name: "Add member", exact: true }).click();
    const row = page.getByRole("row").filter({ hasText: email });
    await expect(row).toContainText("Not proved yet");
    await page.getByRole("button", { name: `Remove ${email} from the organization`, exact: true }).click();
    await expect(page.getByText("Nobody belongs to this organization yet.")).toBeVisible();

    await page.goto("/admin/organizations");
    const listed = page.getByRole("row").filter({ hasText: name });
    await expect(listed).toContainText(domain);
    await expect(listed).toContainText("Shared");
  });
});

test("a technician on a team kept to its own tickets finds only that team's", async ({ ownSession }) => {
  const kai = await ownSession("kai.tanaka@example.com", DEMO_PASSWORD);
  await kai.goto("/agent?queue=all_open");
  const list = kai.getByRole("main");
  await expect(list.getByRole("link", { name: "Printer on the third floor jams every morning" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Badge reader at the loading dock is dead" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Called about a double charge on the last invoice" })).toHaveCount(0);

  // Another team's ticket does not exist for him, even by its address.
  const found = (await call(kai.request, "search_tickets", { q: "double charge" })) as { items: unknown[] };
  expect(found.items).toEqual([]);
  await kai.goto("/agent/tickets/1");
  await expect(h1(kai, "Page not found")).toBeVisible();
});

test("a manager renames and staffs their own team and reaches no other setting", async ({ ownSession }) => {
  const robin = await ownSession("robin.reyes@example.com", DEMO_PASSWORD);
  await robin.goto("/agent");
  await mainNav(robin).getByRole("link", { name: "My teams", exact: true }).click();
  await expect(h1(robin, "Teams")).toBeVisible();
  const support = robin.getByRole("region", { name: "Support" });
  await expect(support).toBeVisible();
  await expect(robin.getByRole("region", { name: "Billing" })).toHaveCount(0);
  await expect(robin.getByRole("heading", { name: "Create a team" })).toHaveCount(0);

  const description = `First line, ${unique()}`;
  await support.getByLabel("Description").fill(description);
  await support.getByRole("button", { name: "Save", exact: true }).click();
  await expect(robin.getByRole("region", { name: "Support" }).getByLabel("Description")).toHaveValue(description);

  const team = () => robin.getByRole("region", { name: "Support" });
  await team().getByLabel("Add an agent").selectOption({ label: "Priya Natarajan (priya.natarajan@example.com)" });
  await team().getByRole("button", { name: "Add", exact: true }).click();
  const remove = () => team().getByRole("button", { name: "Remove Priya Natarajan from Support", exact: true });
  await remove().click();
  await expect(remove()).toHaveCount(0);

  await robin.goto("/admin/users");
  await expect(h1(robin, "Access denied")).toBeVisible();
});
