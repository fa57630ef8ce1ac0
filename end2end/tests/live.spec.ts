// Live desk journeys: two people in two browsers. The board follows another agent's change
// without a reload; a card dragged to another column changes the ticket's status (with JavaScript
// off, the card's Move form does it); a customer sees an agent's reply and status change arrive;
// agents see each other on a ticket. Without JavaScript nothing is live: a reload shows changes.
// Everyone starts from the shared demo sessions: `page` is the demo agent's unless a journey says otherwise.
import type { Page } from "@playwright/test";
import { test, expect, call, jsOn, stateOf, DEMO } from "./helpers";

const isJs = () => jsOn();

test.use({ storageState: stateOf("agent") });

/** Waits until the page's live stream is open, so no change can slip by before it. */
async function streamOpen(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 20_000 });
  await expect(page.locator("header.topbar")).toHaveAttribute("data-live", "connected", { timeout: 15_000 });
}

const column = (page: Page, title: string) =>
  page.locator(".board-column").filter({ has: page.getByRole("heading", { name: new RegExp(`^${title}\\b`) }) });

const card = (page: Page, subject: string) => page.locator(".board-card").filter({ hasText: subject });

/** A ticket for the demo customer, made by the signed-in agent of `page`; returns its id and subject. */
async function newTicket(page: Page, word: string): Promise<{ id: string; subject: string }> {
  const subject = `Board ${word} ${Date.now()}`;
  const id = await call(page.request, "create_ticket", {
    subject,
    body: "Made for a live journey",
    requester_email: DEMO.customer,
  });
  return { id: String(id), subject };
}

test("another agent's change moves the card on the board without a reload", async ({ page, people }) => {
  const word = `wombat${Date.now()}`;
  const { id, subject } = await newTicket(page, word);
  await page.goto(`/agent/board?group=status&q=${word}`);
  await expect(card(page, subject)).toHaveCount(1);
  await expect(column(page, "New").locator(".board-card")).toContainText(subject);
  const pending = await column(page, "Pending").getAttribute("data-column");

  const other = await people("sam");
  if (isJs()) await streamOpen(page);
  await call(other.request, "bulk_update_tickets", { "ticket_ids[0]": id, status_id: pending! });

  if (isJs()) {
    await expect(column(page, "Pending").locator(".board-card")).toContainText(subject, { timeout: 10_000 });
    await expect(column(page, "New").locator(".board-card")).toHaveCount(0);
  } else {
    await expect(column(page, "New").locator(".board-card"), "nothing live without JavaScript").toContainText(subject);
    await page.reload();
    await expect(column(page, "Pending").locator(".board-card")).toContainText(subject);
  }
});

test("dragging a card, or its Move form, changes the ticket's status", async ({ page }) => {
  const word = `numbat${Date.now()}`;
  const { id, subject } = await newTicket(page, word);
  await page.goto(`/agent/board?group=status&q=${word}`);
  await expect(column(page, "New").locator(".board-card")).toContainText(subject);

  if (isJs()) {
    await streamOpen(page);
    await card(page, subject).dragTo(column(page, "Open"));
  } else {
    await card(page, subject).getByLabel(/^Move .* to$/).selectOption({ label: "Open" });
    await card(page, subject).getByRole("button", { name: "Move", exact: true }).click();
    await expect(page).toHaveURL(/\/agent\/board\?group=status/);
  }
  await expect(column(page, "Open").locator(".board-card")).toContainText(subject);
  if (isJs()) await expect(page.getByRole("status").filter({ hasText: "Changed 1 ticket." })).toBeVisible();
  await expect(column(page, "New").locator(".board-card")).toHaveCount(0);

  await page.goto(`/agent/tickets/${id}`);
  await expect(page.locator(".page-header .badge-status-open")).toHaveText("Open");
  await expect(page.locator(".timeline")).toContainText("Open");
});

test.describe("signed in as the demo customer", () => {
  test.use({ storageState: stateOf("customer") });

  test("a customer sees an agent's reply and status change arrive without a reload", async ({ page, people }) => {
    test.skip(!isJs(), "without JavaScript the page shows changes on reload, which the ticket journey covers");
    const subject = `Live reply ${Date.now()}`;
    const id = String(await call(page.request, "create_ticket", { subject, body: "Is anyone there?" }));
    await page.goto(`/portal/tickets/${id}`);
    await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
    await streamOpen(page);

    const agent = await people("agent");
    await call(agent.request, "add_message", { ticket_id: id, body: "Yes, **we are** here." });
    await expect(page.locator(".message-body strong", { hasText: "we are" })).toBeVisible({ timeout: 10_000 });
    await call(agent.request, "add_message", { ticket_id: id, visibility: "internal", body: "Internal: keep an eye on this" });
    await agent.goto(`/agent/board?group=status&q=${encodeURIComponent(`"${subject}"`)}`);
    const pending = await column(agent, "Pending").getAttribute("data-column");
    await call(agent.request, "bulk_update_tickets", { "ticket_ids[0]": id, status_id: pending! });
    await expect(page.locator(".page-header .badge-status-pending")).toHaveText("Pending", { timeout: 10_000 });
    await expect(page.getByText("Internal: keep an eye on this"), "notes never reach customers").toHaveCount(0);
  });
});

test("agents on the same ticket see each other viewing and typing", async ({ page, people }) => {
  test.skip(!isJs(), "presence needs open pages that send heartbeats");
  const { id } = await newTicket(page, `quoll${Date.now()}`);
  await page.goto(`/agent/tickets/${id}`);
  await streamOpen(page);

  const sam = await people("sam");
  await sam.goto(`/agent/tickets/${id}`);
  await streamOpen(sam);
  await expect(page.locator(".presence")).toHaveText("Sam Rivera is also viewing this ticket.", { timeout: 10_000 });
  await sam.getByLabel("Message", { exact: true }).pressSequentially("Looking into it");
  await expect(page.locator(".presence")).toHaveText("Sam Rivera is typing a reply…", { timeout: 10_000 });

  // Alex starts a draft; Sam sends first, so Alex is told before sending.
  await page.getByLabel("Message", { exact: true }).fill("My draft");
  await sam.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Someone added to this conversation while you were typing" })).toBeVisible({
    timeout: 10_000,
  });
  // Leaving through the app (not a full unload) says goodbye at once.
  await sam.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Workspace", exact: true }).click();
  await expect(page.locator(".presence")).toBeEmpty({ timeout: 10_000 });
});
