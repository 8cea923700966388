// Steps shared by the 党费 journeys (80–85).
import type { Page } from 'playwright-core';

export async function rateText(page: Page): Promise<string> {
  const el = page.getByTestId('dues-report-rate');
  await el.waitFor();
  return (await el.innerText()).trim();
}
