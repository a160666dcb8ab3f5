import type { ModuleImport } from '../../../core/imports/index.ts';
import type { CurrencyCode } from '../../../core/money/index.ts';
import { devicesImport, locationsImport, merchantsImport } from './fleet.import.ts';
import { binsImport, materialsImport } from './materials.import.ts';
import { orderItemsImport, ordersImport } from './orders.import.ts';
import { recipesImport } from './recipes.import.ts';

/**
 * What `opsdesk import coffee` brings over from the original, github.com/yulaomao/coffeeNew (Flask +
 * SQLAlchemy, `app/models/*.py` at `dd52d7b`). It is not Django: there is no dumpdata, and its tables
 * are the models' `__tablename__`s, so each model below declares its `table` (and its primary key
 * where the model keeps a natural one). Columns are the fields' own names (`merchant_id`,
 * `material_code`); every model also has `created_at`/`updated_at` (naive UTC, `datetime.utcnow`).
 *
 * | model (table, pk)                          | fields                                                                 |
 * |--------------------------------------------|------------------------------------------------------------------------|
 * | Merchant (merchants, id)                   | name, contact?, status (active, inactive)                              |
 * | Location (locations, id)                   | merchant_id →, name, address?, lat?, lng? (floats)                    |
 * | Device (devices, device_id: the serial)    | alias?, model?, fw_version?, status (registered, online, offline, fault, maintenance), last_seen?, ip?, wifi_ssid?, temperature? (float), merchant_id →, location_id? →, tags (JSON), extra (JSON) |
 * | MaterialDictionary (material_dictionaries, id) | code (unique), name, type?, unit?, density?, enabled                |
 * | DeviceBin (device_bins, id)                | device_id →, bin_index, material_code? → material code, remaining?, capacity?, unit?, threshold_low_pct? (default 20), last_sync? |
 * | Order (orders, order_id: the machine's)    | device_id →, device_ts?, server_ts, items_count, total_price (float), currency (default CNY), payment_method (wechat, alipay, card, corp), payment_status (unpaid, paid, refunded, refund_failed), is_exception, address?, meta (JSON) |
 * | OrderItem (order_items, id)                | order_id →, product_id?, name, qty, unit_price (float), options (JSON) |
 * | Recipe (recipes, id)                       | name, version (text), schema (JSON), enabled                          |
 *
 * Not brought over: users (staff sign in to Opsdesk), recipe packages (built again from the recipes;
 * their files and md5s are the original's), remote commands and batches (history of the original's
 * queue), alarms (the fleet watch raises them again from what the machines report), operation logs
 * and task jobs. Devices come without a token: an imported machine keeps its serial and needs no
 * claim code; firmware that sends no token reports once its owner switches legacy mode on for it.
 * Nothing is sent: the import has nothing to tell anyone.
 */
export function coffeeImport(): ModuleImport {
  // The currency of each order this run read, by the original's order_id: what its lines are priced in.
  const currencies = new Map<string, CurrencyCode>();
  return {
    original: 'coffeeNew (Flask + SQLAlchemy)',
    models: [
      merchantsImport,
      locationsImport,
      devicesImport,
      materialsImport,
      binsImport,
      ordersImport(currencies),
      orderItemsImport(currencies),
      recipesImport,
    ],
  };
}
