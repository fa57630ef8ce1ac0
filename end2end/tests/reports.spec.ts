// Reports: a manager opens them from the main navigation, reads the period's figures and a chart's table (no script
// needed: the charts are drawn on the server), narrows the report by channel and by a custom field, and downloads a chart as CSV; an agent
// an admin has not allowed finds no way in. The day's figures at the top follow new tickets live.
import { readFile } from "node:fs/promises";
import { test, expect, call, h1, jsOn, mainNav, stateOf } from "./helpers";

test.use({ storageState: stateOf("robin") });

test("a manager opens a report, narrows it and downloads a chart's CSV", async ({ page, people }) => {
  await page.goto("/agent");
  await mainNav(page).getByRole("link", { name: "Reports", exact: true }).click();
  await expect(h1(page, "Reports")).toBeVisible();
  // The desk today, live: a new request counts at once, without a reload.
  const today = page.getByRole("region", { name: "Today", exact: true });
  const createdToday = today.locator(".figure", { hasText: "Created today" }).locator(".figure-value");
  const before = Number(await createdToday.textContent());
  if (jsOn()) {
    await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 20_000 });
    const customer = await people("customer");
    await call(customer.request, "create_ticket", { subject: `Counted today ${Date.now()}`, body: "A new request." });
    await expect(createdToday).toHaveText(String(before + 1));
  }
  const summary = page.getByRole("region", { name: "Summary", exact: true });
  await expect(summary.getByText("Tickets created", { exact: true })).toBeVisible();
  await expect(summary.getByText("Satisfied customers", { exact: true })).toBeVisible();

  const volume = page.getByRole("region", { name: "Created, solved and backlog by day", exact: true });
  await expect(volume.getByRole("img", { name: "Created, solved and backlog by day" })).toBeVisible();
  await volume.getByText("Table: Created, solved and backlog by day").click();
  // The default period is the last 30 days: a row a day.
  await expect(volume.getByRole("table").getByRole("row")).toHaveCount(31);

  const filters = page.getByRole("form", { name: "Report period and filters" });
  await filters.getByLabel("Channel", { exact: true }).selectOption("web");
  await filters.getByRole("button", { name: "Show report", exact: true }).click();
  await expect(page).toHaveURL(/[?&]channel=web(&|$)/);
  const channels = page.getByRole("region", { name: "Channel mix", exact: true });
  await channels.getByText("Table: Channel mix").click();
  const rows = channels.getByRole("table").getByRole("row");
  await expect(rows.first()).toContainText("Channel");
  await expect(rows.nth(1)).toContainText("web");

  // Custom fields narrow it too, written as in search; a field that does not exist is named, and what was typed stays.
  const fieldTerms = filters.getByLabel("Custom fields", { exact: true });
  await fieldTerms.fill('field:"Devices affected">0');
  await filters.getByRole("button", { name: "Show report", exact: true }).click();
  // The browser writes the space as "+"; the page's own links as "%20".
  await expect(page).toHaveURL(/[?&]fields=field%3A%22Devices\+affected%22%3E0(&|$)/);
  await expect(channels.getByRole("link", { name: "Download CSV: Channel mix", exact: true })).toHaveAttribute(
    "href",
    /fields=field%3A%22Devices%20affected%22%3E0/,
  );
  await page.goto("/reports?fields=field%3A%22Shoe%20size%22%3D42");
  await expect(filters.getByText("No field called")).toBeVisible();
  await expect(fieldTerms).toHaveValue('field:"Shoe size"=42');
  await page.goBack();
  await expect(fieldTerms).toHaveValue('field:"Devices affected">0');

  const downloading = page.waitForEvent("download");
  await channels.getByRole("link", { name: "Download CSV: Channel mix", exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^docket-channels-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await download.path(), "utf8");
  expect(csv.split("\r\n")[0]).toBe("channel,tickets");
  expect(csv.split("\r\n")[1]).toMatch(/^web,\d+$/);

  const agent = await people("agent");
  await agent.goto("/agent");
  await expect(mainNav(agent).getByRole("link", { name: "Workspace", exact: true })).toBeVisible();
  await expect(mainNav(agent).getByRole("link", { name: "Reports", exact: true })).toHaveCount(0);
  await agent.goto("/reports");
  await expect(agent.getByRole("alert")).toContainText("Ask an admin for access");
});
