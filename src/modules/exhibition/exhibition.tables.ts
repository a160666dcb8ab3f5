import type { ColumnType, Generated } from 'kysely';
import type { OrgIdColumn } from '../../platform/db/index.ts';

type Created = ColumnType<Date, never, never>;
/** `bigint` columns come back as strings from pg; written as numbers. */
type Minor = ColumnType<string, number | bigint | undefined, number | bigint>;
/** `date` columns: read as 'YYYY-MM-DD' strings (see the cast in the views). */
type DateColumn = ColumnType<string, string, string>;

export type BillStatus = 'active' | 'void';

/** The exhibition module's tables (migrations/20261210_0001_exhibition.sql). */
export type ExhibitionTables = {
  exhibition_exhibition: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    name: string;
    venue: ColumnType<string, string | undefined, string>;
    currency: string;
    time_zone: string;
    starts_on: DateColumn;
    ends_on: DateColumn;
    /** Set when closed (migrations/20261223_0001_…): no new bills or registrations. */
    closed_at: ColumnType<Date | null, never, Date | null>;
    /** Bills above this need the biller's confirmation (migrations/20270203_0001_…). */
    confirm_above_minor: Minor;
    created_at: Created;
  };
  exhibition_booth: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    exhibition_id: string;
    name: string;
    created_at: Created;
  };
  exhibition_booth_staff: {
    org_id: OrgIdColumn;
    booth_id: string;
    user_id: string;
    created_at: Created;
  };
  exhibition_customer: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    exhibition_id: string;
    code: string;
    name: string;
    email: string;
    phone: string;
    bill_count: ColumnType<number, number | undefined, number>;
    total_minor: Minor;
    welcome_notification_id: string | null;
    /** The language of the customer's e-mails (migrations/20261222_0001_…). */
    language: ColumnType<CustomerLanguage, CustomerLanguage | undefined, CustomerLanguage>;
    /** `import`: pre-registered from a CSV import. */
    registered_via: ColumnType<'desk' | 'import', 'desk' | 'import' | undefined, never>;
    /** Set when this customer was merged into another (migrations/20261213_0002_…): their tab lives there. */
    merged_into_id: ColumnType<string | null, never, string | null>;
    merged_at: ColumnType<Date | null, never, Date | null>;
    /** Now, or the original system's registration time for an imported customer. */
    created_at: ColumnType<Date, Date | undefined, never>;
  };
  exhibition_bill: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    customer_id: string;
    booth_id: string;
    amount_minor: Minor;
    currency: string;
    description: ColumnType<string, string | undefined, string>;
    business_date: DateColumn;
    status: ColumnType<BillStatus, BillStatus | undefined, BillStatus>;
    void_reason: string | null;
    voided_at: Date | null;
    created_by: string;
    /** Brought from the original system (migrations/20270301_0001_…): its amount may be 0 or negative (a credit). */
    imported: ColumnType<boolean, boolean | undefined, never>;
    /** The account that made it (migrations/20270203_0001_…); null for imported and older bills. */
    created_by_user_id: ColumnType<string | null, string | null | undefined, never>;
    /** The injected clock's now when billed, or the original system's time for an imported bill. */
    created_at: ColumnType<Date, Date | undefined, never>;
  };
  exhibition_statement_run: {
    id: Generated<string>;
    org_id: OrgIdColumn;
    exhibition_id: string;
    status: ColumnType<'running' | 'done', 'running' | 'done' | undefined, 'running' | 'done'>;
    total: number;
    started_by: string;
    created_at: Created;
    finished_at: ColumnType<Date | null, never, Date | null>;
  };
  exhibition_statement_delivery: {
    org_id: OrgIdColumn;
    customer_id: string;
    run_id: string;
    notification_id: string;
    created_at: Created;
  };
  /** The organization's words for one customer e-mail in one language (no row: the default words). */
  exhibition_mail_text: {
    org_id: OrgIdColumn;
    template: string;
    locale: string;
    subject: string;
    body: string;
    updated_at: ColumnType<Date, Date | undefined, Date>;
  };
};

/** The languages a customer's messages (e-mails, SMS, statement PDF) are written in: all five Opsdesk speaks. */
export const CUSTOMER_LANGUAGES = ['en', 'es', 'fr', 'hi', 'rw'] as const;
export type CustomerLanguage = (typeof CUSTOMER_LANGUAGES)[number];
