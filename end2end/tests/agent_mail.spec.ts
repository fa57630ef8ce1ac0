// Mail for agents, with the test command's SMTP capture server: an agent chooses on the account page how each kind of
// notification reaches them; an assignment then arrives by email only (not under the bell), links straight to the
// ticket, and a note that mentions them, turned off, sends nothing.
import { test, expect, call, h1, stateOf, DEMO_PASSWORD } from "./helpers";
import { addMailbox, captured, stamp, waitForMail } from "./mail";

test.describe.configure({ timeout: 90_000 });
test.use({ storageState: stateOf("admin") });

const JORDAN = "jordan.lee@example.com";

test("an agent's choices decide which notifications come by email and which under the bell", async ({
  page: admin,
  people,
  ownSession,
}) => {
  await addMailbox(admin, `Agent mail ${stamp()}`);
  const jordan = await ownSession(JORDAN, DEMO_PASSWORD);
  await jordan.goto("/account");
  await expect(jordan.getByRole("heading", { level: 2, name: "Notifications" })).toBeVisible();
  await jordan.getByLabel("A ticket is assigned to me").selectOption("email");
  await jordan.getByLabel("A note mentions me").selectOption("off");
  await jordan.getByRole("button", { name: "Save notification choices", exact: true }).click();
  await expect(jordan.getByRole("status").filter({ hasText: "Notification choices saved." })).toBeVisible();
  await jordan.goto("/account");
  await expect(jordan.getByLabel("A ticket is assigned to me")).toHaveValue("email");
  await expect(jordan.getByLabel("A new ticket arrives for my team")).toHaveValue("off");

  const before = (await captured(JORDAN)).length;
  const customer = await people("customer");
  const subject = `Badge reader ${stamp()}`;
  const id = String(await call(customer.request, "create_ticket", { subject, body: "The badge reader is dead." }));
  const note = `@jordan.lee the reader in hall B ${stamp()}`;
  await call(admin.request, "add_message", { ticket_id: id, visibility: "internal", body: note });
  await admin.goto(`/agent/tickets/${id}`);
  await admin.getByLabel("Assignee").selectOption({ label: "Jordan Lee" });
  await admin.getByRole("button", { name: "Save changes", exact: true }).click();

  const mails = (await waitForMail(JORDAN, before + 1)).slice(before);
  expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining(subject)]);
  const [assigned] = mails;
  expect(assigned.text).toContain("assigned");
  expect(assigned.text).not.toContain(note);
  const link = (assigned.text ?? "").match(/https?:\/\/\S+(\/agent\/tickets\/\d+)/);
  expect(link?.[1], `a link to the ticket in: ${assigned.text}`).toBe(`/agent/tickets/${id}`);
  await jordan.goto(link![1]);
  await expect(h1(jordan, subject)).toBeVisible();

  const bell = (await call(jordan.request, "list_notifications", {})) as { items: { ticket_id: number }[] };
  expect(bell.items.filter((n) => String(n.ticket_id) === id), "email only: nothing under the bell").toEqual([]);
});
