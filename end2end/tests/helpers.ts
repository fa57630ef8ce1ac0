// Shared pieces for the Docket journeys: demo accounts and their shared sessions, sign-in/up/out, the hydration
// proof, a console-error guard.
import { test as base, expect, type APIRequestContext, type BrowserContext, type Page, type TestInfo } from "@playwright/test";
import path from "node:path";

export { expect };

export const DEMO_PASSWORD = "docket-demo-password";
export const DEMO = {
  admin: "admin@example.com",
  agent: "agent@example.com",
  customer: "customer@example.com",
};

/**
 * The demo people whose sessions the journeys share. `auth.setup.ts` signs each in once per Playwright run, through
 * the sign-in form, and saves the cookies to `stateOf(who)`; a journey that is not about signing in starts from
 * there (`test.use({ storageState: stateOf("agent") })`, or `people("sam")` for a second person). A journey must
 * never sign a shared person out or change their password: that would end the session for every later journey.
 */
export const PEOPLE = {
  customer: { email: DEMO.customer, home: "/portal" },
  agent: { email: DEMO.agent, home: "/agent" },
  admin: { email: DEMO.admin, home: "/agent" },
  sam: { email: "sam.rivera@example.com", home: "/agent" },
  robin: { email: "robin.reyes@example.com", home: "/agent" },
} as const;
export type Person = keyof typeof PEOPLE;

const AUTH_DIR = path.join(__dirname, "..", ".auth");

/** The storage state (session cookie) file of a demo person, written by `auth.setup.ts`. */
export const stateOf = (who: Person) => path.join(AUTH_DIR, `${who}.json`);

/** Whether this project runs with JavaScript (the `js` project and the sign-in setup) or without (`nojs`). */
export const jsOn = (testInfo: TestInfo = base.info()) => testInfo.project.use.javaScriptEnabled !== false;

/** An email nobody has used yet: both projects share one server and one database. */
export function uniqueEmail(): string {
  return `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 10)}@example.com`;
}

/** Matches a URL by its path alone, whatever its query string (`?next=…`, a no-JS form's error, …). */
export const atPath = (path: string) => (url: URL) => url.pathname === path;

export const h1 = (page: Page, name: string) => page.getByRole("heading", { level: 1, name, exact: true });

export const mainNav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** The <input> with this label (never the reveal button, whatever that button is labelled). */
export const field = (page: Page, label: string) => page.locator("input").and(page.getByLabel(label));

/**
 * `test`, failing any js-project test in which a page logs a console error or throws (a panic, a hydration error):
 * `page`, and every page opened with `people` or `ownSession`.
 * The browser's own "Failed to load resource" note for a page or server call answering with an HTTP error is not
 * counted: the tests check those outcomes themselves (403 and 404 pages, rejected sign-ins and sign-ups).
 * A missing script, stylesheet or .wasm file still counts.
 */
export const test = base.extend<{
  consoleGuard: { watch: (page: Page) => void };
  people: (who: Person) => Promise<Page>;
  ownSession: (email: string, password: string) => Promise<Page>;
  visitor: () => Promise<Page>;
}>({
  consoleGuard: [
    async ({ page }, use, testInfo) => {
      const js = jsOn(testInfo);
      const errors: { text: string; url: string; on?: string }[] = [];
      const answeredWithError = new Set<string>();
      const watch = (watched: Page) => {
        if (!js) return;
        watched.on("console", (msg) => {
          if (msg.type() === "error") errors.push({ text: msg.text(), url: msg.location().url, on: watched.url() });
        });
        watched.on("pageerror", (error) => errors.push({ text: `uncaught: ${error.stack || error.message}`, url: "" }));
        watched.on("response", (response) => {
          const kind = response.request().resourceType();
          if (response.status() >= 400 && ["document", "fetch", "xhr", "eventsource"].includes(kind)) answeredWithError.add(response.url());
        });
      };
      watch(page);
      await use({ watch });
      if (!js) return;
      const unexpected = errors
        .filter((e) => !(e.text.startsWith("Failed to load resource") && answeredWithError.has(e.url)))
        .map((e) => (e.url ? `${e.text} (${e.url})` : e.text) + (e.on ? ` on ${e.on}` : ""));
      expect(unexpected, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],

  /**
   * Opens a page for another demo person, in a browser context of their own holding their shared session, with the
   * project's JavaScript setting. Closed at the end of the test.
   */
  people: async ({ browser, consoleGuard }, use, testInfo) => {
    const opened: BrowserContext[] = [];
    await use(async (who) => {
      const context = await browser.newContext({ storageState: stateOf(who), javaScriptEnabled: jsOn(testInfo) });
      opened.push(context);
      const page = await context.newPage();
      consoleGuard.watch(page);
      return page;
    });
    for (const context of opened) await context.close();
  },

  /** Opens a page in a fresh browser context with no session: someone following a link from their mail. */
  visitor: async ({ browser, consoleGuard }, use, testInfo) => {
    const opened: BrowserContext[] = [];
    await use(async () => {
      // An empty state of its own: a context opened in a test otherwise inherits the test's `storageState`, and
      // starting a session there would end the shared person's session for every later journey.
      const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, javaScriptEnabled: jsOn(testInfo) });
      opened.push(context);
      const page = await context.newPage();
      consoleGuard.watch(page);
      return page;
    });
    for (const context of opened) await context.close();
  },

  /**
   * Opens a page in a browser context with a session of its own for `email`, signed in through the sign-in server
   * function (no form, no page): for a journey that ends its session (signs out) and so cannot use a shared one.
   */
  ownSession: async ({ browser, consoleGuard }, use, testInfo) => {
    const opened: BrowserContext[] = [];
    await use(async (email, password) => {
      // An empty state of its own: a context opened in a test otherwise inherits the test's `storageState`, and
      // starting a session there would end the shared person's session for every later journey.
      const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, javaScriptEnabled: jsOn(testInfo) });
      opened.push(context);
      const response = await context.request.post("/fn/sign_in", {
        form: { email, password },
        headers: { accept: "application/json" },
      });
      expect(response.ok(), `sign in ${email}: ${response.status()} ${await response.text()}`).toBe(true);
      const page = await context.newPage();
      consoleGuard.watch(page);
      return page;
    });
    for (const context of opened) await context.close();
  },
});

/**
 * Proves, on /signin or /signup, which kind of page this is.
 * js: waits until the app's WebAssembly has hydrated (it sets <body data-hydrated="true">), then the reveal button
 * must turn the password field into plain text. nojs: the same click must change nothing, so JS really is off.
 */
export async function expectHydrated(page: Page, testInfo: TestInfo): Promise<void> {
  const js = jsOn(testInfo);
  if (js) await page.waitForFunction(() => document.body.dataset.hydrated === "true", undefined, { timeout: 20_000 });
  const password = field(page, "Password");
  const reveal = page.getByTestId("reveal-password");
  await expect(password).toHaveAttribute("type", "password");
  await expect(reveal).toHaveText("Show");
  await expect(reveal, "a type=button reveal can't submit the form without JS").toHaveAttribute("type", "button");
  await reveal.click();
  await expect(password).toHaveAttribute("type", js ? "text" : "password");
  await expect(reveal).toHaveText(js ? "Hide" : "Show");
}

/** Opens the sign-in form (`/signin`, or e.g. `/signin?next=…`), proves hydration and submits. */
export async function signIn(page: Page, email: string, password: string, from = "/signin"): Promise<void> {
  await page.goto(from);
  await expect(h1(page, "Sign in")).toBeVisible();
  await expectHydrated(page, test.info());
  await field(page, "Email").fill(email);
  await field(page, "Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Opens /signup, proves hydration and fills the form without sending it. */
export async function fillSignUp(page: Page, name: string, email: string, password: string): Promise<void> {
  await page.goto("/signup");
  await expect(h1(page, "Create your account")).toBeVisible();
  await expectHydrated(page, test.info());
  await field(page, "Name").fill(name);
  await field(page, "Email").fill(email);
  await field(page, "Password").fill(password);
}

/** Signs up a new customer and waits for their portal. */
export async function signUp(page: Page, name: string, email: string, password: string): Promise<void> {
  await fillSignUp(page, name, email, password);
  await page.getByRole("button", { name: "Create account", exact: true }).click();
  await expect(page).toHaveURL(atPath("/portal"));
}

/** Signs out from the top bar and checks the landing page is back. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(atPath("/"));
  await expect(page.getByRole("link", { name: "Sign in", exact: true }).first()).toBeVisible();
}

/** Calls a server function the way a script would (no Origin header, form-encoded, JSON back): for a journey's setup. */
export async function call(request: APIRequestContext, name: string, form: Record<string, string>): Promise<unknown> {
  const response = await request.post(`/fn/${name}`, { form, headers: { accept: "application/json" } });
  expect(response.status(), `${name}: ${await response.text()}`).toBe(200);
  return response.json();
}
