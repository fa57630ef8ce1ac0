// Ticket journey: a customer raises a request with an attachment; an agent takes it from
// Unassigned, writes a note and a public reply and sets it pending; the customer sees the reply but
// never the note, answers, and the ticket opens again; an agent finds it by a word of that answer.
// The customer and the agent each work in a window of their own; both sign out from a ticket page at the end.
import { test, expect, atPath, h1, mainNav, signOut, signUp, stateOf, uniqueEmail, DEMO, DEMO_PASSWORD } from "./helpers";

test("a request goes from the portal to an agent and back", async ({ page: customer, ownSession }) => {
  const email = uniqueEmail();
  const password = "ticket-journey-password";
  const subject = `VPN drops ${Date.now()}`;

  await signUp(customer, "Ticket Customer", email, password);
  await customer.getByRole("link", { name: "New request", exact: true }).click();
  await expect(customer).toHaveURL(atPath("/portal/new"));
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Category").selectOption({ label: "Technical" });
  await customer.getByLabel("Description").fill("The VPN drops **every hour**.");
  await customer.getByLabel("Attachments").setInputFiles({
    name: "router <log>.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("09:00 tunnel down\n10:00 tunnel down\n"),
  });
  await customer.getByRole("button", { name: "Send request", exact: true }).click();
  await expect(customer).toHaveURL(/\/portal\/tickets\/\d+$/);
  const ticketPath = new URL(customer.url()).pathname;
  const ticketId = ticketPath.split("/").pop();
  await expect(h1(customer, subject)).toBeVisible();
  await expect(customer.locator(".message-body strong", { hasText: "every hour" })).toBeVisible();
  const attachment = customer.getByRole("link", { name: "router <log>.txt", exact: true });
  await expect(attachment).toBeVisible();
  const download = await customer.request.get((await attachment.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await download.text()).toContain("tunnel down");

  // The agent signs out at the end, so they get a session of this journey's own rather than the shared one.
  const agent = await ownSession(DEMO.agent, DEMO_PASSWORD);
  await agent.goto("/agent");
  await expect(agent.getByRole("navigation", { name: "Queues" }).getByRole("link", { name: /Unassigned/ })).toHaveAttribute("aria-current", "page");
  await agent.getByRole("link", { name: subject, exact: true }).click();
  await expect(agent).toHaveURL(atPath(`/agent/tickets/${ticketId}`));
  await expect(agent.getByRole("link", { name: "router <log>.txt", exact: true })).toBeVisible();

  await agent.getByRole("button", { name: "Assign to me", exact: true }).click();
  await expect(agent.locator("#field-assignee_id option:checked")).toHaveText("Alex Agent");

  await agent.getByLabel("Internal note").check();
  await agent.getByLabel("Message", { exact: true }).fill("Check the firewall logs first");
  await agent.getByRole("button", { name: "Send", exact: true }).click();
  await expect(agent.locator(".message-internal", { hasText: "Check the firewall logs first" })).toBeVisible();

  await agent.getByLabel("Reply to customer").check();
  await agent.getByLabel("Message", { exact: true }).fill("Please restart the router and tell us.");
  await agent.getByRole("button", { name: "Send", exact: true }).click();
  await expect(agent.locator(".message:not(.message-internal)", { hasText: "Please restart the router" })).toBeVisible();

  await agent.getByRole("main").getByLabel("Status", { exact: true }).selectOption({ label: "Pending" });
  await agent.getByLabel("Tags").fill("VPN, network");
  await agent.getByRole("button", { name: "Save changes", exact: true }).click();
  await expect(agent.locator(".page-header .badge-status-pending")).toHaveText("Pending");
  await expect(agent.locator(".page-header .badge-tag")).toHaveText(["#vpn", "#network"]);

  // The customer, still signed in, goes back to their requests.
  await mainNav(customer).getByRole("link", { name: "My requests", exact: true }).click();
  await expect(customer).toHaveURL(atPath("/portal"));
  const row = customer.getByRole("row").filter({ hasText: subject });
  await expect(row).toContainText("Pending");
  await row.getByRole("link", { name: subject }).click();
  await expect(customer).toHaveURL(atPath(ticketPath));
  await expect(customer.getByText("Please restart the router and tell us.")).toBeVisible();
  await expect(customer.getByText("Check the firewall logs first")).toHaveCount(0);
  await expect(customer.locator(".badge-tag"), "tags are the agents' own").toHaveCount(0);
  const word = `quokka${Date.now()}`;
  await customer.getByLabel("Message", { exact: true }).fill(`Restarted, still dropping. The ${word} light blinks.`);
  await customer.getByRole("button", { name: "Send", exact: true }).click();
  await expect(customer.getByText("Restarted, still dropping.")).toBeVisible();
  await expect(customer.locator(".page-header .badge-status-open")).toHaveText("Open");
  await signOut(customer);

  // The word is only in the customer's last message, not in the subject.
  await mainNav(agent).getByRole("link", { name: "Workspace", exact: true }).click();
  await expect(agent).toHaveURL(atPath("/agent"));
  await agent.getByRole("searchbox", { name: "Search tickets" }).fill(word);
  await agent.getByRole("button", { name: "Search", exact: true }).click();
  await expect(agent).toHaveURL(/\/agent\?q=/);
  const found = agent.getByRole("row").filter({ hasText: subject });
  await expect(found).toHaveCount(1);
  await expect(agent.getByRole("row")).toHaveCount(2);
  await found.getByRole("link", { name: subject }).click();
  await expect(agent).toHaveURL(atPath(`/agent/tickets/${ticketId}`));
  // Signing out from a ticket page tears the page down cleanly (no panic on the way out).
  await signOut(agent);
});

test.describe("signed in as the demo customer", () => {
  test.use({ storageState: stateOf("customer") });

  test("a new request without a subject is refused with field errors", async ({ page }) => {
    await page.goto("/portal/new");
    await page.getByRole("button", { name: "Send request", exact: true }).click();
    await expect(page.locator("p.field-error", { hasText: "Enter a subject" })).toBeVisible();
    await expect(page.locator("p.field-error", { hasText: "Write a message" })).toBeVisible();
    await expect(page).toHaveURL(atPath("/portal/new"));
  });
});
