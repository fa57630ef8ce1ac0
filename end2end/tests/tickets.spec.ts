// Ticket journey: a customer raises a request; an agent takes it from Unassigned, writes a note
// and a public reply and sets it pending; the customer sees the reply but never the note, answers,
// and the ticket opens again.
import { test, expect, atPath, h1, signIn, signOut, signUp, uniqueEmail, DEMO, DEMO_PASSWORD } from "./helpers";

test("a request goes from the portal to an agent and back", async ({ page }) => {
  const email = uniqueEmail();
  const password = "ticket-journey-password";
  const subject = `VPN drops ${Date.now()}`;

  await signUp(page, "Ticket Customer", email, password);
  await page.getByRole("link", { name: "New request", exact: true }).click();
  await expect(page).toHaveURL(atPath("/portal/new"));
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Category").selectOption({ label: "Technical" });
  await page.getByLabel("Description").fill("The VPN drops **every hour**.");
  await page.getByRole("button", { name: "Send request", exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/tickets\/\d+$/);
  const ticketPath = new URL(page.url()).pathname;
  const ticketId = ticketPath.split("/").pop();
  await expect(h1(page, subject)).toBeVisible();
  await expect(page.locator(".message-body strong", { hasText: "every hour" })).toBeVisible();
  await signOut(page);

  await signIn(page, DEMO.agent, DEMO_PASSWORD);
  await expect(page).toHaveURL(atPath("/agent"));
  await expect(page.getByRole("navigation", { name: "Queues" }).getByRole("link", { name: /Unassigned/ })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: subject, exact: true }).click();
  await expect(page).toHaveURL(atPath(`/agent/tickets/${ticketId}`));

  await page.getByRole("button", { name: "Assign to me", exact: true }).click();
  await expect(page.locator("#field-assignee_id option:checked")).toHaveText("Alex Agent");

  await page.getByLabel("Internal note").check();
  await page.getByLabel("Message").fill("Check the firewall logs first");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator(".message-internal", { hasText: "Check the firewall logs first" })).toBeVisible();

  await page.getByLabel("Reply to customer").check();
  await page.getByLabel("Message").fill("Please restart the router and tell us.");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator(".message:not(.message-internal)", { hasText: "Please restart the router" })).toBeVisible();

  await page.getByLabel("Status").selectOption({ label: "Pending" });
  await page.getByLabel("Tags").fill("VPN, network");
  await page.getByRole("button", { name: "Save changes", exact: true }).click();
  await expect(page.locator(".page-header .badge-status-pending")).toHaveText("Pending");
  await expect(page.locator(".page-header .badge-tag")).toHaveText(["#vpn", "#network"]);
  await signOut(page);

  await signIn(page, email, password);
  await expect(page).toHaveURL(atPath("/portal"));
  const row = page.getByRole("row").filter({ hasText: subject });
  await expect(row).toContainText("Pending");
  await row.getByRole("link", { name: subject }).click();
  await expect(page).toHaveURL(atPath(ticketPath));
  await expect(page.getByText("Please restart the router and tell us.")).toBeVisible();
  await expect(page.getByText("Check the firewall logs first")).toHaveCount(0);
  await expect(page.locator(".badge-tag"), "tags are the agents' own").toHaveCount(0);
  await page.getByLabel("Message").fill("Restarted, still dropping.");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByText("Restarted, still dropping.")).toBeVisible();
  await expect(page.locator(".page-header .badge-status-open")).toHaveText("Open");
});

test("a new request without a subject is refused with field errors", async ({ page }) => {
  await signIn(page, DEMO.customer, DEMO_PASSWORD);
  await expect(page).toHaveURL(atPath("/portal"));
  await page.goto("/portal/new");
  await page.getByRole("button", { name: "Send request", exact: true }).click();
  await expect(page.locator("p.field-error", { hasText: "Enter a subject" })).toBeVisible();
  await expect(page.locator("p.field-error", { hasText: "Write a message" })).toBeVisible();
  await expect(page).toHaveURL(atPath("/portal/new"));
});
