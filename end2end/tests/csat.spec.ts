// Satisfaction surveys through the real mail path: an agent solves a request that came by email, the solved mail asks
// how the support was with one link per rating, the customer clicks one in a fresh browser without signing in (the
// click is the answer), adds a comment on the page, and the agent reads both on the ticket.
import { test, expect, atPath, h1, stateOf } from "./helpers";
import { addMailbox, deliver, message, stamp, waitForMail, type ParsedMail } from "./mail";

test.describe.configure({ timeout: 120_000 });
test.use({ storageState: stateOf("admin") });

/** The path of the rating link for `words` ("Good", "Excellent", …) in a captured mail. */
function ratingLink(mail: ParsedMail, words: string): string {
  const match = (mail.text ?? "").match(new RegExp(`${words}: (\\S+/rate/[0-9a-f]+\\?rating=\\d)`));
  expect(match, `a rating link for ${words} in: ${mail.text}`).not.toBeNull();
  const url = new URL(match![1]);
  return `${url.pathname}${url.search}`;
}

test("a customer rates a solved ticket from the mail without signing in, and the agent sees it", async ({
  page: admin,
  visitor,
}) => {
  const box = await addMailbox(admin, `Survey ${stamp()}`);
  const id = stamp();
  const customer = `nora-${id}@newcomer.e2e.test`;
  const subject = `Monitor flickers ${id}`;
  await deliver(box, message({ from: customer, to: box.address, subject, text: "It flickers at night.", messageId: `${id}@customer.e2e.test` }));
  const [ack] = await waitForMail(customer, 1);
  const access = (ack.text ?? "").match(/\/access\/[0-9a-f]+/);
  expect(access, `a magic link in: ${ack.text}`).not.toBeNull();

  // The ticket's number, from the page its acknowledgment opens.
  const opener = await visitor();
  await opener.goto(access![0]);
  await expect(opener).toHaveURL(/\/portal\/tickets\/\d+$/);
  const agentPath = new URL(opener.url()).pathname.replace("/portal/", "/agent/");

  await admin.goto(agentPath);
  await expect(h1(admin, subject)).toBeVisible();
  await admin.getByLabel("Status", { exact: true }).selectOption({ label: "Solved" });
  await admin.getByRole("button", { name: "Save changes", exact: true }).click();
  const survey = admin.getByRole("region", { name: "Satisfaction", exact: true });
  await expect(survey.getByText("Asked; no answer yet.")).toBeVisible();

  const mails = await waitForMail(customer, 2);
  const solved = mails[1];
  expect(solved.subject).toContain("Solved");
  expect(solved.text).toContain("How would you rate the support you received?");

  const nora = await visitor();
  await nora.goto(ratingLink(solved, "Good"));
  await expect(h1(nora, "Rate the support you received")).toBeVisible();
  await expect(nora.getByRole("status").filter({ hasText: "Good (4 of 5)" })).toContainText(subject);
  await expect(nora.getByRole("radio", { name: "Good", exact: true })).toBeChecked();
  await nora.getByRole("radio", { name: "Excellent", exact: true }).check();
  await nora.getByLabel("Comment (optional)").fill("Fixed before lunch, thank you.");
  await nora.getByRole("button", { name: "Save my answer", exact: true }).click();
  await expect(nora).toHaveURL(/\/rate\/[0-9a-f]+\?saved=1$/);
  await expect(nora.getByText("Your answer is saved.")).toBeVisible();
  await expect(nora.getByRole("status").filter({ hasText: "Excellent (5 of 5)" })).toBeVisible();
  await nora.goto("/portal");
  await expect(nora, "the rating link signs nobody in").toHaveURL(atPath("/signin"));

  await admin.reload();
  await expect(survey.getByText("Excellent (5 of 5)")).toBeVisible();
  await expect(survey.getByText("Fixed before lunch, thank you.")).toBeVisible();

  const forged = await visitor();
  await forged.goto(ratingLink(solved, "Poor").replace(/[0-9a-f]\?/, (c) => (c === "0?" ? "1?" : "0?")));
  await expect(forged.getByRole("alert")).toContainText("This rating link does not work");
});
