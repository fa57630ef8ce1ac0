// Mail for the email journeys: inbound mail is put into the test command's IMAP server (dovecot), outbound mail is
// read from its SMTP capture server, and a mailbox pointing at both is set up through the admin pages.
import { ImapFlow } from "imapflow";
import { simpleParser, type ParsedMail } from "mailparser";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect } from "./helpers";

export type { ParsedMail };

interface MailServers {
  imapHost: string;
  imapPort: number;
  imapPassword: string;
  smtpHost: string;
  smtpPort: number;
  capture: string;
}

function hostPort(value: string): [string, number] {
  const at = value.lastIndexOf(":");
  return [value.slice(0, at), Number(value.slice(at + 1))];
}

/** The servers scripts/lib/mail.sh started; the journeys cannot run without them. */
export function mailServers(): MailServers {
  const { DOCKET_TEST_IMAP, DOCKET_TEST_IMAP_PASSWORD, DOCKET_TEST_SMTP, DOCKET_TEST_SMTP_CAPTURE } = process.env;
  if (!DOCKET_TEST_IMAP || !DOCKET_TEST_IMAP_PASSWORD || !DOCKET_TEST_SMTP || !DOCKET_TEST_SMTP_CAPTURE) {
    throw new Error(
      "The email journeys need the test command's IMAP and SMTP capture servers: run scripts/test-all, " +
        "or start them with scripts/lib/mail.sh (mail_start) and source the env file it writes.",
    );
  }
  const [imapHost, imapPort] = hostPort(DOCKET_TEST_IMAP);
  const [smtpHost, smtpPort] = hostPort(DOCKET_TEST_SMTP);
  return { imapHost, imapPort, imapPassword: DOCKET_TEST_IMAP_PASSWORD, smtpHost, smtpPort, capture: DOCKET_TEST_SMTP_CAPTURE };
}

/** A name no other journey, project or run uses: for IMAP accounts, addresses and subjects. */
export function stamp(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

export interface Mailbox {
  id: number;
  address: string;
  imapUser: string;
}

/**
 * Adds a mailbox on the admin page, as the signed-in admin: IMAP polling of its own account on the test IMAP server,
 * and outgoing mail through the capture server. Docket's poller finds it within seconds.
 */
export async function addMailbox(page: Page, name: string): Promise<Mailbox> {
  const servers = mailServers();
  const imapUser = `desk-${stamp()}`;
  const address = `${imapUser}@desk.e2e.test`;
  await page.goto("/admin/mailboxes");
  await expect(page.getByRole("heading", { level: 2, name: "New mailbox" })).toBeVisible();
  const form = page.locator("form", { has: page.getByRole("button", { name: "Add mailbox", exact: true }) });
  await form.locator("#new-name").fill(name);
  await form.locator("#new-address").fill(address);
  await form.getByLabel("IMAP polling").check();
  await form.locator("#new-imap_host").fill(servers.imapHost);
  await form.locator("#new-imap_port").fill(String(servers.imapPort));
  await form.locator("#new-imap_username").fill(imapUser);
  await form.locator("#new-imap_password").fill(servers.imapPassword);
  await form.getByLabel("Connect with TLS").uncheck();
  await form.locator("#new-smtp_host").fill(servers.smtpHost);
  await form.locator("#new-smtp_port").fill(String(servers.smtpPort));
  await form.locator("#new-smtp_security").selectOption("none");
  await form.getByRole("button", { name: "Add mailbox", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/mailboxes\/\d+\?created=1$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const id = Number(new URL(page.url()).pathname.split("/").pop());
  return { id, address, imapUser };
}

/** Puts a raw message into the mailbox's IMAP INBOX, as an MTA delivering it would. */
export async function deliver(mailbox: Mailbox, raw: string): Promise<void> {
  const servers = mailServers();
  const client = new ImapFlow({
    host: servers.imapHost,
    port: servers.imapPort,
    secure: false,
    doSTARTTLS: false,
    auth: { user: mailbox.imapUser, pass: servers.imapPassword },
    logger: false,
  });
  await client.connect();
  try {
    await client.append("INBOX", raw);
  } finally {
    await client.logout();
  }
}

export interface Outline {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
}

/** An RFC 5322 message with CRLF line ends. */
export function message(m: Outline): string {
  const lines = [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${m.subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${m.messageId}>`,
    ...(m.inReplyTo ? [`In-Reply-To: ${m.inReplyTo}`] : []),
    ...(m.references ? [`References: ${m.references}`] : []),
    ...Object.entries(m.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    ...m.text.split("\n"),
  ];
  return lines.join("\r\n") + "\r\n";
}

async function capturedFiles(recipient: string): Promise<string[]> {
  const dir = path.join(mailServers().capture, recipient.toLowerCase());
  try {
    return (await readdir(dir))
      .filter((name) => name.endsWith(".eml"))
      .sort()
      .map((name) => path.join(dir, name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Every message the capture server has received for this recipient, oldest first. */
export async function captured(recipient: string): Promise<ParsedMail[]> {
  const files = await capturedFiles(recipient);
  return Promise.all(files.map(async (file) => simpleParser(await readFile(file))));
}

/** Waits until at least `count` messages have reached the recipient, and returns them all. */
export async function waitForMail(recipient: string, count: number): Promise<ParsedMail[]> {
  await expect
    .poll(async () => (await capturedFiles(recipient)).length, {
      message: `${count} mail(s) to ${recipient} at the SMTP capture server`,
      timeout: 30_000,
      // Reading a directory is cheap: look often rather than wait out the default's growing pauses (up to 1 s).
      intervals: [100],
    })
    .toBeGreaterThanOrEqual(count);
  return captured(recipient);
}

/** A header of a captured message, as one trimmed string ("" when absent). */
export function header(mail: ParsedMail, name: string): string {
  const value = mail.headers.get(name.toLowerCase());
  if (value === undefined) return "";
  return (typeof value === "string" ? value : JSON.stringify(value)).trim();
}

/** The Reply-To address: the signed per-ticket address replies go to. */
export function replyAddress(mail: ParsedMail): string {
  const address = mail.replyTo?.value[0]?.address;
  expect(address, "the mail has a Reply-To address").toBeTruthy();
  return address!;
}

/** The list of ids in a References header. */
export function references(mail: ParsedMail): string[] {
  const refs = mail.references;
  if (!refs) return [];
  return Array.isArray(refs) ? refs : refs.split(/\s+/).filter(Boolean);
}

/**
 * How long a `reloadUntil` check waits on one load. The server renders the whole page before `goto` returns, so what
 * is not there at once comes with a later load: retrying soon beats waiting long.
 */
export const RECHECK = 200;

/** Reloads `path` until `check` passes: a page that was rendered before mail arrived shows it after a reload. */
export async function reloadUntil(page: Page, path: string, check: () => Promise<void>): Promise<void> {
  await expect(async () => {
    await page.goto(path);
    await check();
  }).toPass({ timeout: 30_000, intervals: [100, 200, 400] });
}
