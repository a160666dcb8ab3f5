import type { RawBuilder } from 'kysely';
import type { Db } from '../../platform/db/index.ts';

/** What a rule's SQL is evaluated for: one organization and the moment before which data may go. */
export interface RetentionScope {
  orgId: string;
  cutoff: Date;
  /**
   * SQL that is true when the contact whose id `column` holds is still needed: under a legal hold, or
   * kept by an area (an open order, …). A rule excludes rows linked to a kept contact.
   */
  contactKept(column: RawBuilder<unknown>): RawBuilder<boolean>;
  /** The same for a payment id: under a legal hold, or kept by an area (a pending refund, …). */
  paymentKept(column: RawBuilder<unknown>): RawBuilder<boolean>;
}

/**
 * One kind of data an area keeps for a limited time (`mess.scans`). The runner removes (or masks) it
 * in small batches of the rows `eligible` selects, each batch its own short transaction; the dry run
 * counts the very same selection, so both agree. `eligible` must stop selecting a row once it is
 * masked, and must leave out whatever is still needed (open conflicts, unsettled payments, holds).
 */
export interface RetentionRule {
  /** `<area>.<thing>`; the key of its period in the organization's settings. */
  kind: string;
  /** Console i18n key naming the kind ("Scan logs"). */
  label: string;
  /** Days kept when the organization chose nothing. */
  defaultDays: number;
  /** The area's own table; `t` in `eligible`. */
  table: string;
  /** Its primary key column and type (default `id`, uuid). */
  key?: { column: string; type: 'uuid' | 'bigint' };
  /** The rows (alias `t`, already limited to the organization) that may go now. */
  eligible(scope: RetentionScope): RawBuilder<boolean>;
  /** Instead of deleting: the SET clause that masks the row's personal values (`raw = null`). */
  mask?: RawBuilder<unknown>;
  /** Bytes a row frees beyond its own (a file's size), an SQL expression over `t`. */
  extraBytes?: RawBuilder<unknown>;
  /** In the batch's transaction, before its rows go (summaries kept, a setting for the masking). */
  beforeRemove?(trx: Db, batch: { orgId: string; ids: string[] }): Promise<void>;
  /** After the batch committed (file bytes deleted from the store). */
  afterCommit?(db: Db, batch: { orgId: string; ids: string[] }): Promise<void>;
}

/** Ids an area still needs (`select …` of one column): nothing linked to them is removed. */
export interface RetentionKeep {
  what: 'contact' | 'payment';
  /** Why, for the docs and tests ("buyers with an open order"). */
  why: string;
  ids(orgId: string): RawBuilder<unknown>;
}

/** What an area declares in its definition (`retention`). */
export interface RetentionDeclaration {
  rules?: ReadonlyArray<RetentionRule>;
  keeps?: ReadonlyArray<RetentionKeep>;
}
