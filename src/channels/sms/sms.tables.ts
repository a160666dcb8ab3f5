/** Not scoped by the data layer: an opt-out belongs to an account, which may be the deployment's. */
export type SmsOptOutTable = {
  /** The organization holding the account the phone answered; null: the deployment's account. */
  account_org_id: string | null;
  provider: string;
  /** The sender id or short code answered; '' the account's default sender. */
  sender: string;
  phone: string;
  opted_out_at: Date;
  keyword: string;
};

/**
 * The channel's own table. What each text was (its claim, parts, cost, the network's word) is the
 * outbox's `notification_attempt` (core/notifications), recorded with the send (issue 64).
 */
export type SmsTables = { sms_opt_out: SmsOptOutTable };
