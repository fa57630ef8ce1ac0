// Email journeys against real mail servers: mail put into IMAP becomes a ticket and is acknowledged; an agent's
// reply in the UI goes out with threading headers and the customer's answer lands on the same ticket; an
// auto-responder's ping-pong stops at the automatic-mail cap; mail from an agent's address without that agent's
// signed reply token is never posted as the agent. The journeys of a project share one mailbox (one IMAP account),
// each with addresses and subjects of its own.
// `page` is the demo admin's (the shared session); the agent works in a window of their own.
import { test, expect, atPath, h1, stateOf, DEMO } from "./helpers";
import {
  addMailbox,
  captured,
  deliver,
  header,
  message,
  references,
  reloadUntil,
  RECHECK,
  replyAddress,
  stamp,
  waitForMail,
  type Mailbox,
  type ParsedMail,
} from "./mail";
import type { Page } from "@playwright/test";

// Mail travels IMAP → Docket → SMTP several times per journey.
test.describe.configure({ timeout: 120_000 });
test.use({ storageState: stateOf("admin") });

const TOKEN = /\+t(\d+)u(\d+)k[0-9a-f]{20}@/;
const REFERENCE = /\[([A-Z][A-Z0-9]*-\d+)\]/;

/** The ticket a Docket mail belongs to, read from its signed Reply-To address. */
function ticketOf(mail: ParsedMail): number {
  const match = replyAddress(mail).match(TOKEN);
  expect(match, `a signed reply token in ${replyAddress(mail)}`).not.toBeNull();
  return Number(match![1]);
}

function referenceOf(mail: ParsedMail): string {
  const match = (mail.subject ?? "").match(REFERENCE);
  expect(match, `a ticket reference in the subject ${mail.subject}`).not.toBeNull();
  return match![1];
}

/** The ingest log's row for the message with this subject (the newest first page). */
const logRowOn = (page: Page, subject: string, outcome: string) =>
  page.getByRole("row").filter({ hasText: subject }).filter({ hasText: outcome });

/** `logRowOn`, reloading the ingest log until the row is there. */
async function logRow(page: Page, subject: string, outcome: string) {
  const row = logRowOn(page, subject, outcome);
  await reloadUntil(page, "/admin/mail-log", async () => {
    await expect(row.first()).toBeVisible({ timeout: RECHECK });
  });
  return row;
}

let shared: Mailbox | undefined;

/**
 * The mailbox this project's email journeys share, added on the admin page (by `admin`) by the first journey that
 * needs it, so the form is still used with JavaScript on and off. Docket's poller takes up a new mailbox at its next
 * round, up to 5 s later; once it watches one (IMAP IDLE), mail comes in at once, so sharing saves that wait in all
 * journeys but the first. Each project runs in a worker of its own; a worker started again after a failure adds a
 * new mailbox.
 */
async function sharedMailbox(admin: Page): Promise<Mailbox> {
  shared ??= await addMailbox(admin, `Support ${stamp()}`);
  return shared;
}

test("an email becomes a ticket, the agent's reply is emailed with threading headers, and the answer lands on it", async ({
  page: admin,
  people,
}) => {
  const id = stamp();
  const customer = `pat-${id}@customer.e2e.test`;
  const subject = `Printer on fire ${id}`;
  // The admin sets the mailbox up and reads the log; the agent works in a window of their own.
  const mailbox = await sharedMailbox(admin);
  const page = await people("agent");

  await test.step("an email creates a ticket and the acknowledgment arrives", async () => {
    await deliver(
      mailbox,
      message({
        from: `Pat Mailer <${customer}>`,
        to: `Support <${mailbox.address}>`,
        subject,
        text: "The printer on floor 3 smells of smoke.\nPlease send someone.",
        messageId: `first-${id}@customer.e2e.test`,
      }),
    );
    const [ack] = await waitForMail(customer, 1);
    expect(ack.subject).toMatch(new RegExp(`^\\[[A-Z][A-Z0-9]*-\\d+\\] ${subject}$`));
    expect(header(ack, "Auto-Submitted")).toBe("auto-replied");
    expect(header(ack, "X-Docket-Loop")).not.toBe("");
    expect(ack.inReplyTo).toBe(`<first-${id}@customer.e2e.test>`);
    expect(references(ack)).toContain(`<first-${id}@customer.e2e.test>`);
    expect(ack.from?.value[0]?.address).toBe(mailbox.address);
    expect(replyAddress(ack)).toMatch(TOKEN);
    const reference = referenceOf(ack);

    const row = await logRow(admin, subject, "New ticket");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(customer);
    await expect(row).toContainText("acknowledgment queued");
    await row.getByRole("link", { name: reference, exact: true }).click();
    const ticketPath = `/agent/tickets/${ticketOf(ack)}`;
    await expect(admin).toHaveURL(atPath(ticketPath));
    await expect(h1(admin, subject)).toBeVisible();
    const first = admin.locator(".message", { hasText: "smells of smoke" });
    await expect(first.locator(".badge-email")).toHaveText("Email");
    // Marked sent once the SMTP server has answered, a moment after it captured the mail.
    await reloadUntil(admin, ticketPath, async () => {
      await expect(first.locator(".deliveries")).toContainText(`Acknowledgment emailed to ${customer}`, { timeout: RECHECK });
    });
  });

  const [ack] = await captured(customer);
  const ticketId = ticketOf(ack);
  const ticketPath = `/agent/tickets/${ticketId}`;
  const answer = `Unplug it and keep the door shut ${id}.`;
  await test.step("an agent replies in the UI and the email arrives with threading headers", async () => {
    await page.goto(ticketPath);
    await expect(h1(page, subject)).toBeVisible();
    await page.getByLabel("Reply to customer").check();
    await page.getByLabel("Message", { exact: true }).fill(answer);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const reply = page.locator(".message:not(.message-internal)", { hasText: answer });
    await expect(reply).toBeVisible();

    const mails = await waitForMail(customer, 2);
    expect(mails).toHaveLength(2);
    const agentMail = mails[1];
    expect(agentMail.subject).toBe(`Re: ${ack.subject}`);
    expect(agentMail.text).toContain(answer);
    expect(header(agentMail, "Auto-Submitted"), "a person wrote it").toBe("");
    expect(agentMail.messageId).toMatch(/^<.+@.+>$/);
    expect(agentMail.messageId).not.toBe(ack.messageId);
    expect([`<first-${id}@customer.e2e.test>`, ack.messageId]).toContain(agentMail.inReplyTo);
    expect(references(agentMail)).toContain(`<first-${id}@customer.e2e.test>`);
    expect(references(agentMail)).toContain(agentMail.inReplyTo);
    expect(ticketOf(agentMail)).toBe(ticketId);

    await reloadUntil(page, ticketPath, async () => {
      await expect(reply.locator(".deliveries")).toContainText(`Emailed to ${customer}`, { timeout: RECHECK });
    });
  });

  await test.step("a reply to that email lands on the same ticket", async () => {
    const agentMail = (await captured(customer))[1];
    const word = `thanks${id}`;
    await deliver(
      mailbox,
      message({
        from: `Pat Mailer <${customer}>`,
        to: replyAddress(agentMail),
        subject: `Re: ${agentMail.subject}`,
        text: `Done, the smoke has stopped. ${word}\n\nOn Monday, Alex Agent wrote:\n> ${answer}\n> Anything else?`,
        messageId: `second-${id}@customer.e2e.test`,
        inReplyTo: agentMail.messageId,
        references: [...references(agentMail), agentMail.messageId].join(" "),
      }),
    );
    const answered = page.locator(".message", { hasText: word });
    await reloadUntil(page, ticketPath, async () => {
      await expect(answered).toBeVisible({ timeout: RECHECK });
    });
    await expect(answered.locator(".badge-email")).toHaveText("Email");
    await expect(answered.locator("details.mail-quoted"), "the quoted history is folded away").toHaveCount(1);
    await expect(answered.locator("details.mail-quoted")).not.toHaveAttribute("open");
    await expect(page.locator(".page-header .badge-status-open")).toHaveText("Open");
    expect(await captured(customer), "a customer's reply is not acknowledged").toHaveLength(2);
  });

  const row = await logRow(admin, `Re: ${ack.subject}`, "Reply");
  await expect(row).toContainText(referenceOf(ack));
  await expect(row).toContainText("signed reply token");
});

test("an auto-responder's ping-pong stops at the automatic-mail cap", async ({ page }) => {
  const id = stamp();
  const mailbox = await sharedMailbox(page);
  const responder = `away-${id}@other-desk.e2e.test`;
  // A careless auto-responder: it answers every mail with a fresh one and marks none of them as automatic.
  const away = (n: number) =>
    message({
      from: `Away Bot <${responder}>`,
      to: mailbox.address,
      subject: `I am away (${id} #${n})`,
      text: `I am out of the office until next year. (${n})`,
      messageId: `away-${n}-${id}@other-desk.e2e.test`,
    });

  await deliver(mailbox, away(1));
  for (let n = 1; n <= 3; n++) {
    // Docket acknowledges the new ticket; the responder answers the acknowledgment with another fresh mail.
    const mails = await waitForMail(responder, n);
    expect(header(mails[n - 1], "Auto-Submitted")).toBe("auto-replied");
    await deliver(mailbox, away(n + 1));
  }

  // The 4th away mail still becomes a ticket (nothing is dropped), but nothing answers it.
  const fourth = await logRow(page, `I am away (${id} #4)`, "New ticket");
  await expect(fourth).toContainText("no acknowledgment, the sender's automatic-mail cap is reached");
  // The first three came in before it (each was answered before the next was sent): on the same page.
  for (const n of [1, 2, 3]) {
    await expect(logRowOn(page, `I am away (${id} #${n})`, "New ticket")).toContainText("acknowledgment queued");
  }
  const reference = (await fourth.locator("a[href^='/agent/tickets/']").textContent())!.trim();
  await fourth.getByRole("link", { name: reference, exact: true }).click();
  await expect(page.locator(".message", { hasText: "out of the office" })).toBeVisible();
  await expect(page.locator(".deliveries"), "no mail was queued for the 4th ticket").toHaveCount(0);
  // The 3rd ticket, by contrast, shows its acknowledgment on the message.
  await page.goto("/admin/mail-log");
  const third = page.getByRole("row").filter({ hasText: `I am away (${id} #3)` });
  await third.getByRole("link", { name: /-\d+$/ }).click();
  await expect(page.locator(".message", { hasText: "out of the office" }).locator(".deliveries")).toContainText(
    `Acknowledgment emailed to ${responder}`,
  );
  expect(await captured(responder)).toHaveLength(3);

  // A responder that says what it is (RFC 3834) is never answered at all.
  const polite = `polite-${id}@other-desk.e2e.test`;
  await deliver(
    mailbox,
    message({
      from: polite,
      to: mailbox.address,
      subject: `Automatic reply (${id})`,
      text: "I am away.",
      messageId: `polite-${id}@other-desk.e2e.test`,
      headers: { "Auto-Submitted": "auto-replied" },
    }),
  );
  const row = await logRow(page, `Automatic reply (${id})`, "automatic");
  await expect(row).toContainText("no acknowledgment, automatic mail");
  expect(await captured(polite)).toHaveLength(0);
});

test("mail from an agent's address without that agent's signed token is never posted as the agent", async ({ page }) => {
  const id = stamp();
  const customer = `kim-${id}@customer.e2e.test`;
  const subject = `Refund for order ${id}`;
  const mailbox = await sharedMailbox(page);
  await deliver(
    mailbox,
    message({
      from: `Kim Buyer <${customer}>`,
      to: mailbox.address,
      subject,
      text: "I was charged twice.",
      messageId: `refund-${id}@customer.e2e.test`,
    }),
  );
  const [ack] = await waitForMail(customer, 1);
  const ticketId = ticketOf(ack);

  const spoofed = `Refund approved, wire it to account ${id}`;
  // Threaded by its headers and the subject, but no token at all.
  await deliver(
    mailbox,
    message({
      from: `Alex Agent <${DEMO.agent}>`,
      to: mailbox.address,
      subject: `Re: ${ack.subject} (headers)`,
      text: spoofed,
      messageId: `spoof-a-${id}@attacker.e2e.test`,
      inReplyTo: ack.messageId,
      references: ack.messageId,
    }),
  );
  // Sent to the customer's own signed address: a valid token, but not the agent's.
  await deliver(
    mailbox,
    message({
      from: `Alex Agent <${DEMO.agent}>`,
      to: replyAddress(ack),
      subject: `Re: ${ack.subject} (token)`,
      text: spoofed,
      messageId: `spoof-b-${id}@attacker.e2e.test`,
    }),
  );
  for (const how of ["headers", "token"]) {
    const row = await logRow(page, `Re: ${ack.subject} (${how})`, "Quarantined");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(DEMO.agent);
    await expect(row).toContainText("never posted as the agent");
  }
  await page.goto(`/agent/tickets/${ticketId}`);
  await expect(h1(page, subject)).toBeVisible();
  await expect(page.locator(".message", { hasText: "charged twice" })).toBeVisible();
  await expect(page.getByText(spoofed)).toHaveCount(0);
  await expect(page.locator(".message")).toHaveCount(1);
});

test("mail into a thread from someone not on the ticket is held for an agent to make public or a ticket of its own", async ({
  page: admin,
  people,
}) => {
  const id = stamp();
  const customer = `nia-${id}@customer.e2e.test`;
  const subject = `Scanner jams ${id}`;
  const mailbox = await sharedMailbox(admin);
  const page = await people("agent");
  await deliver(mailbox, message({ from: customer, to: mailbox.address, subject, text: "It jams.", messageId: `open-${id}@customer.e2e.test` }));
  const [ack] = await waitForMail(customer, 1);
  const ticketPath = `/agent/tickets/${ticketOf(ack)}`;
  // Someone the notification reached, who is not on the ticket, answers in its thread.
  const outsider = (name: string, text: string) =>
    deliver(
      mailbox,
      message({
        from: `${name}-${id}@outside.e2e.test`,
        to: mailbox.address,
        subject: `Re: ${ack.subject}`,
        text,
        messageId: `${name}-${id}@outside.e2e.test`,
        inReplyTo: ack.messageId,
      }),
    );

  await outsider("olga", `Ours jams too ${id}.`);
  const olga = page.getByRole("group", { name: `Held mail from olga-${id}@outside.e2e.test` });
  await reloadUntil(page, ticketPath, async () => {
    await expect(olga).toBeVisible({ timeout: RECHECK });
  });
  const held = page.locator(".message", { hasText: `Ours jams too ${id}.` });
  await expect(held.locator(".badge-internal")).toHaveText("Internal note");
  await olga.getByRole("button", { name: "Make public", exact: true }).click();
  await expect(held.locator(".badge-internal")).toHaveCount(0);
  await expect(olga).toHaveCount(0);

  await outsider("pete", `Different: my printer ${id}.`);
  const pete = page.getByRole("group", { name: `Held mail from pete-${id}@outside.e2e.test` });
  await reloadUntil(page, ticketPath, async () => {
    await expect(pete).toBeVisible({ timeout: RECHECK });
  });
  await pete.getByRole("button", { name: "Turn into a new ticket", exact: true }).click();
  await expect(h1(page, `${subject} (from pete-${id}@outside.e2e.test)`)).toBeVisible();
  expect(new URL(page.url()).pathname).not.toBe(ticketPath);
  await expect(page.locator(".message", { hasText: `Different: my printer ${id}.` })).toBeVisible();

  const row = await logRow(admin, `Re: ${ack.subject}`, "Held as an internal note");
  await expect(row.first()).toContainText("outside.e2e.test");
});
