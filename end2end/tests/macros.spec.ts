// Macros: an agent keeps a macro of their own (a text with placeholders, and on send: status Pending and a tag), then
// answers a customer's ticket with it. With JavaScript, "/" in the empty message goes to the macro search and Enter
// puts the macro's text, filled in for this ticket, into the message; without it, "Use a macro" and "Preview macro"
// reload the page with that text in the message. Either way the text is there to read before sending, the reply goes
// out as written, the macro's actions happen, and its use is counted.
import type { Page } from "@playwright/test";
import { test, expect, call, h1, jsOn, stateOf } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function hydrated(page: Page): Promise<void> {
  if (jsOn()) await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 20_000 });
}

test.use({ storageState: stateOf("agent") });

test("an agent answers with a macro whose placeholders are filled in and whose actions happen on send", async ({ page, people }) => {
  const run = unique();
  const name = `Ask for the log ${run}`;
  const tag = `e2e-macro-${run}`;

  // The macro, on the macros page.
  await page.goto("/agent/macros");
  await expect(h1(page, "Macros")).toBeVisible();
  await hydrated(page);
  const add = page.getByRole("region", { name: "Add a macro" });
  await add.getByLabel("Name", { exact: true }).fill(name);
  await add.getByLabel("Text", { exact: true }).fill("Hello {{customer.first_name}}, could you send us the log for {{ticket.reference}}?");
  await add.getByLabel("Set the status").selectOption({ label: "Pending" });
  await add.getByLabel("Add tags").fill(tag);
  await add.getByRole("button", { name: "Add macro", exact: true }).click();
  await expect(page.getByRole("heading", { level: 3, name })).toBeVisible();

  // A customer's ticket.
  const customer = await people("customer");
  const subject = `Sync fails ${run}`;
  const id = String(await call(customer.request, "create_ticket", { subject, body: "Calendar sync fails every night." }));
  await page.goto(`/agent/tickets/${id}`);
  await expect(h1(page, subject)).toBeVisible();
  await hydrated(page);
  const reference = await page.locator(".page-header p.muted").first().innerText();
  const expected = `Hello Casey, could you send us the log for ${reference}?`;
  const message = page.getByLabel("Message", { exact: true });

  if (jsOn()) {
    await message.focus();
    await page.keyboard.press("/");
    const search = page.getByLabel("Insert a macro");
    await expect(search).toBeFocused();
    await expect(message).toHaveValue("");
    await search.fill(run);
    await expect(page.getByRole("button", { name: `Use ${name}`, exact: true })).toBeVisible();
    await search.press("Enter");
  } else {
    await page.getByLabel("Use a macro").selectOption({ label: name });
    await page.getByRole("button", { name: "Preview macro", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/agent/tickets/${id}\\?macro=\\d+`));
  }
  // Read before sending: the text, filled in, is in the message, and what else happens is said.
  await expect(message).toHaveValue(expected);
  if (jsOn()) {
    await expect(page.getByRole("status").filter({ hasText: `Macro “${name}” is in the message.` })).toContainText(
      `On send it also does: status Pending; add tags ${tag}.`,
    );
  }
  await page.getByRole("button", { name: "Send", exact: true }).click();

  await expect(page.locator(".timeline, main").getByText(expected).first()).toBeVisible();
  await expect(page.locator(".page-header .badge-status-pending")).toHaveText("Pending");
  await expect(page.locator(".page-header .badge-tag")).toHaveText(`#${tag}`);
  if (!jsOn()) await expect(page).toHaveURL(new RegExp(`/agent/tickets/${id}$`));
  await expect(message).toHaveValue("");

  // Its use is counted.
  await page.goto("/agent/macros");
  const card = page.getByRole("region", { name, exact: true });
  await expect(card).toContainText("Yours. Used once. On send: status Pending; add tags");
});
