import { defineErrors } from '../../platform/errors/index.ts';

/** Error codes of data retention (`retention.unknown_kind`); worded in the core catalogs. */
export const RetentionErrors = defineErrors('retention', {
  unknown_kind: { status: 422, title: 'No area keeps data of that kind' },
  invalid_period: { status: 422, title: 'A period must be whole days between 1 and 3650, or empty' },
  record_not_found: { status: 404, title: 'No such record' },
});
