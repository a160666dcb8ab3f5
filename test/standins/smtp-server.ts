import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CaughtMail } from '../../src/channels/email/index.ts';
import { eventually } from '../support/eventually.ts';

/** One message the SMTP server accepted, parsed. */
export type ReceivedMail = CaughtMail;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SmtpProcess {
  port: number;
  /** Everything the server accepted, oldest first. */
  messages(): Promise<ReceivedMail[]>;
  /** Waits until at least `count` messages arrived. */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Refuses the next `count` transactions with an SMTP reply (451: try later; 550: never). */
  failNext(count: number, code?: number): Promise<void>;
  /** Stops the process ("the relay is down"); start another on the same `port` to bring it back. */
  stop(): Promise<void>;
}

/** Starts `smtp-server-process.ts` as a child process and waits until it listens. */
export async function startSmtpProcess(options: { port?: number } = {}): Promise<SmtpProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/standins/smtp-server-process.ts'], {
    cwd: ROOT,
    env: { ...process.env, SMTP_PORT: String(options.port ?? 0) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { smtpPort, controlPort } = await readyLine(child);
  const control = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${controlPort}${path}`, init);
  const messages = async () => (await (await control('/messages')).json()) as ReceivedMail[];
  return {
    port: smtpPort,
    messages,
    async waitForMessages(count, timeoutMs = 15_000) {
      return eventually(
        async () => {
          const got = await messages();
          return got.length >= count ? got : undefined;
        },
        { timeoutMs, what: `${count} e-mails` },
      );
    },
    async failNext(count, code = 451) {
      await control(`/fail?count=${count}&code=${code}`, { method: 'POST' });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function readyLine(child: ChildProcess): Promise<{ smtpPort: number; controlPort: number }> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`SMTP process did not start:\n${out}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const line = out.split('\n').find((l) => l.startsWith('{"smtpPort"'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    child.stderr!.on('data', (d) => {
      out += String(d);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`SMTP process exited with ${code}:\n${out}`));
    });
  });
}
