export {
  cleanOriginalName,
  contentDisposition,
  FILE_CONTENT_SECURITY_POLICY,
  isAllowedType,
} from './content-type.rules.ts';
export { createFileStore } from './create-file-store.ts';
export type { FileStore } from './file-store.ts';
export type { FileRecord } from './file-view.ts';
export { FilesErrors } from './files.errors.ts';
export { filesRoutes, UPLOAD_ALLOWED_TYPES, UPLOAD_MAX_BYTES } from './files.routes.ts';
export type { FilesTables } from './files.tables.ts';
export { createLocalFileStore } from './local-file-store.ts';
export {
  type FileReach,
  filesKept,
  getFile,
  openFile,
  PRIVATE_PURPOSES,
  purgeFiles,
} from './open-file.ts';
export { recordFileReferences } from './record-file-references.ts';
export { createS3FileStore, type S3FileStoreOptions } from './s3-file-store.ts';
export { sniffContentType } from './sniff-content-type.ts';
export { type StoredFile, type StoreFileInput, storeFile } from './store-file.ts';
