// Choosing from an antd Select the way a person does: open it, click the option, and wait until the dropdown is gone.
import type { Locator, Page } from 'playwright-core';

const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

/** The options of the dropdown that is open now (closed dropdowns stay in the DOM, hidden). */
export function openOptions(page: Page): Locator {
  return page.locator(`${OPEN_DROPDOWN} .ant-select-item-option`);
}

/**
 * Opens the select `testId` and picks the option matching `choice` (text or index; the first when omitted); returns its label.
 * A click that lands while the dropdown is still opening can be lost, leaving it open over the form (journey 15 failed so
 * in CI): so the dropdown must close, and the click is made again if it did not.
 */
export async function chooseOption(page: Page, testId: string, choice?: string | RegExp | number): Promise<string> {
  await page.getByTestId(testId).click();
  const options = openOptions(page);
  const option = typeof choice === 'number' ? options.nth(choice) : choice === undefined ? options.first() : options.filter({ hasText: choice }).first();
  await option.waitFor();
  const label = (await option.innerText()).trim();
  const open = page.locator(OPEN_DROPDOWN);
  for (let attempt = 0; ; attempt++) {
    await option.scrollIntoViewIfNeeded();
    await option.click();
    try {
      await open.waitFor({ state: 'hidden', timeout: 5_000 });
      return label;
    } catch (err) {
      if (attempt >= 2) throw err;
    }
  }
}
