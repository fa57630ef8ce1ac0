// The calendar: an agent gives a ticket a due date on its page, finds it on that day of the calendar, and moves it to
// another day by dragging it (with JavaScript) or with its Move form (without); the ticket's history says so. The agent
// then makes a private calendar feed on their account page and reads the ticket in it, as a calendar application would.
import type { Locator, Page } from "@playwright/test";
import { test, expect, call, h1, jsOn, stateOf } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The UTC day `offset` days from today, as `YYYY-MM-DD`. */
const dayFromNow = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function hydrated(page: Page): Promise<void> {
  if (jsOn()) await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 20_000 });
}

const dayCell = (page: Page, day: string): Locator => page.locator(`td[data-day="${day}"]`);

test.use({ storageState: stateOf("agent") });

test("an agent moves a due date on the calendar and follows it in a feed", async ({ page, people }) => {
  const customer = await people("customer");
  const subject = `Office move ${unique()}`;
  const id = String(await call(customer.request, "create_ticket", { subject, body: "We move floors next month." }));
  // A Monday about six weeks ahead (inside the feed's year) and the Tuesday after it: one row of the month's grid,
  // whatever today is.
  const ahead = 40 + ((8 - new Date(Date.now() + 40 * 86_400_000).getUTCDay()) % 7);
  const due = dayFromNow(ahead);
  const moved = dayFromNow(ahead + 1);

  await page.goto(`/agent/tickets/${id}`);
  await expect(h1(page, subject)).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Assignee", { exact: true }).selectOption({ label: "Alex Agent" });
  await page.getByLabel("Due date", { exact: true }).fill(due);
  await page.getByRole("button", { name: "Save changes", exact: true }).click();
  await expect(page.getByText(`Alex Agent changed due date from none to ${due}`)).toBeVisible();

  await page.getByRole("link", { name: "Open the calendar", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Calendar", exact: true })).toBeVisible();
  await hydrated(page);
  const entry = (day: string) => dayCell(page, day).getByRole("listitem").filter({ hasText: subject });
  await expect(entry(due)).toBeVisible();
  await expect(entry(due)).toContainText("Due");

  if (jsOn()) {
    await entry(due).dragTo(dayCell(page, moved));
  } else {
    await entry(due).locator("summary").click();
    await entry(due).getByLabel(/^New due date for /).fill(moved);
    await entry(due).getByRole("button", { name: "Move", exact: true }).click();
  }
  await expect(entry(moved)).toBeVisible();
  await expect(entry(due)).toHaveCount(0);

  await entry(moved).getByRole("link").click();
  await expect(h1(page, subject)).toBeVisible();
  await expect(page.getByLabel("Due date", { exact: true })).toHaveValue(moved);
  await expect(page.getByText(`Alex Agent changed due date from ${due} to ${moved}`)).toBeVisible();

  // The feed's address is shown once; the secret in it is the only key (the feed never reads a session).
  await page.goto("/account");
  await hydrated(page);
  const card = page.getByRole("region", { name: "Calendar feed", exact: true });
  const make = card.getByRole("button", { name: /^(Make a calendar feed|Make a new address)$/ });
  await make.click();
  await expect(card.getByText("Copy it now: it will not be shown again.", { exact: false })).toBeVisible();
  const address = (await card.locator("code").innerText()).trim();
  expect(address).toMatch(/\/calendar\/[0-9a-f]{48}\.ics$/);
  const feed = await page.request.get(new URL(address).pathname);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  const text = await feed.text();
  expect(text).toContain(subject);
  expect(text).toContain(`DTSTART;VALUE=DATE:${moved.replaceAll("-", "")}`);
  await expect(card.getByText(/A feed address is live/)).toBeVisible();

  await card.getByRole("button", { name: "Stop the feed", exact: true }).click();
  await expect(card.getByText("You have no calendar feed.")).toBeVisible();
  expect((await page.request.get(new URL(address).pathname)).status()).toBe(404);
});
