/**
 * The device side of the coffee device API over real HTTP, as a machine in the field speaks it:
 * the simulator, the tests and the benchmark all drive the server through this client.
 */
export interface DeviceCommand {
  id: string;
  type: string;
  params: Record<string, unknown>;
  attempt: number;
}

export class DeviceHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`device API answered ${status}: ${body.slice(0, 200)}`);
  }
}

export class DeviceClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private async call(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json?: unknown }> {
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 400) throw new DeviceHttpError(res.status, text);
    return { status: res.status, json: text ? JSON.parse(text) : undefined };
  }

  status(
    report: {
      status?: 'online' | 'fault' | 'maintenance';
      temperature?: number;
      firmware?: string;
      packageVersion?: number;
    } = {},
  ) {
    return this.call('POST', '/api/coffee/device/status', report);
  }

  /** The command to run now, or undefined (204). */
  async next(): Promise<DeviceCommand | undefined> {
    const res = await this.call('GET', '/api/coffee/device/commands/next');
    return res.status === 204 ? undefined : (res.json as DeviceCommand);
  }

  async result(id: string, status: 'succeeded' | 'failed', detail?: string): Promise<{ accepted: boolean }> {
    return (await this.call('POST', `/api/coffee/device/commands/${id}/result`, { status, detail })).json as {
      accepted: boolean;
    };
  }

  /** A recipe package: its recipes and the sha256 of exactly their JSON. */
  async recipePackage(version: number): Promise<{ version: number; checksum: string; recipes: unknown[] }> {
    return (await this.call('GET', `/api/coffee/device/packages/${version}`)).json as {
      version: number;
      checksum: string;
      recipes: unknown[];
    };
  }

  materials(bins: Array<{ binIndex: number; materialCode: string; remaining: number; capacity?: number }>) {
    return this.call('POST', '/api/coffee/device/materials', { bins });
  }

  order(o: {
    orderId: string;
    orderedAt: string;
    items: Array<{ name: string; qty: number; unitPriceMinor: number }>;
    currency: string;
    vend?: 'vended' | 'failed';
  }) {
    return this.call('POST', '/api/coffee/device/orders', o);
  }
}
