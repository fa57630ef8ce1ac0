// Time tracking: an agent times their work on a ticket with the timer (with JavaScript) or types it (without), logs
// it with a note, is told plainly when what they typed is not a time, and logs more with a reply; the ticket's total
// and history follow.
import type { Page } from "@playwright/test";
import { test, expect, call, h1, jsOn, stateOf } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function hydrated(page: Page): Promise<void> {
  if (jsOn()) await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 20_000 });
}

test.use({ storageState: stateOf("agent") });

test("an agent logs time with the timer and with a reply", async ({ page, people }) => {
  const customer = await people("customer");
  const subject = `Scanner offline ${unique()}`;
  const id = String(await call(customer.request, "create_ticket", { subject, body: "The scanner shows offline." }));
  await page.goto(`/agent/tickets/${id}`);
  await expect(h1(page, subject)).toBeVisible();
  await hydrated(page);
  const card = () => page.getByRole("region", { name: "Time", exact: true });
  await expect(card().getByText("No time logged yet.")).toBeVisible();
  const log = () => card().getByRole("form", { name: "Log time", exact: true });
  const spent = () => log().getByLabel("Time spent", { exact: true });

  if (jsOn()) {
    await log().getByRole("button", { name: "Start timer", exact: true }).click();
    await expect(log().getByRole("timer")).not.toHaveText("0:00:00");
    await log().getByRole("button", { name: "Stop timer", exact: true }).click();
    await expect(spent()).toHaveValue("1m");
  } else {
    await expect(log().getByRole("button", { name: "Start timer", exact: true })).toBeHidden();
    await spent().fill("1m");
  }
  await log().getByLabel("What you did (optional)").fill("Restarted the scanner");
  await log().getByRole("button", { name: "Log time", exact: true }).click();
  await expect(card()).toContainText("Total: 1 min");
  await expect(card()).toContainText("Restarted the scanner");

  await spent().fill("soon");
  await log().getByRole("button", { name: "Log time", exact: true }).click();
  await expect(log().getByText("Write the time as 45m, 1h 30m, 1:30 or 2.5h")).toBeVisible();

  await page.getByLabel("Message", { exact: true }).fill("The scanner is back online.");
  await page.getByLabel("Time spent (optional)").fill("1h 30m");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByText("The scanner is back online.")).toBeVisible();
  await expect(card()).toContainText("Total: 1 h 31 min");
  await expect(page.getByText("Alex Agent logged 1 h 30 min")).toBeVisible();
});
