import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { type App, buildApp } from '../../src/app/build-app.ts';
import { addMember, type Role } from '../../src/core/auth/index.ts';
import type { AnyArea } from '../../src/core/modules/index.ts';
import { createOrganization, findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import { type Clock, systemClock } from '../../src/platform/clock/index.ts';
import { testConfig } from '../../src/platform/config/index.ts';
import { TEST_MODULES } from './template-sources.ts';
import { createTestDatabase } from './test-database.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp extends App {
  /**
   * The organization staff and factories land in when none is named: `default` (the one every app
   * starts with) unless this is a test file's view of a shared app (`inOwnOrganization`).
   */
  readonly defaultOrg: string;
  /**
   * The same app seen by one test file: an organization of its own (`slug`) with the default one's
   * name, time zone, currency, languages and modules, where staff, sign-ins and factories land
   * unless they name another. Answers the same view for a slug made before.
   */
  inOwnOrganization(slug: string): Promise<TestApp>;
  /** Creates a staff member in an organization (default: `defaultOrg`). */
  createStaff(input: { email: string; role: Role; org?: string; password?: string }): Promise<void>;
  /** Creates an organization with an owner, returns its id. */
  createOrg(slug: string, ownerEmail: string): Promise<string>;
  /** Signs in and returns a client that carries the cookie and CSRF token. */
  signIn(email: string, password?: string, org?: string): Promise<ApiClient>;
  /** A client that sends a bearer token. */
  withToken(token: string): ApiClient;
  /** A client without credentials; `remoteAddress` is the address the server sees (`req.ip`). */
  anonymous(options?: { remoteAddress?: string }): ApiClient;
}

export interface ApiClient {
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  /** Sends `payload` as the body exactly as given (malformed JSON, say). */
  raw(method: string, url: string, payload: string, contentType?: string): Promise<LightMyRequestResponse>;
  csrfToken?: string;
}

/** The real app on a fresh migrated database, with helpers to create staff and sign in. */
export async function startTestApp(
  options: {
    modules?: AnyArea[];
    clock?: Clock;
    env?: Record<string, string>;
    /** Apply the modules' pending migrations (a module the test database template does not know). */
    migrate?: boolean;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-test-'));
  const clock = options.clock ?? systemClock;
  const app = await buildApp({
    config: testConfig({
      OPSDESK_RATE_LIMIT_PER_MINUTE: '100000',
      OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      // Uploaded files of this app go to its own folder, removed on close.
      OPSDESK_DATA_DIR: dataDir,
      ...options.env,
    }),
    modules: options.modules ?? TEST_MODULES,
    database,
    clock,
    migrate: options.migrate ?? false,
    jobPollingSeconds: 0.5,
  });
  const orgIdOf = async (slug: string) => (await findOrganizationBySlug(database.db, slug))!.id;

  const client = (auth: {
    cookie?: string;
    csrf?: string;
    token?: string;
    remoteAddress?: string;
  }): ApiClient => {
    const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.http.inject({
        method: method as 'GET',
        url,
        ...(auth.remoteAddress ? { remoteAddress: auth.remoteAddress } : {}),
        headers: {
          ...(auth.cookie ? { cookie: auth.cookie } : {}),
          ...(auth.csrf ? { 'x-csrf-token': auth.csrf } : {}),
          ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
    return {
      request,
      get: (url) => request('GET', url),
      post: (url, body, headers) => request('POST', url, body, headers),
      patch: (url, body) => request('PATCH', url, body),
      delete: (url) => request('DELETE', url),
      raw: (method, url, payload, contentType = 'application/json') =>
        app.http.inject({
          method: method as 'POST',
          url,
          headers: {
            ...(auth.cookie ? { cookie: auth.cookie } : {}),
            ...(auth.csrf ? { 'x-csrf-token': auth.csrf } : {}),
            ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
            'content-type': contentType,
          },
          payload,
        }),
      csrfToken: auth.csrf,
    };
  };

  const views = new Map<string, Promise<TestApp>>();
  const testApp: TestApp = {
    ...app,
    defaultOrg: 'default',
    inOwnOrganization(slug) {
      let view = views.get(slug);
      if (!view) {
        view = (async () => {
          const template = (await findOrganizationBySlug(database.db, 'default'))!;
          await createOrganization(database.db, {
            slug,
            name: template.name,
            timeZone: template.timeZone,
            currency: template.currency,
            languages: template.languages,
            modules: template.modules,
          });
          const own: TestApp = {
            ...testApp,
            defaultOrg: slug,
            createStaff: (input) => testApp.createStaff({ org: slug, ...input }),
            signIn: (email, password, org = slug) => testApp.signIn(email, password, org),
            // The app is the worker's, not the file's: it ends with the worker.
            close: async () => undefined,
          };
          return own;
        })();
        views.set(slug, view);
      }
      return view;
    },
    async createStaff({ email, role, org = 'default', password = TEST_PASSWORD }) {
      const orgId = await orgIdOf(org);
      await addMember(app.deps.systemCtx(orgId, 'test'), {
        email,
        name: email.split('@')[0]!,
        password,
        role,
        assignerRole: 'system',
      });
    },
    async createOrg(slug, ownerEmail) {
      const org = await createOrganization(database.db, {
        slug,
        name: slug,
        timeZone: 'UTC',
        currency: 'USD',
        languages: ['en'],
      });
      await testApp.createStaff({ email: ownerEmail, role: 'owner', org: slug });
      return org.id;
    },
    async signIn(email, password = TEST_PASSWORD, org) {
      const res = await app.http.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password, ...(org ? { org } : {}) },
      });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'opsdesk_session')!;
      return client({ cookie: `opsdesk_session=${cookie.value}`, csrf: res.json().csrfToken });
    },
    withToken: (token) => client({ token }),
    anonymous: (options = {}) => client(options),
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testApp;
}
