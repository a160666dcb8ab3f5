import type { ModuleImport } from '../../../core/imports/index.ts';
import { buyersImport } from './buyers.import.ts';
import { ordersImport } from './orders.import.ts';
import { rafflesImport } from './raffles.import.ts';
import { orderTicketsImport, type SoldBook, ticketsImport } from './tickets.import.ts';

/**
 * What `opsdesk import raffle` brings over from the original raffle backoffice
 * (github.com/devpbeat/raffle-backoffice at `cea2be1`, Django 6; `apps/raffles/models.py` and
 * `apps/whatsapp/models.py`; the team's reference, original-systems.md section 1.1). Django's
 * naming: tables `<app>_<model>`, `id` primary keys, foreign keys `<field>_id`.
 *
 * | model                     | fields                                                                                  |
 * |---------------------------|-----------------------------------------------------------------------------------------|
 * | whatsapp.whatsappcontact  | tenant →, wa_id (unique, 50), name (255, null), state, context (JSON), last_interaction_at, created_at, updated_at |
 * | raffles.raffle            | tenant →, title (255), description, ticket_price (decimal 10,2), currency (3), is_active, min_number, max_number, created_at, updated_at, draw_date (null), winner_number (null) |
 * | raffles.ticketnumber      | raffle →, number, status (AVAILABLE, RESERVED, SOLD), reserved_by_order → (null), reserved_until (null), created_at, updated_at |
 * | raffles.orderticket       | order →, ticket →, created_at                                                            |
 * | raffles.order             | tenant →, raffle →, contact →, qty, total_amount (decimal 10,2), status (DRAFT, PENDING_PAYMENT, PAID, CANCELLED, EXPIRED), payment_proof_media_id (255, null), created_at, updated_at, paid_at (null), expires_at (null) |
 *
 * The order of the models: a contact becomes a buyer with a WhatsApp contact identity (so the bot
 * knows them when they write after the switch); a raffle its number range (every number a ticket,
 * free until an order takes it); tickets and the order/ticket join are read before the orders, so an
 * order comes over with its numbers and sets its tickets held or sold as the original had them.
 * A payment proof's WhatsApp media id is kept as the proof's reference (history, no bytes).
 *
 * Not brought over: tenants (one run imports into one organization: `--org`), the chat state and
 * context, inbound messages, `winner_number` (the original's draw is not a verifiable one: such a
 * raffle comes over closed, with no prizes, for staff to add prizes and draw in Opsdesk).
 * Nothing is sent: `--notify` has nothing to send for the raffle.
 */
export function raffleImport(): ModuleImport {
  const book: SoldBook = { currencies: new Map(), tickets: new Map(), ordersOf: new Map() };
  return {
    original: 'raffle backoffice (Django, devpbeat/raffle-backoffice)',
    models: [
      buyersImport,
      rafflesImport(book),
      ticketsImport(book),
      orderTicketsImport(book),
      ordersImport(book),
    ],
  };
}
