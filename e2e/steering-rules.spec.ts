import { expect, test, type APIRequestContext } from '@playwright/test';
import type { Result } from '../protocol/result';
import type { SteeringConfig } from '../protocol/steering';
import { E2E } from './fixtures/e2e-env';
import { DashboardPage } from './pages/dashboard-page';

/**
 * The steering rules dialog (inbox → Rules): a person turns a rule off, changes a threshold
 * and a message; the server has them at once and keeps them across a reload; a bad value is
 * refused in the form; a change made through the API shows up in the open dialog.
 */
test.describe.configure({ mode: 'serial' });

const headers = { authorization: `Bearer ${E2E.token}` };
const configOf = async (request: APIRequestContext): Promise<SteeringConfig> => {
  const body = (await (await request.get(`${E2E.baseUrl}/api/steering/config`, { headers })).json()) as Result<SteeringConfig>;
  if (!body.ok) throw new Error(body.error.message);
  return body.value;
};
let before: SteeringConfig;
test.beforeAll(async ({ request }) => {
  before = await configOf(request);
});
// The data folder outlives this spec: put every rule back as it was for the specs after it.
test.afterAll(async ({ request }) => {
  await request.put(`${E2E.baseUrl}/api/steering/config`, { headers, data: before });
});

test('rules dialog: turn a rule off, change a threshold and a message; saved, in force and kept across a reload', async ({ page, request }) => {
  const dash = new DashboardPage(page);
  await dash.open();
  const dialog = await dash.steering.openSteeringRules();
  await expect(dialog.getByTestId('rule-enabled-planning-without-code')).toBeChecked();
  await expect(dialog.getByTestId('rule-threshold-repeated-error-repeats')).toHaveValue(String(before['repeated-error'].thresholds['repeats']));
  // Thresholds read in words, not as the config's keys.
  await expect(dialog.getByTestId('rule-repeated-error')).toContainText('same error, times');
  await expect(dialog.getByTestId('rule-repeated-error')).not.toContainText('repeats');

  await dash.steering.editSteeringRule('repeated-error', { thresholds: { repeats: -1 } });
  await page.getByTestId('steering-rules-save').click();
  await expect(page.getByTestId('steering-rules-error')).toContainText('repeated-error: repeats must be a number, 0 or more');
  expect((await configOf(request))['repeated-error']).toEqual(before['repeated-error']);

  await dash.steering.editSteeringRule('planning-without-code', { enabled: false });
  await dash.steering.editSteeringRule('repeated-error', { thresholds: { repeats: 5 } });
  await dash.steering.editSteeringRule('waiting-too-long', { message: 'Approve it: {question}' });
  await dash.steering.saveSteeringRules();
  const saved = await configOf(request);
  expect(saved['planning-without-code'].enabled).toBe(false);
  expect(saved['repeated-error'].thresholds).toEqual({ repeats: 5 });
  expect(saved['waiting-too-long'].message).toBe('Approve it: {question}');
  expect(saved['todo-stubs']).toEqual(before['todo-stubs']);

  await dash.reload();
  await dash.steering.openSteeringRules();
  await expect(page.getByTestId('rule-planning-without-code')).toHaveAttribute('data-enabled', 'false');
  await expect(page.getByTestId('rule-enabled-planning-without-code')).not.toBeChecked();
  await expect(page.getByTestId('rule-threshold-repeated-error-repeats')).toHaveValue('5');
  await expect(page.getByTestId('rule-message-waiting-too-long')).toHaveValue('Approve it: {question}');

  // Changed elsewhere while the dialog is open and untouched: the form follows.
  await request.put(`${E2E.baseUrl}/api/steering/config`, { headers, data: { 'planning-without-code': { enabled: true } } });
  await expect(page.getByTestId('rule-enabled-planning-without-code')).toBeChecked();
});
