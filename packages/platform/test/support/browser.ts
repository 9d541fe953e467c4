// Headless Chromium for the tests that use the pages as a person does, and where their
// screenshots go. The tests need /usr/bin/chromium (apt-get install -y chromium); without it
// they are skipped with a message.

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Where the platform's browser tests save their screenshots, one folder each. */
export const SCREENSHOTS = path.resolve(
  import.meta.dirname,
  '../../../../test-results/screenshots',
);

/** Whether Chromium is installed; if not, says which test is skipped and why. */
export function chromiumAvailable(test: string): boolean {
  const available = existsSync(CHROMIUM);
  if (!available) {
    console.warn(`Skipping ${test}: ${CHROMIUM} is not installed (apt-get install -y chromium).`);
  }
  return available;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves `<dir>/<name>.png` of a page: the whole page, or only what is in view. */
export function screenshotsIn(dir: string) {
  return (page: Page, name: string, fullPage = true) => {
    mkdirSync(dir, { recursive: true });
    return page.screenshot({ path: path.join(dir, `${name}.png`), fullPage });
  };
}

/** The widths the portal is checked at: a wide desktop and a small phone. */
export const DESKTOP = { width: 1920, height: 1080 };
export const PHONE = { width: 375, height: 812 };

/**
 * What sticks out sideways on the page: the page itself wider than the window, or a card
 * (`selector`) whose content is wider than the card. Each as `what: content > box` in CSS
 * pixels; empty when nothing does. Elements that scroll by design (Swagger UI's code samples)
 * are left out by choosing the selector.
 */
export function horizontalOverflow(page: Page, selector = 'section.card'): Promise<string[]> {
  return page.evaluate((cards) => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      found.push(`the page: ${root.scrollWidth} > ${root.clientWidth}`);
    }
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(cards))) {
      if (element.scrollWidth > element.clientWidth + 1) {
        const name = element.id
          ? `#${element.id}`
          : (element.querySelector('h1,h2')?.textContent ?? element.tagName);
        found.push(`${name}: ${element.scrollWidth} > ${element.clientWidth}`);
      }
    }
    return found;
  }, selector);
}
