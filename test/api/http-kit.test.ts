import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const METRICS_TOKEN = 'scrape-me-0123456789';
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ env: { OPSDESK_METRICS_TOKEN: METRICS_TOKEN } });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
});
afterAll(() => app.close());

describe('HTTP kit', () => {
  it('answers health and readiness probes', async () => {
    expect((await app.anonymous().get('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.anonymous().get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
    // Load balancers may probe with HEAD; the console's pages answer it too (API routes need not).
    for (const url of ['/healthz', '/readyz', '/console/']) {
      const head = await app.http.inject({ method: 'HEAD', url });
      expect(head.statusCode, url).toBe(200);
      expect(head.body, url).toBe('');
    }
  });

  it('gives every response a request id and echoes a sane incoming one', async () => {
    const res = await app.anonymous().request('GET', '/healthz', undefined, { 'x-request-id': 'abc-123' });
    expect(res.headers['x-request-id']).toBe('abc-123');
    const fresh = await app
      .anonymous()
      .request('GET', '/healthz', undefined, { 'x-request-id': 'bad id with spaces' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with problem+json, not a stack trace', async () => {
    const res = await app.anonymous().get('/api/nowhere');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      status: 404,
      code: 'route_not_found',
      type: 'urn:opsdesk:problem:route_not_found',
      instance: '/api/nowhere',
    });
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });

  it('refuses malformed JSON with a 400 problem naming the parse error', async () => {
    const res = await app
      .anonymous()
      .request('POST', '/api/auth/login', undefined, { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    const bad = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'bad_json' });
    expect(bad.json().detail).toMatch(/not valid JSON/);
  });

  it('lists every invalid field with what was expected', async () => {
    const res = await app.anonymous().post('/api/auth/login', { email: 'not-an-email', password: 42 });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['body.email', 'body.password']);
    expect(body.errors.find((e: { field: string }) => e.field === 'body.password').expected).toBe('string');
  });

  it('refuses content types it does not speak with 415', async () => {
    const res = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_media_type');
  });

  it('publishes OpenAPI 3.1 built from the route schemas, and a docs page', async () => {
    const spec = (await app.anonymous().get('/api/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.paths['/api/auth/login'].post.requestBody).toBeDefined();
    expect(spec.paths['/api/audit'].get.parameters.map((p: { name: string }) => p.name)).toContain('action');
    const docs = await app.anonymous().get('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/openapi\.json/);
    expect(docs.headers['content-type']).toMatch(/^text\/html/);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-inline'");
    // Loaded with the first visit (not at start): the page's script comes from this server too.
    const script = await app.anonymous().get('/api/docs/js/scalar.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^application\/javascript/);
    expect(script.body.length).toBeGreaterThan(100_000);
  });

  it('exports Prometheus metrics with request counts, latency and job queue depth', async () => {
    await app.anonymous().get('/healthz');
    const text = (await app.withToken(METRICS_TOKEN).get('/metrics')).body;
    expect(text).toMatch(/opsdesk_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toMatch(/opsdesk_http_request_duration_seconds_bucket/);
    expect(text).toMatch(/opsdesk_process_resident_memory_bytes/);
    expect(text).toMatch(/# TYPE opsdesk_jobs gauge/);
  });

  it('serves metrics only with the configured bearer token', async () => {
    const anonymous = await app.anonymous().get('/metrics');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).not.toMatch(/opsdesk_http_requests_total/);
    expect((await app.withToken('scrape-me-wrong-token').get('/metrics')).statusCode).toBe(401);
    const off = await startTestApp();
    try {
      const res = await off.withToken(METRICS_TOKEN).get('/metrics');
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('metrics_disabled');
    } finally {
      await off.close();
    }
  });

  it('answers a path that is not valid UTF-8 with problem+json', async () => {
    const res = await app.anonymous().get('/api/users/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().code).toBe('bad_url');
  });

  it('refuses percent-encoded letters in a path instead of routing them', async () => {
    const res = await app.anonymous().get('/%61pi/users');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'non_canonical_path' });
    expect(res.json().detail).toContain('/api/users');
  });

  it('declares in OpenAPI which operations are public and what each private one needs', async () => {
    const spec = (await app.anonymous().get('/api/openapi.json')).json();
    expect(spec.paths['/api/auth/login'].post.security).toEqual([]);
    expect(spec.paths['/api/users'].get.security).toEqual([{ session: [] }, { token: [] }]);
    expect(spec.paths['/api/users'].post.security).toEqual([{ session: [], csrf: [] }, { token: [] }]);
    expect(spec.paths['/api/users'].get['x-permission']).toBe('platform.user.read');
  });

  it('sends security headers', async () => {
    const res = await app.anonymous().get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });
});
