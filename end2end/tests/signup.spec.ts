// Sign-up journeys: a new customer registers, signs out and back in; sign-up field errors; a rejected sign-in.
import type { Page } from "@playwright/test";
import { test, expect, atPath, h1, mainNav, fillSignUp, signIn, signOut, signUp, uniqueEmail, DEMO } from "./helpers";

const createAccount = (page: Page) => page.getByRole("button", { name: "Create account", exact: true });

test("a new customer signs up, signs out and signs back in", async ({ page }) => {
  const email = uniqueEmail();
  const password = "correct-horse-battery";

  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign in", exact: true }).first()).toHaveAttribute("href", "/signin");
  await page.getByRole("link", { name: "Create an account", exact: true }).first().click();
  await expect(page).toHaveURL(atPath("/signup"));
  await expect(h1(page, "Create your account")).toBeVisible();

  await signUp(page, "E2E Customer", email, password);
  await expect(h1(page, "My requests")).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "My requests", exact: true })).toBeVisible();

  await signOut(page);
  await signIn(page, email, password);
  await expect(page).toHaveURL(atPath("/portal"));
  await expect(h1(page, "My requests")).toBeVisible();
});

test("sign-up explains a malformed email and a short password", async ({ page }) => {
  await fillSignUp(page, "E2E Customer", "not-an-email", "abc");
  // Skip the browser's own form checks so that the server's messages are what is tested.
  await page.locator("form").filter({ has: createAccount(page) }).evaluate((form: HTMLFormElement) => {
    form.noValidate = true;
  });
  await createAccount(page).click();

  await expect(page.locator("p.field-error", { hasText: "Enter a valid email address" })).toBeVisible();
  await expect(page.locator("p.field-error", { hasText: "Use at least 10 characters" })).toBeVisible();
  await expect(page).toHaveURL(atPath("/signup"));
});

test("sign-up refuses an email that already has an account", async ({ page }) => {
  await fillSignUp(page, "Someone Else", DEMO.customer, "long-enough-password");
  await createAccount(page).click();

  await expect(page.locator("p.field-error", { hasText: "An account with this email already exists" })).toBeVisible();
  await expect(page).toHaveURL(atPath("/signup"));
});

test("a wrong password is refused with a generic message", async ({ page }) => {
  await signIn(page, DEMO.customer, "not-the-demo-password");

  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect" })).toBeVisible();
  await expect(page).toHaveURL(atPath("/signin"));
});
