// Ticket journey: a customer raises a request with an attachment; an agent takes it from
// Unassigned, writes a note and a public reply and sets it pending; the customer sees the reply but
// never the note, answers, and the ticket opens again; an agent finds it by a word of that answer.
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
  await page.getByLabel("Attachments").setInputFiles({
    name: "router <log>.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("09:00 tunnel down\n10:00 tunnel down\n"),
  });
  await page.getByRole("button", { name: "Send request", exact: true }).click();
  await expect(page).toHaveURL(/\/portal\/tickets\/\d+$/);
  const ticketPath = new URL(page.url()).pathname;
  const ticketId = ticketPath.split("/").pop();
  await expect(h1(page, subject)).toBeVisible();
  await expect(page.locator(".message-body strong", { hasText: "every hour" })).toBeVisible();
  const attachment = page.getByRole("link", { name: "router <log>.txt", exact: true });
  await expect(attachment).toBeVisible();
  const download = await page.request.get((await attachment.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(download.headers()["x-content-type-options"]).toBe("nosniff");
  expect(await download.text()).toContain("tunnel down");
  await signOut(page);

  await signIn(page, DEMO.agent, DEMO_PASSWORD);
  await expect(page).toHaveURL(atPath("/agent"));
  await expect(page.getByRole("navigation", { name: "Queues" }).getByRole("link", { name: /Unassigned/ })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: subject, exact: true }).click();
  await expect(page).toHaveURL(atPath(`/agent/tickets/${ticketId}`));
  await expect(page.getByRole("link", { name: "router <log>.txt", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Assign to me", exact: true }).click();
  await expect(page.locator("#field-assignee_id option:checked")).toHaveText("Alex Agent");

  await page.getByLabel("Internal note").check();
  await page.getByLabel("Message", { exact: true }).fill("Check the firewall logs first");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.locator(".message-internal", { hasText: "Check the firewall logs first" })).toBeVisible();

  await page.getByLabel("Reply to customer").check();
  await page.getByLabel("Message", { exact: true }).fill("Please restart the router and tell us.");
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
  const word = `quokka${Date.now()}`;
  await page.getByLabel("Message", { exact: true }).fill(`Restarted, still dropping. The ${word} light blinks.`);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByText("Restarted, still dropping.")).toBeVisible();
  await expect(page.locator(".page-header .badge-status-open")).toHaveText("Open");
  await signOut(page);

  // The word is only in the customer's last message, not in the subject.
  await signIn(page, DEMO.agent, DEMO_PASSWORD);
  await expect(page).toHaveURL(atPath("/agent"));
  await page.getByRole("searchbox", { name: "Search tickets" }).fill(word);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\/agent\?q=/);
  const found = page.getByRole("row").filter({ hasText: subject });
  await expect(found).toHaveCount(1);
  await expect(page.getByRole("row")).toHaveCount(2);
  await found.getByRole("link", { name: subject }).click();
  await expect(page).toHaveURL(atPath(`/agent/tickets/${ticketId}`));
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
