// Service levels: an admin builds a business-hours calendar and an SLA policy with a breach rule in the web settings;
// a new ticket shows its countdown, the clock pauses while the ticket waits on the customer, and the breach escalates the
// ticket to tier 2 and its assignee is notified. The breach takes a real minute, so it is awaited once per test run:
// with JavaScript, on SQLite (`DOCKET_E2E_DATABASE` is set by scripts/test-all); on PostgreSQL, firing once across
// processes is the domain tests' part.
import { test, expect, call, h1, jsOn, stateOf } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

type Options = { statuses: { id: number; name: string; category: string }[]; teams: { id: number; name: string }[]; agents: { id: number; name: string }[] };
type Settings = { policies: { id: number; name: string }[] };

test.use({ storageState: stateOf("admin") });

test("an admin sets up business hours and an SLA policy; tickets count down, pause and escalate on a breach", async ({ page, people }) => {
  test.setTimeout(150_000);
  const run = unique();
  const tag = `e2e-sla-${run}`;
  const policy = `Journey ${run}`;
  const calendar = `Lisbon office ${run}`;

  // A ticket under the policy's tag, assigned to Alex on Support (tier 1), whose first response is due in a minute:
  // opened first, so that its minute passes while the rest of the journey goes on.
  const options = (await call(page.request, "load_ticket_options", {})) as Options;
  const support = options.teams.find((t) => t.name === "Support")!.id;
  const alex = options.agents.find((a) => a.name === "Alex Agent")!.id;
  const open = async (subject: string) => {
    const id = (await call(page.request, "create_ticket", { subject, body: "Nothing works.", requester_email: "customer@example.com" })) as number;
    await call(page.request, "update_ticket", { ticket_id: String(id), tags: tag, team_id: String(support), assignee_id: String(alex) });
    return id;
  };

  // The calendar, in the web settings.
  await page.goto("/admin");
  await page.getByRole("link", { name: "Business hours", exact: true }).click();
  await expect(h1(page, "Business hours")).toBeVisible();
  const add = page.getByRole("region", { name: "Add a calendar" }).or(page.locator("section").filter({ has: page.getByRole("heading", { name: "Add a calendar" }) }));
  const fillCalendar = async (sunday: string) => {
    await add.getByLabel("Name", { exact: true }).fill(calendar);
    await add.getByLabel("Time zone").fill("Europe/Lisbon");
    await add.getByLabel("Saturday").fill("10:00-14:00");
    await add.getByLabel("Sunday").fill(sunday);
    await add.getByRole("button", { name: "Add calendar", exact: true }).click();
  };
  await fillCalendar("25:00-26:00");
  await expect(add.getByText("Sunday: Write times as HH:MM from 00:00 to 24:00")).toBeVisible();
  await fillCalendar("");
  const card = page.getByRole("region", { name: calendar });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Time zone Europe/Lisbon.");
  await card.getByLabel("Holiday name").fill("Portugal Day");
  await card.getByLabel("Date").fill("2027-06-10");
  await card.getByLabel("Every year").check();
  await card.getByRole("button", { name: "Add holiday", exact: true }).click();
  await expect(page.getByRole("region", { name: calendar }).getByRole("row").filter({ hasText: "Portugal Day" })).toContainText("10 June (every year)");

  // The policy, with a breach rule.
  await page.goto("/admin/sla");
  await expect(h1(page, "SLA policies")).toBeVisible();
  const form = page.locator("section").filter({ has: page.getByRole("heading", { name: "Add a policy" }) });
  await form.getByLabel("Name", { exact: true }).fill(policy);
  await form.getByLabel("Conditions").fill(`tag:${tag}`);
  await form.getByLabel("First response target").fill("1m");
  await form.getByLabel("First response counts in").selectOption({ label: "Around the clock (24/7)" });
  await form.getByLabel("Resolution target").fill("2d");
  await form.getByLabel("Resolution counts in").selectOption({ label: calendar });
  await form.getByRole("button", { name: "Add policy", exact: true }).click();
  const section = page.getByRole("region", { name: new RegExp(`\\d+\\. ${policy}$`) });
  await expect(section).toContainText("First response: 1m (Around the clock (24/7))");
  // First in the order, so that the demo's policies do not take its tickets.
  const settings = (await call(page.request, "load_sla_settings", {})) as Settings;
  const id = settings.policies.find((p) => p.name === policy)!.id;
  for (let n = 0; n < settings.policies.length; n++) await call(page.request, "move_sla_policy", { policy_id: String(id), direction: "up" });
  await page.reload();
  await expect(page.getByRole("heading", { name: `1. ${policy}` })).toBeVisible();
  const first = page.getByRole("region", { name: `1. ${policy}` });
  await first.getByText("Add a rule").click();
  await first.getByLabel("Target", { exact: true }).selectOption({ label: "First response" });
  await first.getByLabel("When this share of the target has passed (%)").fill("100");
  await first.getByLabel("Notify the assignee").check();
  await first.getByLabel("Escalate to the next tier").check();
  await first.getByRole("button", { name: "Add rule", exact: true }).click();
  await expect(page.getByRole("region", { name: `1. ${policy}` })).toContainText("At the breach of first response: notify the assignee, escalate to the next tier.");

  // A new ticket counts down.
  const breaching = await open(`Breaching ${run}`);
  await page.goto(`/agent/tickets/${breaching}`);
  const sla = page.getByRole("region", { name: "Service level" });
  await expect(sla).toContainText(`Policy: ${policy}`);
  await expect(sla).toContainText("First response: 1m (Around the clock (24/7))");
  await expect(sla).toContainText(/of business time left; due|Due now|Breached/);
  await expect(sla).toContainText(`Resolution: 2d (${calendar})`);

  // Waiting on the customer stops the clock.
  const waiting = await open(`Waiting ${run}`);
  const pending = options.statuses.find((s) => s.category === "pending")!.id;
  await call(page.request, "update_ticket", { ticket_id: String(waiting), status_id: String(pending) });
  await page.goto(`/agent/tickets/${waiting}`);
  await expect(page.getByRole("region", { name: "Service level" })).toContainText("Paused while waiting on the customer");

  // The minute passes (once per run: the page without JavaScript has shown everything else).
  if (!jsOn() || process.env.DOCKET_E2E_DATABASE === "postgres") return;
  await expect
    .poll(
      async () => {
        await page.goto(`/agent/tickets/${breaching}`);
        return await page.getByRole("main").innerText();
      },
      { timeout: 100_000, intervals: [2_000] },
    )
    .toContain("SLA: First response: breached");
  await expect(page.getByRole("main")).toContainText("changed team from Support to Engineering");
  await expect(page.getByRole("region", { name: "Service level" })).toContainText("Breached");
  const alexPage = await people("agent");
  await alexPage.goto("/notifications");
  await expect(alexPage.getByRole("main")).toContainText("breached its SLA");
});
