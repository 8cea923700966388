// Steps shared by the 党费 journeys (80–85).
import type { Page } from 'playwright-core';

export async function rateText(page: Page): Promise<string> {
  const el = page.getByTestId('dues-report-rate');
  await el.waitFor();
  return (await el.innerText()).trim();
}

/** The report's collection rate once it reads other than `before` (the report refetches after a payment). */
export async function rateChangedFrom(page: Page, before: string): Promise<string> {
  await page.waitForFunction((b) => {
    const t = document.querySelector('[data-testid="dues-report-rate"]')?.textContent?.trim();
    return t !== undefined && t !== b;
  }, before);
  return rateText(page);
}
