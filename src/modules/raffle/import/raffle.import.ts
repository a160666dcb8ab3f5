import type { ModuleImport } from '../../../core/imports/index.ts';
import { buyersImport } from './buyers.import.ts';
import { ordersImport } from './orders.import.ts';
import { rafflesImport } from './raffles.import.ts';
import { SoldBook } from './sold-book.ts';
import { orderTicketsImport, ticketsImport } from './tickets.import.ts';

/**
 * What `opsdesk import raffle` brings over from the original raffle backoffice
 * (github.com/devpbeat/raffle-backoffice, Django; `apps/raffles/models.py` and
 * `apps/whatsapp/models.py`). Django's naming: tables `<app>_<model>`, `id` primary keys, foreign
 * keys `<field>_id`. Both versions it shipped are read: before its multi-tenant commit (`9b50b5d`)
 * no model had `tenant`; after it, every one has (the import ignores it: one run, one organization).
 *
 * | model                     | fields                                                                                  |
 * |---------------------------|-----------------------------------------------------------------------------------------|
 * | whatsapp.whatsappcontact  | tenant → (later), wa_id (unique, 50, as Meta sent it or staff typed it), name (255, null), state, context (JSON), last_interaction_at, created_at, updated_at |
 * | raffles.raffle            | tenant → (later), title (255), description, ticket_price (decimal 10,2), currency (3), is_active, min_number, max_number, created_at, updated_at, draw_date (null), winner_number (null) |
 * | raffles.ticketnumber      | raffle →, number, status (AVAILABLE, RESERVED, SOLD), reserved_by_order → (null), reserved_until (null), created_at, updated_at |
 * | raffles.orderticket       | order →, ticket →, created_at                                                            |
 * | raffles.order             | tenant → (later), raffle →, contact →, qty, total_amount (decimal 10,2), status (DRAFT, PENDING_PAYMENT, PAID, CANCELLED, EXPIRED), payment_proof_media_id (255, null), created_at, updated_at, paid_at (null), expires_at (null) |
 *
 * The order of the models: a contact becomes a buyer with a WhatsApp contact identity (so the bot
 * knows them when they write after the switch); a raffle its number range (every number a ticket,
 * free until an order takes it); tickets and the order/ticket join are read before the orders, so
 * an order comes over with its numbers and sets its tickets held or sold. Every record is read on
 * every run (the book below is whole each time), and a record changed in the original since the
 * last run is brought again: run it until switch day, each run brings exactly what changed.
 *
 * Not brought over: tenants (one run imports into one organization: `--org`), the chat state and
 * context, inbound messages. Nothing is sent: `--notify` has nothing to send for the raffle.
 */
export function raffleImport(): ModuleImport {
  const book = new SoldBook();
  return {
    original: 'raffle backoffice (Django, devpbeat/raffle-backoffice)',
    questions: [
      {
        key: 'country',
        label:
          'Country of phone numbers typed without their country code, two letters (PY, CO…); blank: the organization’s currency or time zone says',
      },
    ],
    models: [
      buyersImport,
      rafflesImport(book),
      ticketsImport(book),
      orderTicketsImport(book),
      ordersImport(book),
    ],
  };
}
