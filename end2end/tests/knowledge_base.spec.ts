// Knowledge base and self-service: an admin writes an article and publishes it; an anonymous visitor finds it by
// searching the help center and finds it helpful; the customer typing a new request is offered it and, answered,
// opens no request; the admin's editor counts both. And a customer typing a problem they already asked about is
// shown their open ticket and adds what they typed to it instead. Each run writes about a made-up product of its
// own, so the two projects (one server, one database) and reruns never find each other's articles or tickets.
import type { APIRequestContext, Page } from "@playwright/test";
import { test, expect, atPath, call, h1, jsOn, mainNav, stateOf } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

type Requests = { items: unknown[]; next_cursor: string | null };

/** How many requests the signed-in customer has, over every page of their list. */
async function requestCount(request: APIRequestContext): Promise<number> {
  let count = 0;
  let after: string | null = null;
  do {
    const page = (await call(request, "my_requests", after ? { after } : {})) as Requests;
    count += page.items.length;
    after = page.next_cursor;
  } while (after);
  return count;
}

/** Types a new request on the portal and waits for "Before you send": looked up while typing, or on request. */
async function typeRequest(page: Page, subject: string, description: string) {
  await page.goto("/portal/new");
  await expect(h1(page, "New request")).toBeVisible();
  if (jsOn()) await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 20_000 });
  await page.getByLabel("Subject", { exact: true }).fill(subject);
  await page.getByLabel("Description", { exact: true }).fill(description);
  if (!jsOn()) {
    await page.getByRole("button", { name: "Check for answers first", exact: true }).click();
    await expect(page).toHaveURL(/\/portal\/new\?.*subject=/);
  }
  const region = page.getByRole("region", { name: "Before you send" });
  await expect(region).toBeVisible();
  return region;
}

test.describe("an admin's article", () => {
  test.use({ storageState: stateOf("admin") });

  test("is published, found in the help center, and answers a customer's request without a ticket", async ({ page, visitor, people }) => {
    const product = `Zorblax${unique()}`;
    const title = `${product} dashboard stays blank`;

    // The admin writes it as a draft.
    await page.goto("/agent");
    await mainNav(page).getByRole("link", { name: "Knowledge base", exact: true }).click();
    await expect(h1(page, "Knowledge base")).toBeVisible();
    await page.getByRole("link", { name: "New article", exact: true }).click();
    await expect(h1(page, "New article")).toBeVisible();
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByLabel("Summary", { exact: true }).fill(`What to do when the ${product} dashboard shows nothing.`);
    await page.getByLabel("Category", { exact: true }).selectOption({ label: "Troubleshooting" });
    await page.getByLabel("Section", { exact: true }).selectOption({ label: "Connectivity" });
    await page
      .getByLabel("Article (Markdown)", { exact: true })
      .fill(`## Clear the cache\n\nOpen **Settings → Storage**, choose *Clear cache* and sign in to ${product} again.`);
    await page.getByLabel("Tags", { exact: true }).fill("dashboard, cache");
    await page.getByLabel("Who may read it", { exact: true }).selectOption({ label: "Public: anyone, without signing in" });
    await page.getByLabel("State", { exact: true }).selectOption({ label: "Draft" });
    await page.getByRole("button", { name: "Create article", exact: true }).click();
    await expect(page).toHaveURL(/\/agent\/kb\/\d+\?saved=1$/);
    const editorPath = new URL(page.url()).pathname;
    await expect(page.getByRole("status").filter({ hasText: "Article saved." })).toBeVisible();
    await expect(h1(page, title)).toBeVisible();
    const header = page.locator(".page-header");
    await expect(header).toContainText("Troubleshooting · Draft · Public: anyone, without signing in");

    // A draft is not in the help center yet.
    const reader = await visitor();
    await reader.goto(`/help/search?q=${product}`);
    await expect(reader.getByText("No articles match.")).toBeVisible();

    // Published from its editor.
    await page.getByLabel("State", { exact: true }).selectOption({ label: "Published" });
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(header).toContainText("Troubleshooting · Published · Public: anyone, without signing in");

    // An anonymous visitor searches the help center, reads it and finds it helpful.
    await reader.goto("/help");
    await expect(h1(reader, "How can we help?")).toBeVisible();
    await reader.getByLabel("Search the help center").fill(`${product} dashboard`);
    await reader.getByRole("button", { name: "Search", exact: true }).click();
    await expect(reader).toHaveURL(atPath("/help/search"));
    await expect(reader.getByRole("status")).toHaveText("1 article");
    await reader.getByRole("link", { name: title, exact: true }).click();
    await expect(h1(reader, title)).toBeVisible();
    await expect(reader.getByRole("heading", { name: "Clear the cache" })).toBeVisible();
    await reader.getByRole("button", { name: "Yes, it helped", exact: true }).click();
    await expect(reader.getByRole("status").filter({ hasText: "Thank you for your feedback." })).toBeVisible();

    // The customer typing a new request about it is offered the article; it answers them, and no request is opened.
    const customer = await people("customer");
    const before = await requestCount(customer.request);
    const suggestions = await typeRequest(customer, `${product} dashboard is blank`, `Since this morning the ${product} dashboard shows an empty page.`);
    await expect(suggestions.getByRole("heading", { name: "Articles that may answer it" })).toBeVisible();
    await expect(suggestions.getByRole("link", { name: title, exact: true })).toBeVisible();
    await suggestions.getByRole("button", { name: `${title} answered my question`, exact: true }).click();
    await expect(customer).toHaveURL(/\/portal\?answered=1$/);
    await expect(customer.getByRole("status").filter({ hasText: "Glad that helped. No request was opened." })).toBeVisible();
    expect(await requestCount(customer.request), "no request was opened").toBe(before);

    // The admin sees what readers made of it.
    await page.goto(editorPath);
    const readers = page.getByRole("region", { name: "Readers" });
    const stat = (name: string) => readers.locator("div").filter({ has: page.getByRole("term").filter({ hasText: name }) }).getByRole("definition");
    await expect(stat("Helpful")).toHaveText("1 yes · 0 no");
    await expect(stat("Answered requests")).toHaveText("1");
  });
});

test.describe("signed in as the demo customer", () => {
  test.use({ storageState: stateOf("customer") });

  test("a customer typing a problem they already asked about adds it to that ticket instead", async ({ page }) => {
    const product = `Zorblax${unique()}`;
    const subject = `${product} sync fails every night`;
    const id = (await call(page.request, "create_ticket", {
      subject,
      body: `The ${product} sync stops halfway with error E4411 every night.`,
    })) as number;
    const reference = ((await call(page.request, "get_ticket", { id: String(id) })) as { summary: { reference: string } }).summary.reference;
    const before = await requestCount(page.request);

    const typed = `Since Monday the ${product} nightly sync stops halfway with error E4411.`;
    const suggestions = await typeRequest(page, `${product} sync failing at night`, typed);
    await expect(suggestions.getByRole("heading", { name: "Already asked?" })).toBeVisible();
    await expect(suggestions).toContainText(`Is this the same as ${reference}, opened today?`);
    await expect(suggestions.getByRole("link", { name: subject, exact: true })).toBeVisible();
    await suggestions.getByRole("button", { name: `Add this to ${reference} instead`, exact: true }).click();

    await expect(page).toHaveURL(new RegExp(`/portal/tickets/${id}\\?added=1$`));
    await expect(h1(page, subject)).toBeVisible();
    const added = page.locator(".message-body", { hasText: typed });
    await expect(added).toBeVisible();
    await expect(added.locator("strong")).toHaveText(`${product} sync failing at night`);
    expect(await requestCount(page.request), "no request was opened").toBe(before);
  });
});
