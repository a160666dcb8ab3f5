import type { ErrorMessages } from '../../platform/errors/index.ts';
import type { MessErrors } from './mess.errors.ts';

/** What staff in the console read for each mess error code, in Kinyarwanda (placeholders as in English). */
export const messErrorMessagesRw: ErrorMessages<typeof MessErrors> = {
  student_not_found: 'Ntitwabonye uyu munyeshuri.',
  no_credit: 'Uyu munyeshuri nta nguzanyo ingana ityo afite yo gusubizwa.',
  refund_above_over_payment:
    'Kuri aya mafaranga hashobora gusubizwa gusa {{overPaid}}: ayo umunyeshuri yishyuye arenze ayagombwaga guhera muri {{cycle}}, akiri y’inyongera. Niba umunyeshuri agomba gusubizwa arenzeho, banza wandike uguhagarika amafunguro.',
  roll_number_taken: 'Iyi nimero y’umunyeshuri isanzwe yanditswe.',
  already_registered: 'Iyi konti ya Telegram isanzwe yanditswe.',
  status_unchanged: 'Umunyeshuri asanzwe ahagaze gutya.',
  transition_refused: 'Iri hinduka ry’uko ahagaze ntiryemewe.',
  not_approved: 'Kwiyandikisha ntikuremezwa.',
  cycle_not_found: 'Ntitwabonye iki gihe cyo kwishyuza.',
  no_current_cycle: 'Nta gihe cyo kwishyuza kirimo uyu munsi.',
  cycle_range_invalid: 'Igihe kirangira ({{to}}) mbere y’uko gitangira ({{from}}).',
  cycle_overlap: 'Iyi minsi iri mu gihe {{cycle}} ({{from}} kugeza {{to}}).',
  cycle_billed:
    'Hari abanyeshuri bamaze kwishyura {{cycle}}: iminsi yacyo, amafaranga, igabanywa n’ifaranga bigumaho uko byishyujwe. Izina ryonyine ni ryo rishobora guhinduka.',
  conflict_not_found: 'Ntitwabonye iki kibazo cyo gusikana.',
  conflict_resolved: 'Iki kibazo cyo gusikana cyamaze gukemuka.',
  meal_not_found: 'Nta funguro nk’iryo ribaho.',
  meal_invalid: 'Amasaha y’ifunguro ntiyemewe.',
  cut_range_invalid: 'Itariki yo kurangiza iri mbere y’itariki yo gutangira.',
  cut_backdated: 'Guhagarika amafunguro ntibishobora gutangira mu gihe cyashize.',
  cut_same_day: 'Guhagarika amafunguro ntibishobora gutangira uyu munsi.',
  cut_after_cutoff: 'Byatinze ku by’ejo: isaha ntarengwa yari {{cutoff}}.',
  cut_too_long: 'Iryo hagarika ni rirerire cyane: ntirigomba kurenza iminsi {{maxDays}}.',
  cut_cap_exceeded: 'Byaba iminsi {{days}} yo guhagarika muri iki gihe; ntarengwa ni {{maxDays}}.',
  cut_not_found: 'Nta hagarika nk’iryo ribaho.',
  cut_locked:
    'Igikoni cyamaze gutegura kuva {{from}} kugeza {{to}}: amahagarika guhera {{earliest}} aracyashobora gukurwaho.',
  pass_run_not_found: 'Ntitwabonye iki gikorwa cyo kongera gukora amakarita.',
  cash_in_future: 'Amafaranga ngo yakiriwe ku wa {{receivedOn}}, umunsi utaragera: uyu munsi ni {{today}}.',
  scan_time_impossible:
    'Ntibyanditswe: ibyasikanwe {{count}} bifite itariki y’ahazaza cyangwa iri mbere y’uko ikarita yabyo itangwa. Reba isaha ya telefoni isikana.',
  nothing_due:
    'Nta mwenda ufite kuri {{cycle}}: amafaranga yawe yishyuwe. Saba ibiro bya resitora kwandika amafaranga watanze mbere.',
  sheet_not_proven:
    'Ntitwabonye kode yawe yo kugenzura muri iyi mbonerahamwe. Ongeraho urupapuro rwitwa {{sheet}}, wandike {{code}} mu kazu {{cell}}, hanyuma wongere ubike ID y’imbonerahamwe.',
  sheets_not_configured:
    'Google Sheets ntiratunganywa kuri iyi sisitemu, bityo nta mbonerahamwe y’ububiko ishobora gukoreshwa.',
};
