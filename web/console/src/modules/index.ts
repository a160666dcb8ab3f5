/**
 * Console extensions of the business modules. A module adds a file here that calls
 * `registerDashboardCard`, `registerConsolePage` and `registerMessages`, imported below.
 * Generic list/detail screens need nothing here: they come from `GET /api/resources`.
 */
import '../dashboard/platform-cards.ts';
import '../pages/simulator/register.ts';
import './raffle.ts';
import './mess.ts';
