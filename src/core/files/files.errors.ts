import { defineErrors } from '../../platform/errors/index.ts';

export const FilesErrors = defineErrors('files', {
  file_not_found: { status: 404, title: 'No such file' },
  file_content_missing: { status: 404, title: 'The stored bytes of this file are missing' },
  file_purged: { status: 410, title: 'This file was removed after its retention period' },
  file_too_large: { status: 413, title: 'The file is too large' },
  file_type_not_allowed: { status: 415, title: 'This kind of file is not accepted here' },
  file_empty: { status: 400, title: 'The file is empty' },
  invalid_storage_key: { status: 400, title: 'The storage key is not a safe relative path' },
});
