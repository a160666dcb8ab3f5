import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deploymentSmsCallbackUrls } from '../../src/channels/sms/index.ts';
import { runCli } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';

// `opsdesk sms callback-urls` (issue 61 item 2): the operator of the deployment's Africa's Talking
// account reads the URLs to paste in its dashboard here, since no organization is shown them.

const SECRET = 'sms-cli-secret-key-0123456789abcdef0123456789';
// Each run boots the CLI (and the app: settings, database) in a fresh node process.
const SLOW = 120_000;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const freshEnv = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsdesk-cli-sms-'));
  dirs.push(dir);
  return { ...(await freshDatabaseEnv(dir)), OPSDESK_SECRET_KEY: SECRET };
};

describe('opsdesk sms callback-urls', () => {
  it(
    "prints the deployment's account's delivery-report and incoming-message URLs, under its key",
    async () => {
      const env = {
        ...(await freshEnv()),
        OPSDESK_PUBLIC_URL: 'https://ops.example.rw/',
        AFRICASTALKING_USERNAME: 'kigalipower',
        AFRICASTALKING_API_KEY: 'atsk_deployment_key_0001',
      };
      const { code, output } = await runCli(['sms', 'callback-urls'], env);
      expect(code, output).toBe(0);
      const urls = deploymentSmsCallbackUrls({
        publicUrl: 'https://ops.example.rw',
        secretKey: SECRET,
        provider: 'africastalking',
        username: 'kigalipower',
      });
      expect(urls.deliveryReportsUrl).toMatch(
        /^https:\/\/ops\.example\.rw\/webhooks\/sms\/africastalking\/[\w-]{32}\/delivery$/,
      );
      expect(output).toContain(`Delivery reports:  ${urls.deliveryReportsUrl}\n`);
      expect(output).toContain(`Incoming messages: ${urls.incomingMessagesUrl}\n`);
    },
    SLOW,
  );

  it(
    'says the deployment has no SMS account when none is set, and exits 1',
    async () => {
      const { code, output } = await runCli(['sms', 'callback-urls'], await freshEnv());
      expect(code).toBe(1);
      expect(output).toMatch(/opsdesk: the deployment has no SMS account: set AFRICASTALKING_USERNAME/);
    },
    SLOW,
  );
});
