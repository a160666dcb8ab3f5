import { StaffApi } from '../../../../web/kit/api.ts';
import type { ScanResult, ScanResults, ScanUpload, Snapshot } from './contract.ts';

/** The Opsdesk API as the mess scanner uses it: the staff session, its snapshot and its scans. */
export class ScannerApi extends StaffApi {
  snapshot(): Promise<Snapshot> {
    return this.call('GET', '/api/mess/scanner/snapshot');
  }

  async sendScans(deviceId: string, scans: ScanUpload[]): Promise<ScanResult[]> {
    const answer = await this.call<ScanResults>('POST', '/api/mess/scans', { deviceId, scans });
    return answer.results;
  }
}
