import type { ModuleImport } from '../../../core/imports/index.ts';
import { devicesImport, locationsImport, merchantsImport } from './fleet.import.ts';
import { binsImport, materialsImport } from './materials.import.ts';
import { orderBook, orderItemsImport, ordersImport } from './orders.import.ts';
import { fleetMaterials } from './original-recipes.rules.ts';
import { recipesImport } from './recipes.import.ts';

/**
 * What `opsdesk import coffee` brings over from the original, github.com/yulaomao/coffeeNew (Flask +
 * SQLAlchemy, `app/models/*.py` at `dd52d7b`; its SQLite default or PostgreSQL). It is not Django:
 * there is no dumpdata, and its tables are the models' `__tablename__`s, so each model below declares
 * its `table` (and its primary key where the model keeps a natural one). Columns are the fields' own
 * names (`merchant_id`, `material_code`); every model also has `created_at`/`updated_at` (naive UTC,
 * `datetime.utcnow`). Its first versions (`0b6688d`, `9c78874`) gave every table an `id` beside a
 * natural key as well: that column is read as one more field and ignored.
 *
 * | model (table, pk)                          | fields                                                                 |
 * |--------------------------------------------|------------------------------------------------------------------------|
 * | Merchant (merchants, id)                   | name, contact?, status (active, inactive)                              |
 * | Location (locations, id)                   | merchant_id →, name, address?, lat?, lng? (floats, any value)         |
 * | Device (devices, device_id: any text up to 255) | alias?, model?, fw_version?, status (registered, online, offline, fault, maintenance), last_seen?, ip?, wifi_ssid?, temperature? (float), merchant_id →, location_id? →, tags (free JSON), extra (JSON) |
 * | MaterialDictionary (material_dictionaries, id) | code (unique, any text), name, type?, unit? (as typed), density?, enabled |
 * | DeviceBin (device_bins, id)                | device_id →, bin_index, material_code? → material code, remaining?, capacity?, unit?, threshold_low_pct? (default 20), last_sync? |
 * | Order (orders, order_id: the machine's)    | device_id →, device_ts?, server_ts, items_count, total_price (float), currency (default CNY), payment_method (wechat, alipay, card, corp), payment_status (unpaid, paid, refunded, refund_failed), is_exception, address?, meta (JSON) |
 * | OrderItem (order_items, id)                | order_id →, product_id?, name, qty, unit_price (float), options (JSON) |
 * | Recipe (recipes, id)                       | name, version (text), schema (free JSON in three shapes, `original-recipes.rules.ts`), enabled |
 *
 * Nothing the original accepted is refused: a value Opsdesk cannot hold as it is comes over kept as
 * typed or set aside and flagged with a sentence (a latitude of 121.47, a bin without capacity, a tag
 * of 79 characters, a recipe no machine can run: a draft). Every model but order lines' own rows is
 * brought again when it changed in the original (`update`): an import repeated until switch day
 * brings machines' statuses, bins' levels, refunds, re-registered tags and replaced order items.
 *
 * Not brought over: users (staff sign in to Opsdesk), recipe packages (built again from the recipes;
 * their files and md5s are the original's), remote commands and batches (history of the original's
 * queue), alarms (the fleet watch raises them again from what the machines report), operation logs
 * and task jobs, a machine's `ip`, `wifi_ssid` and `extra`, an order's `address` and `meta`, an
 * item's `product_id` and `options`. Devices come without a token: an imported machine keeps its
 * serial and needs no claim code; firmware that sends no token (or the original's own) reports once
 * its owner switches legacy mode on for it. Nothing is sent: the import has nothing to tell anyone.
 */
export function coffeeImport(): ModuleImport {
  // What one run learns on the way and a later model needs: the orders' currencies and lines, the
  // fleet's bins and materials (recipes that name materials by code only find their bins there).
  const book = orderBook();
  const fleet = fleetMaterials();
  return {
    original: 'coffeeNew (Flask + SQLAlchemy)',
    models: [
      merchantsImport,
      locationsImport,
      devicesImport,
      materialsImport(fleet),
      binsImport(fleet),
      ordersImport(book),
      orderItemsImport(book),
      recipesImport(fleet),
    ],
  };
}
