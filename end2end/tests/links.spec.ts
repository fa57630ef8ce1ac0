// Customer access by mailed links, with the test command's IMAP and SMTP capture servers: the acknowledgment's magic
// link opens the ticket in a fresh browser, where the customer replies and the agent sees it; revoked and forged
// links lead to a page that reveals nothing and offers a fresh link; a password reset from the captured mail ends the
// other session; signing up with an address that wrote in claims that account; a new account confirms its address;
// an invited agent chooses a password from the mail and reaches the workspace.
import type { Page } from "@playwright/test";
import { test, expect, atPath, h1, field, jsOn, signUp, stateOf, uniqueEmail } from "./helpers";
import { addMailbox, deliver, message, reloadUntil, RECHECK, stamp, waitForMail, type Mailbox, type ParsedMail } from "./mail";

test.describe.configure({ timeout: 120_000 });
test.use({ storageState: stateOf("admin") });

/** The path of the first link to `prefix` (`/access/`, `/password/set/`, …) in a captured mail. */
function linkIn(mail: ParsedMail, prefix: string): string {
  const match = (mail.text ?? "").match(new RegExp(`${prefix.replace(/\//g, "\\/")}[0-9a-f]{48}`));
  expect(match, `a ${prefix} link in: ${mail.text}`).not.toBeNull();
  return match![0];
}

let shared: Mailbox | undefined;
/** A mailbox sending through the capture server, added once per project by the admin. */
async function mailbox(admin: Page): Promise<Mailbox> {
  shared ??= await addMailbox(admin, `Access ${stamp()}`);
  return shared;
}

/** Mail from a sender Docket has never seen: it becomes a ticket, acknowledged with a magic link. */
async function writeIn(admin: Page, from: string, subject: string): Promise<ParsedMail> {
  const box = await mailbox(admin);
  const id = stamp();
  await deliver(box, message({ from, to: box.address, subject, text: "It stopped working.", messageId: `${id}@customer.e2e.test` }));
  const [ack] = await waitForMail(from, 1);
  return ack;
}

test("the acknowledgment's link opens the ticket without an account, the customer replies, the agent sees it; revoked, it stops", async ({
  page: admin,
  people,
  visitor,
}) => {
  const id = stamp();
  const customer = `rosa-${id}@newcomer.e2e.test`;
  const subject = `Scanner jammed ${id}`;
  const ack = await writeIn(admin, customer, subject);
  const link = linkIn(ack, "/access/");

  const rosa = await visitor();
  await rosa.goto(link);
  await expect(rosa).toHaveURL(/\/portal\/tickets\/\d+$/);
  const ticketPath = new URL(rosa.url()).pathname;
  await expect(h1(rosa, subject)).toBeVisible();
  await expect(rosa.getByRole("complementary", { name: "Viewing from an email link" })).toContainText("opens this request only");

  const agent = await people("agent");
  const agentPath = ticketPath.replace("/portal/", "/agent/");
  await agent.goto(agentPath);
  await expect(h1(agent, subject)).toBeVisible();

  const words = `Still jammed after a restart ${id}`;
  await rosa.getByLabel("Message", { exact: true }).fill(words);
  await rosa.getByRole("button", { name: "Send", exact: true }).click();
  await expect(rosa.locator(".message", { hasText: words })).toBeVisible();
  const onAgentPage = agent.locator(".message", { hasText: words });
  if (jsOn()) {
    await expect(onAgentPage, "live, without a reload").toBeVisible();
  } else {
    await reloadUntil(agent, agentPath, async () => {
      await expect(onAgentPage).toBeVisible({ timeout: RECHECK });
    });
  }

  // The rest of the desk asks the link's visitor to sign in.
  await rosa.goto("/portal");
  await expect(rosa).toHaveURL(atPath("/signin"));

  await agent.getByRole("button", { name: "Revoke email links", exact: true }).click();
  if (jsOn()) await expect(agent.getByRole("status").filter({ hasText: "1 link revoked" })).toBeVisible();
  await expect(async () => {
    await rosa.goto(link);
    await expect(h1(rosa, "This link no longer works")).toBeVisible({ timeout: RECHECK });
  }).toPass({ timeout: 15_000 });
  await expect(rosa.getByText(subject)).toHaveCount(0);
});

test("a forged link reveals nothing and offers a fresh link, which signs the customer in", async ({ page: admin, visitor }) => {
  const id = stamp();
  const customer = `ben-${id}@newcomer.e2e.test`;
  const subject = `Forged link check ${id}`;
  const ack = await writeIn(admin, customer, subject);
  const forged = linkIn(ack, "/access/").replace(/[0-9a-f]$/, (c) => (c === "0" ? "1" : "0"));

  const ben = await visitor();
  await ben.goto(forged);
  await expect(h1(ben, "This link no longer works")).toBeVisible();
  await expect(ben.getByText(subject)).toHaveCount(0);
  await field(ben, "Email").fill(customer);
  await ben.getByRole("button", { name: "Email me a fresh link", exact: true }).click();
  await expect(ben.getByRole("status").filter({ hasText: "If an account has that address" })).toBeVisible();

  const mails = await waitForMail(customer, 2);
  const signInLink = linkIn(mails[1], "/signin/link/");
  await ben.goto(signInLink);
  await expect(h1(ben, "Sign in")).toBeVisible();
  await ben.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(ben).toHaveURL(atPath("/portal"));
  await expect(ben.getByRole("link", { name: subject })).toBeVisible();

  await ben.goto(signInLink);
  await expect(h1(ben, "This link no longer works"), "a sign-in link works once").toBeVisible();
});

test("a new account confirms its address; a password reset from the mail ends the other session", async ({
  page: admin,
  visitor,
}) => {
  await mailbox(admin);
  const email = uniqueEmail();
  const laptop = await visitor();
  await signUp(laptop, "Reset Person", email, "first-long-password");
  await expect(laptop.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  const [verification] = await waitForMail(email, 1);
  await laptop.goto(linkIn(verification, "/verify/"));
  await laptop.getByRole("button", { name: "Confirm my address", exact: true }).click();
  await expect(laptop.getByRole("status").filter({ hasText: "your address is confirmed" })).toBeVisible();

  const phone = await visitor();
  await phone.goto("/signin");
  await phone.getByRole("link", { name: "Forgot password?", exact: true }).click();
  await expect(h1(phone, "Forgot your password?")).toBeVisible();
  await field(phone, "Email").fill(email);
  await phone.getByRole("button", { name: "Email me a reset link", exact: true }).click();
  await expect(phone.getByRole("status").filter({ hasText: "If an account has that address" })).toBeVisible();
  const mails = await waitForMail(email, 2);
  await phone.goto(linkIn(mails[1], "/password/set/"));
  await expect(h1(phone, "Choose a new password")).toBeVisible();
  await field(phone, "New password").fill("second-long-password");
  await phone.getByRole("button", { name: "Save password and sign in", exact: true }).click();
  await expect(phone).toHaveURL(atPath("/portal"));

  await laptop.goto("/portal");
  await expect(laptop, "the other session ended").toHaveURL(atPath("/signin"));
});

test("signing up with an address that wrote in claims that account and shows its requests", async ({ page: admin, visitor }) => {
  const id = stamp();
  const customer = `cleo-${id}@newcomer.e2e.test`;
  const subject = `Claim check ${id}`;
  await writeIn(admin, customer, subject);

  const cleo = await visitor();
  await cleo.goto("/signup");
  await field(cleo, "Name").fill("Cleo");
  await field(cleo, "Email").fill(customer);
  await field(cleo, "Password").fill("cleos-long-password");
  await cleo.getByRole("button", { name: "Create account", exact: true }).click();
  await expect(cleo.getByRole("status").filter({ hasText: "We know this address already" })).toBeVisible();

  const mails = await waitForMail(customer, 2);
  await cleo.goto(linkIn(mails[1], "/password/set/"));
  await expect(h1(cleo, "Set up your account")).toBeVisible();
  await field(cleo, "New password").fill("cleos-long-password");
  await cleo.getByRole("button", { name: "Set password and sign in", exact: true }).click();
  await expect(cleo).toHaveURL(atPath("/portal"));
  await expect(cleo.getByRole("link", { name: subject })).toBeVisible();
});

test("an invited agent chooses a password from the mail and reaches the workspace", async ({ page: admin, visitor }) => {
  await mailbox(admin);
  const email = uniqueEmail();
  const row = admin.getByRole("row").filter({ hasText: email });
  await admin.goto("/admin/users");
  const form = admin.locator("form", { has: admin.getByRole("button", { name: "Send invitation", exact: true }) });
  await form.getByLabel("Name").fill("Ivy Invited");
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("agent");
  await form.getByRole("button", { name: "Send invitation", exact: true }).click();
  if (jsOn()) await expect(admin.getByRole("status").filter({ hasText: `Invitation sent to ${email}` })).toBeVisible();
  await admin.goto(`/admin/users?q=${encodeURIComponent(email)}`);
  await expect(row.getByText("Invited", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: `Withdraw invitation ${email}` })).toBeVisible();

  const [invitation] = await waitForMail(email, 1);
  expect(invitation.subject).toContain("You are invited");
  const ivy = await visitor();
  await ivy.goto(linkIn(invitation, "/password/set/"));
  await expect(h1(ivy, "Accept your invitation")).toBeVisible();
  await field(ivy, "New password").fill("ivys-own-long-password");
  await ivy.getByRole("button", { name: "Set password and continue", exact: true }).click();
  await expect(ivy).toHaveURL(atPath("/agent"));
  await expect(h1(ivy, "Workspace")).toBeVisible();

  await admin.reload();
  await expect(row.getByText("Active", { exact: true })).toBeVisible();
  await expect(row.getByRole("button", { name: `Send reset link ${email}` })).toBeVisible();
});
