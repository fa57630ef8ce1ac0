// Routing: an admin staffs a new team with Alex and Sam, has it hand out its tickets round-robin, and adds a routing
// rule that files requests with a word of this run's own to that team. Both agents are available and online (with
// JavaScript, their open workspace's live stream says so; without, each sets their status in the top bar). The
// customer opens two requests with the word: the first goes to one agent, the second to the other, and each sees
// theirs arrive in their own queue (live with JavaScript, on reload without). The history says why.
// Both projects share one server and one database: each run has its own team, rule and word, so only this run's
// tickets reach this run's team, and only Alex and Sam are in it.
import type { Page } from "@playwright/test";
import { test, expect, call, h1, jsOn, stateOf } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

type Ticket = { summary: { reference: string; assignee: { id: number; name: string } | null; team: { name: string } | null } };
type Routing = { agents: { name: string; open: number; capacity: number | null }[] };
type Options = { statuses: { id: number; name: string; category: string }[] };

const AGENTS = { alex: "Alex Agent", sam: "Sam Rivera" } as const;

/** With JavaScript, waits until the page has hydrated, so its forms and live updates are the app's own. */
async function hydrated(page: Page): Promise<void> {
  if (jsOn()) await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 20_000 });
}

/** Waits until the page's live stream is open (which also tells Docket the agent is online). */
async function streamOpen(page: Page): Promise<void> {
  await hydrated(page);
  await expect(page.locator("header.topbar")).toHaveAttribute("data-live", "connected", { timeout: 15_000 });
}

/** The customer sends a request from the portal; returns its id. */
async function openRequest(customer: Page, subject: string, body: string): Promise<string> {
  await customer.goto("/portal/new");
  await expect(h1(customer, "New request")).toBeVisible();
  await hydrated(customer);
  await customer.getByLabel("Subject", { exact: true }).fill(subject);
  await customer.getByLabel("Description", { exact: true }).fill(body);
  await customer.getByRole("button", { name: "Send request", exact: true }).click();
  await expect(customer).toHaveURL(/\/portal\/tickets\/\d+$/);
  await expect(h1(customer, subject)).toBeVisible();
  return new URL(customer.url()).pathname.split("/").pop()!;
}

test.use({ storageState: stateOf("admin") });

test("a routing rule files requests with a team that hands them out round-robin to available agents", async ({ page, people }) => {
  test.setTimeout(90_000);
  const js = jsOn();
  const run = unique();
  const team = `Round ${run}`;
  const rule = `Route ${run}`;
  const word = `quasar${run}`;

  // Both must have room below their capacity (the demo's 12 and 10 open tickets), or only one would take tickets.
  const settings = (await call(page.request, "load_routing_settings", {})) as Routing;
  for (const name of Object.values(AGENTS)) {
    const agent = settings.agents.find((a) => a.name === name)!;
    const full = agent.capacity !== null && agent.open >= agent.capacity;
    expect(full, `${name} has ${agent.open} open tickets of a capacity of ${agent.capacity}: start from a fresh demo desk`).toBe(false);
  }

  // The team, staffed with Alex and Sam.
  await page.goto("/admin/teams");
  await expect(h1(page, "Teams")).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Team name", { exact: true }).fill(team);
  await page.getByRole("button", { name: "Create team", exact: true }).click();
  const card = page.getByRole("region", { name: team, exact: true });
  await expect(card).toBeVisible();
  await expect(card.getByText("No members yet.")).toBeVisible();
  for (const [name, email] of [
    [AGENTS.alex, "agent@example.com"],
    [AGENTS.sam, "sam.rivera@example.com"],
  ]) {
    await card.getByLabel("Add an agent", { exact: true }).selectOption({ label: `${name} (${email})` });
    await card.getByRole("button", { name: "Add", exact: true }).click();
    await expect(card.getByRole("button", { name: `Remove ${name} from ${team}`, exact: true })).toBeVisible();
  }

  // It hands out its tickets round-robin.
  await page.goto("/admin/routing");
  await expect(h1(page, "Routing")).toBeVisible();
  await hydrated(page);
  const strategies = page.getByRole("region", { name: "How teams hand out tickets" });
  const strategy = strategies.getByLabel(`Assignment for ${team}`, { exact: true });
  await expect(strategy.locator("option:checked")).toHaveText("Manual");
  await strategy.selectOption({ label: "Round-robin" });
  await strategies.getByRole("button", { name: `Save ${team}`, exact: true }).click();
  await expect(page.getByLabel(`Assignment for ${team}`, { exact: true }).locator("option:checked")).toHaveText("Round-robin");

  // A rule files requests with the word with that team.
  const add = page.locator("section").filter({ has: page.getByRole("heading", { name: "Add a rule", exact: true }) });
  await add.getByLabel("Name", { exact: true }).fill(rule);
  await add.getByLabel("Conditions", { exact: true }).fill(word);
  await add.getByLabel("Team", { exact: true }).selectOption({ label: team });
  await expect(add.getByLabel("Active", { exact: true })).toBeChecked();
  await expect(add.getByLabel("Also when a ticket changes", { exact: true })).not.toBeChecked();
  await add.getByRole("button", { name: "Add rule", exact: true }).click();
  const ruleCard = page.getByRole("region", { name: new RegExp(`^\\d+\\. ${rule}$`) });
  await expect(ruleCard).toContainText(`New tickets matching ${word}: `);
  await expect(ruleCard).toContainText(team);

  // Strategy and rule are saved.
  await page.reload();
  await expect(page.getByLabel(`Assignment for ${team}`, { exact: true }).locator("option:checked")).toHaveText("Round-robin");
  await expect(page.getByRole("region", { name: new RegExp(`^\\d+\\. ${rule}$`) })).toBeVisible();

  // Alex and Sam are at their desks, each watching their own open tickets: available and online.
  const alex = await people("agent");
  const sam = await people("sam");
  for (const agent of [alex, sam]) {
    await agent.goto("/agent?queue=my_open");
    await expect(h1(agent, "Workspace")).toBeVisible();
    const status = agent.getByRole("banner").getByLabel("My status", { exact: true });
    if (js) {
      await streamOpen(agent);
      await expect(status.locator("option:checked"), "agents start available").toHaveText("Available");
      // Gone if the page were loaded again: its queue must change by itself.
      await agent.evaluate(() => ((window as unknown as { e2eSamePage: boolean }).e2eSamePage = true));
    } else {
      await status.selectOption({ label: "Available" });
      await agent.getByRole("banner").getByRole("button", { name: "Set my status", exact: true }).click();
      await expect(agent).toHaveURL(/\/agent\?queue=my_open$/);
      await expect(agent.getByRole("banner").getByLabel("My status", { exact: true }).locator("option:checked")).toHaveText("Available");
    }
  }
  await page.reload();
  const agentsTable = page.getByRole("region", { name: "Agents", exact: true });
  for (const name of Object.values(AGENTS)) {
    const row = agentsTable.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) });
    await expect(row.getByRole("cell", { name: "Available", exact: true }), `${name} takes tickets`).toBeVisible();
    await expect(row.getByRole("rowheader")).toContainText(team);
  }

  // The customer asks twice; the tickets go to the two agents in turn.
  const customer = await people("customer");
  const queueOf = (agent: Page) => agent.getByRole("form", { name: "Tickets" });
  const arrives = async (agent: Page, subject: string) => {
    if (!js) await agent.reload();
    await expect(queueOf(agent).getByRole("link", { name: subject, exact: true })).toBeVisible({ timeout: 10_000 });
  };
  const assignee = async (id: string) => ((await call(page.request, "get_ticket", { id })) as Ticket).summary;

  const firstSubject = `Printer ${word} jams`;
  const first = await openRequest(customer, firstSubject, `The ${word} printer jams on every page.`);
  const firstTicket = await assignee(first);
  expect(firstTicket.team?.name, "the rule set the team").toBe(team);
  const firstAgent = firstTicket.assignee?.name;
  expect([AGENTS.alex, AGENTS.sam], "one of the team's agents has it").toContain(firstAgent);
  const [got, next] = firstAgent === AGENTS.alex ? [alex, sam] : [sam, alex];
  await arrives(got, firstSubject);

  const secondSubject = `Scanner ${word} is slow`;
  const second = await openRequest(customer, secondSubject, `The ${word} scanner takes minutes per page.`);
  const secondTicket = await assignee(second);
  expect(secondTicket.assignee?.name, "the other agent's turn").toBe(firstAgent === AGENTS.alex ? AGENTS.sam : AGENTS.alex);
  await arrives(next, secondSubject);
  if (js) {
    for (const agent of [got, next]) {
      expect(await agent.evaluate(() => (window as unknown as { e2eSamePage?: boolean }).e2eSamePage), "no reload").toBe(true);
    }
  } else {
    await got.reload();
  }
  await expect(queueOf(next).getByRole("link", { name: firstSubject, exact: true }), "each agent has only their own").toHaveCount(0);
  await expect(queueOf(got).getByRole("link", { name: secondSubject, exact: true })).toHaveCount(0);
  await expect(queueOf(got).getByRole("link", { name: firstSubject, exact: true })).toBeVisible();

  // The history says which rule filed it and why that agent got it.
  await page.goto(`/agent/tickets/${first}`);
  await expect(h1(page, firstSubject)).toBeVisible();
  const history = page.getByRole("list", { name: "Conversation and history" });
  await expect(history).toContainText(`Routing: Routing rule \u201c${rule}\u201d: team ${team}`);
  await expect(history).toContainText(`Routing: Round-robin in ${team}: next in turn of 2 available`);
  await page.goto(`/agent/tickets/${second}`);
  await expect(page.getByRole("list", { name: "Conversation and history" })).toContainText(
    `Routing: Round-robin in ${team}: next in turn of 2 available`,
  );

  // Solved, so that they no longer count against Alex's and Sam's capacity in later journeys and runs.
  const solved = ((await call(page.request, "load_ticket_options", {})) as Options).statuses.find((s) => s.category === "solved")!.id;
  for (const id of [first, second]) await call(page.request, "update_ticket", { ticket_id: id, status_id: String(solved) });
});
