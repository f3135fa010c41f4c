import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. Screenshots stay under test-results/ as artifacts.
export default defineConfig({
  testDir: 'e2e/browser',
  testMatch: '*.spec.ts',
  outputDir: 'test-results',
  workers: 1,
  timeout: 60_000,
  // Waits end as soon as the condition holds; the margin is for a slow, fresh CI machine, not for passing runs.
  expect: { timeout: 15_000 },
  // Step durations in the log, so a slow run on CI says which phase was slow.
  reporter: [['list', { printSteps: true }]],
  preserveOutput: 'always',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 380, height: 560 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        // The suite runs inside a private D-Bus session with an unlocked GNOME Keyring (for the product's own
        // keychain tests). The browser needs neither: keep it off the keyring and the accessibility bus, whose
        // first use on a fresh machine can stall a window for a D-Bus timeout.
        '--password-store=basic',
      ],
      env: { ...process.env, NO_AT_BRIDGE: '1', DBUS_SESSION_BUS_ADDRESS: 'disabled:' },
    },
  },
});
