import { join } from 'node:path';
import { type Config, outsideCallTimeoutMs } from '../../platform/config/index.ts';
import type { FileStore } from './file-store.ts';
import { createLocalFileStore } from './local-file-store.ts';
import { createS3FileStore } from './s3-file-store.ts';

type FileStoreConfig = Pick<
  Config,
  'OPSDESK_DATA_DIR' | 'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_REGION' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY'
> &
  Partial<Pick<Config, 'OPSDESK_OUTSIDE_CALL_TIMEOUTS'>>;

/** The file store the configuration names: S3 when `S3_BUCKET` is set, else `<OPSDESK_DATA_DIR>/files`. */
export function createFileStore(config: FileStoreConfig): FileStore {
  if (!config.S3_BUCKET) return createLocalFileStore(join(config.OPSDESK_DATA_DIR, 'files'));
  if (Boolean(config.S3_ACCESS_KEY_ID) !== Boolean(config.S3_SECRET_ACCESS_KEY)) {
    throw new Error(
      'Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (default AWS credentials)',
    );
  }
  return createS3FileStore({
    endpoint: config.S3_ENDPOINT,
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    timeoutMs: outsideCallTimeoutMs(config, 's3'),
  });
}
