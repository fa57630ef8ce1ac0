// Account journey: a new customer changes their password; afterwards only the new one signs in.
import { test, expect, atPath, field, h1, mainNav, signIn, signOut, signUp, uniqueEmail } from "./helpers";

test("a customer changes their password", async ({ page }) => {
  const email = uniqueEmail();
  const oldPassword = "first-password-123";
  const newPassword = "second-password-456";
  await signUp(page, "E2E Account", email, oldPassword);

  await mainNav(page).getByRole("link", { name: "Account", exact: true }).click();
  await expect(page).toHaveURL(atPath("/account"));
  await expect(h1(page, "Account")).toBeVisible();
  await field(page, "Current password").fill(oldPassword);
  await field(page, "New password").fill(newPassword);
  await page.getByRole("button", { name: "Change password", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();

  await signOut(page);
  await signIn(page, email, oldPassword);
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect" })).toBeVisible();

  await signIn(page, email, newPassword);
  await expect(page).toHaveURL(atPath("/portal"));
  await expect(h1(page, "My requests")).toBeVisible();
});
