/**
 * How every browser test and benchmark starts Chromium: the distribution's package
 * (`apt-get install chromium`), headless, with background networking off so the browser only
 * talks to the product under test. Playwright's own browser builds are not used.
 */
export const chromiumLaunchOptions = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
  ],
};
