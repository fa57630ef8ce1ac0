// Automations: a customer's ticket waits on them (an agent tags it and sets it pending); an admin tries conditions for
// it with the dry run, then adds a schedule rule that closes such tickets once they have stood unchanged for 5 days,
// and switches it on. The release binary's `docket automations run --in 5d1h` then runs the schedule rules as if that
// time had passed: the ticket is closed, its history names the rule, and the rule's execution log lists the ticket.
// Each run tags its ticket with a tag of its own, so the two projects (one server, one database) and reruns never
// touch each other's tickets; the rule is switched off again at the end.
import type { Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { test, expect, call, h1, jsOn, stateOf } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** With JavaScript, waits until the page has hydrated, so its forms are the app's own. */
async function hydrated(page: Page): Promise<void> {
  if (jsOn()) await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 20_000 });
}

/** Runs the desk's schedule rules with the release binary: now, or as if `ahead` (such as 5d1h) had passed. */
function runAutomations(ahead?: string): string {
  const docket = process.env.DOCKET_E2E_DOCKET;
  const databaseUrl = process.env.DOCKET_E2E_DATABASE_URL;
  const dataDir = process.env.DOCKET_E2E_DATA_DIR;
  if (!docket || !databaseUrl || !dataDir) {
    throw new Error(
      "this journey runs `docket automations run`: set DOCKET_E2E_DOCKET (the release binary), DOCKET_E2E_DATABASE_URL " +
        "and DOCKET_E2E_DATA_DIR to the server's own (scripts/test-all does)",
    );
  }
  return execFileSync(docket, ["automations", "run", ...(ahead ? ["--in", ahead] : [])], {
    env: { ...process.env, DOCKET_DATABASE_URL: databaseUrl, DOCKET_DATA_DIR: dataDir },
    encoding: "utf8",
    // Its log (migrations) is kept out of the report; a failure's error carries it.
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
}

test.use({ storageState: stateOf("admin") });

test("a pending-for-5-days rule closes a ticket (test clock)", async ({ page, people }) => {
  test.setTimeout(90_000);
  const run = unique();
  const tag = `e2e-auto-${run}`;
  const name = `Close stale ${run}`;
  const subject = `Label printer ${run} offline`;
  const conditions = `status:pending tag:${tag}`;

  // The customer asks; an agent asks them something back, tags the ticket and sets it pending.
  const customer = await people("customer");
  const id = String(await call(customer.request, "create_ticket", { subject, body: "The label printer shows offline." }));
  const agent = await people("agent");
  await agent.goto(`/agent/tickets/${id}`);
  await expect(h1(agent, subject)).toBeVisible();
  await hydrated(agent);
  const main = agent.getByRole("main");
  await main.getByLabel("Status", { exact: true }).selectOption({ label: "Pending" });
  await main.getByLabel("Tags", { exact: true }).fill(tag);
  await main.getByRole("button", { name: "Save changes", exact: true }).click();
  await expect(agent.locator(".page-header .badge-status-pending")).toHaveText("Pending");
  await expect(agent.locator(".page-header .badge-tag")).toHaveText(`#${tag}`);
  const reference = await agent.locator(".page-header p.muted").first().innerText();

  // The admin tries the conditions first.
  await page.goto("/admin/automations");
  await expect(h1(page, "Automations")).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Conditions to try", { exact: true }).fill(conditions);
  await page.getByRole("button", { name: "Try", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/automations\?try=/);
  const tried = page.locator("section").filter({ has: page.getByRole("heading", { name: "Try conditions", exact: true }) });
  await expect(tried.getByRole("status")).toHaveText("This rule would have matched 1 ticket in the last 30 days.");
  await expect(tried.getByRole("link", { name: reference, exact: true })).toBeVisible();
  await expect(page.getByLabel("Conditions to try", { exact: true })).toHaveValue(conditions);

  // Then adds the rule, switched on.
  const add = page.locator("section").filter({ has: page.getByRole("heading", { name: "Add a rule", exact: true }) });
  await add.getByLabel("Name", { exact: true }).fill(name);
  await add.getByLabel("When", { exact: true }).selectOption({ label: "On a schedule" });
  await add.getByLabel("Unchanged for (schedule rules)", { exact: true }).fill("5d");
  await add.getByLabel("Conditions", { exact: true }).fill(conditions);
  await add.getByLabel("Status", { exact: true }).selectOption({ label: "Closed" });
  const active = add.getByLabel("Active", { exact: true });
  await expect(active, "a new rule starts switched off").not.toBeChecked();
  await active.check();
  await add.getByRole("button", { name: "Add rule", exact: true }).click();
  const card = page.getByRole("region", { name: new RegExp(`^\\d+\\. ${name} On$`) });
  await expect(card).toContainText(`When: On a schedule, for tickets unchanged for 5d. If: tickets matching ${conditions}.`);
  await expect(card).toContainText("Closed");
  await expect(card).toContainText("Ran 0 times in the last 30 days.");
  await expect(card.getByRole("button", { name: `Switch ${name} off`, exact: true })).toBeVisible();

  // Nothing happens yet: the ticket has stood unchanged for minutes, not days.
  expect(runAutomations()).toMatch(/^\d+ tickets? acted on as of /);
  await agent.reload();
  await expect(agent.locator(".page-header .badge-status-pending")).toHaveText("Pending");

  // Five days and an hour later, the rule closes it.
  const output = runAutomations("5d1h");
  expect(output).toMatch(/^[1-9]\d* tickets? acted on as of /);
  await agent.reload();
  await expect(h1(agent, subject)).toBeVisible();
  await expect(agent.locator(".page-header .badge-status-closed")).toHaveText("Closed");
  const history = agent.getByRole("list", { name: "Conversation and history" });
  await expect(history).toContainText(`Rule \u201c${name}\u201d ran`);
  await expect(history).toContainText("changed status from Pending to Closed");

  // Its execution log lists the ticket.
  await page.goto("/admin/automations");
  await hydrated(page);
  const ran = page.getByRole("region", { name: new RegExp(`^\\d+\\. ${name} On$`) });
  await expect(ran).toContainText("Ran once in the last 30 days.");
  await ran.getByText(`Execution log of ${name}`, { exact: true }).click();
  const entry = ran.getByRole("row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("Changed the ticket");

  // Switched off again, so that later runs of the schedule leave the desk alone.
  await ran.getByRole("button", { name: `Switch ${name} off`, exact: true }).click();
  const off = page.getByRole("region", { name: new RegExp(`^\\d+\\. ${name} Off$`) });
  await expect(off.getByRole("button", { name: `Switch ${name} on`, exact: true })).toBeVisible();
});
