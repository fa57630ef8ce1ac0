// Custom fields: an admin adds a text field with a pattern, required of customers, and puts it on the Account form;
// a customer choosing Account must fill it (the empty and the malformed value are refused with the field's own
// words) and then sees it on their request; retiring the field keeps the value. An agent fills a ticket's fields on
// its page and finds the ticket by them in the workspace search (field:"Name"=value, field:"Name">n).
import type { Page } from "@playwright/test";
import { test, expect, call, h1, jsOn, stateOf } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function hydrated(page: Page): Promise<void> {
  if (jsOn()) await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 20_000 });
}

test.describe("as the admin", () => {
  test.use({ storageState: stateOf("admin") });

  test("an admin adds a required field to a category's form and a customer must fill it", async ({ page, people }) => {
    const name = `Asset tag ${unique()}`;
    await page.goto("/admin/fields");
    await expect(h1(page, "Fields")).toBeVisible();
    await hydrated(page);
    const add = page.getByRole("region", { name: "Add a field" });
    await add.getByLabel("Name", { exact: true }).fill(name);
    await add.getByLabel("Kind", { exact: true }).selectOption({ label: "Text" });
    await add.getByLabel("Pattern", { exact: true }).fill("AT-[0-9]{4}");
    await add.getByLabel("Pattern hint", { exact: true }).fill("Asset tags look like AT-1234");
    await add.getByLabel("Required for customers on their form").check();
    await add.getByRole("button", { name: "Add field", exact: true }).click();
    const defined = page.getByRole("region", { name: "Defined fields" });
    await expect(defined.getByText(name, { exact: true })).toBeVisible();

    const form = page.getByRole("region", { name: "Account form" });
    await form.getByLabel(name, { exact: true }).check();
    await form.getByRole("button", { name: "Save the Account form", exact: true }).click();
    await expect(page.getByRole("region", { name: "Account form" }).getByLabel(name, { exact: true })).toBeChecked();

    // The customer's request in Account asks for it, in the admin's words.
    const customer = await people("customer");
    const subject = `Laptop swap ${unique()}`;
    const fill = async (tag: string) => {
      await customer.getByLabel("Subject", { exact: true }).fill(subject);
      await customer.getByLabel("Category", { exact: true }).selectOption({ label: "Account" });
      await customer.getByLabel("Description", { exact: true }).fill("Please swap my laptop for a new one.");
      const input = customer.getByLabel(`${name} (required)`, { exact: true });
      await expect(input).toBeVisible();
      await input.fill(tag);
      await customer.getByRole("button", { name: "Send request", exact: true }).click();
    };
    await customer.goto("/portal/new");
    await hydrated(customer);
    await fill("");
    await expect(customer.getByText(`Fill in ${name}`, { exact: true })).toBeVisible();
    await fill("1234");
    await expect(customer.getByText("Asset tags look like AT-1234", { exact: true })).toBeVisible();
    await fill("AT-1234");
    await expect(h1(customer, subject)).toBeVisible();
    await expect(customer).toHaveURL(/\/portal\/tickets\/\d+$/);
    const details = customer.getByRole("complementary");
    await expect(details.getByText(name, { exact: true })).toBeVisible();
    await expect(details.getByText("AT-1234", { exact: true })).toBeVisible();

    // Retired, the field leaves the form and its value stays.
    await page.goto("/admin/fields");
    await hydrated(page);
    const listed = () => page.getByRole("region", { name: "Defined fields" }).getByRole("listitem").filter({ has: page.getByText(name, { exact: true }) });
    const item = listed();
    await item.getByText(name, { exact: true }).click();
    await item.getByLabel("Active", { exact: true }).uncheck();
    await item.getByRole("button", { name: `Save ${name}`, exact: true }).click();
    await expect(listed().getByText("Retired", { exact: true })).toBeVisible();
    await customer.reload();
    await expect(customer.getByRole("complementary").getByText("AT-1234", { exact: true })).toBeVisible();
    await customer.goto("/portal/new");
    await customer.getByLabel("Category", { exact: true }).selectOption({ label: "Account" });
    await expect(customer.getByLabel(`${name} (required)`, { exact: true })).toHaveCount(0);
  });
});

test.describe("as an agent", () => {
  test.use({ storageState: stateOf("agent") });

  test("an agent fills a ticket's fields and finds it by them", async ({ page, people }) => {
    const customer = await people("customer");
    const subject = `Renewal question ${unique()}`;
    const contract = `Z-${String(Date.now()).slice(-6)}`;
    const id = String(await call(customer.request, "create_ticket", { subject, body: "When does my contract renew?" }));
    await page.goto(`/agent/tickets/${id}`);
    await expect(h1(page, subject)).toBeVisible();
    await hydrated(page);
    const card = page.getByRole("region", { name: "Fields" });
    await card.getByText("Edit fields", { exact: true }).click();
    await card.getByLabel("Contract number", { exact: true }).fill(contract);
    await card.getByLabel("Devices affected", { exact: true }).fill("0");
    await card.getByRole("button", { name: "Save fields", exact: true }).click();
    await expect(page.getByText("Use 1 to 10000", { exact: true })).toBeVisible();
    await card.getByLabel("Contract number", { exact: true }).fill(contract);
    await card.getByLabel("Devices affected", { exact: true }).fill("37");
    await card.getByRole("button", { name: "Save fields", exact: true }).click();
    await expect(page.getByRole("region", { name: "Fields" }).getByText(contract, { exact: true })).toBeVisible();
    await expect(page.getByText(`Contract number: ${contract}`)).toBeVisible();

    const search = async (query: string) => {
      await page.goto("/agent");
      await page.getByRole("searchbox", { name: "Search tickets" }).fill(query);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await expect(page).toHaveURL(/\/agent\?q=/);
    };
    await search(`field:"Contract number"=${contract.toLowerCase()}`);
    await expect(page.getByRole("row").filter({ hasText: subject })).toHaveCount(1);
    // The contract number is a column of staff lists.
    await expect(page.getByRole("columnheader", { name: "Contract number" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: subject })).toContainText(contract);
    await expect(page.getByRole("row")).toHaveCount(2);
    await search(`field:"Devices affected">=37 field:"Contract number"=${contract}`);
    await expect(page.getByRole("row").filter({ hasText: subject })).toHaveCount(1);
    await search(`field:"Devices affected">37 field:"Contract number"=${contract}`);
    await expect(page.getByRole("row").filter({ hasText: subject })).toHaveCount(0);
    await search(`field:"Operating system"=BeOS`);
    await expect(page.getByRole("alert").filter({ hasText: "is not a choice of Operating system" })).toBeVisible();
  });
});
