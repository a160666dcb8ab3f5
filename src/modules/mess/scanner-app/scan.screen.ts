import { fill, h } from '../../../../web/kit/dom.ts';
import { clockTimeIn, mealNameIn } from '../browser.ts';
import type { ScannerState } from './app.ts';
import type { MessageKey, Words } from './i18n.ts';
import type { MealNow } from './meal-now.ts';
import type { StoredScan } from './store.ts';
import { initials, type Regions, time } from './view.ts';

/*
 * The scan screen: the meal served now, the verdict on the scan on screen (with what the server made
 * of it), and the recent scans. The camera and the typed roll number are the page's (page.ts).
 */

const decisionWord = (decision: string, { t }: Words) =>
  t(decision === 'allowed' ? 'result.allowed' : 'result.denied');

/** Why the server did not record a scan, in words. */
function refusalWords(scan: StoredScan, { t }: Words): string {
  const key = `result.refused.${scan.refusal}` as MessageKey;
  return key === 'result.refused.in_future' ||
    key === 'result.refused.before_pass_issued' ||
    key === 'result.refused.unreadable'
    ? t(key)
    : t('result.refused.other', { code: scan.refusal ?? '?' });
}

function syncLine(scan: StoredScan, localDecision: string | undefined, words: Words): string {
  const { t, reasonText } = words;
  const result = scan.result;
  if (scan.state === 'refused') return refusalWords(scan, words);
  if (!result)
    return scan.localDecision
      ? scan.offline
        ? t('result.queued')
        : t('result.checkedHere')
      : t('result.pending');
  // The counter's verdict stands; where the server's differs, staff see a conflict.
  if (result.conflict)
    return result.serverReason === 'already_served' || result.serverDecision === undefined
      ? t('result.conflict')
      : t('result.conflictServer', {
          decision: decisionWord(result.serverDecision, words),
          reason: reasonText(result.serverReason),
        });
  if (localDecision && result.decision !== localDecision)
    return t('result.serverChanged', {
      decision: decisionWord(result.decision, words),
      reason: reasonText(result.reason),
    });
  return t('result.confirmed');
}

/** The student a scan was of, by the server's answer or the phone's list: name, roll, room and meal. */
function student({ scan, local }: NonNullable<ScannerState['current']>, words: Words): HTMLElement {
  const { t } = words;
  const name = scan.result?.student?.name ?? local.student?.name;
  const roll = scan.result?.student?.rollNumber ?? local.student?.rollNumber ?? scan.rollNumber;
  const details = [
    roll,
    local.student?.room ? t('result.room', { room: local.student.room }) : '',
    local.mealName ? t('result.meal', { meal: mealNameIn(local.mealName, words.language) }) : '',
  ];
  return h(
    'div',
    { class: 'who' },
    h('div', { class: 'avatar', 'aria-hidden': 'true' }, initials(name ?? '')),
    h(
      'div',
      {},
      h('div', { class: 'name', 'data-testid': 'student-name' }, name ?? t('result.unknownStudent')),
      h('div', { class: 'muted' }, details.filter(Boolean).join(' · ')),
    ),
  );
}

/** The verdict on the scan on screen: the phone's at once, the server's when it answers (or a conflict). */
export function renderResult(regions: Regions, state: ScannerState, words: Words) {
  const { t, reasonText } = words;
  const current = state.current;
  if (!current) {
    fill(regions.result, h('p', { class: 'hint' }, t('scan.hint')));
    regions.result.className = 'result idle';
    return;
  }
  const { scan, local, awaitingServer } = current;
  if (awaitingServer) {
    regions.result.className = 'result pending';
    regions.result.dataset.decision = 'pending';
    regions.result.dataset.nonce = scan.nonce;
    regions.result.dataset.synced = scan.state;
    fill(
      regions.result,
      h('div', { class: 'verdict', 'data-testid': 'decision' }, '…'),
      h('div', { class: 'reason', 'data-testid': 'reason' }, t('result.checking')),
    );
    return;
  }
  // Online, the server's answer (a second later) wins. A scan decided offline keeps the verdict the
  // student was given at the counter; a different server answer shows as a note (a conflict).
  const keepLocal = scan.offline && local.decision !== undefined;
  const decision = keepLocal ? local.decision : (scan.result?.decision ?? local.decision);
  const reason = keepLocal ? local.reason : scan.result ? scan.result.reason : local.reason;
  regions.result.className = `result ${decision ?? 'pending'}`;
  regions.result.dataset.decision = decision ?? 'pending';
  regions.result.dataset.nonce = scan.nonce;
  regions.result.dataset.synced = scan.state;
  fill(
    regions.result,
    h(
      'div',
      { class: 'verdict', 'data-testid': 'decision' },
      decision === 'allowed' ? '✓ ' : decision === 'denied' ? '✗ ' : '? ',
      decision === 'allowed' ? t('result.allowed') : decision === 'denied' ? t('result.denied') : '…',
    ),
    h('div', { class: 'reason', 'data-testid': 'reason', 'data-code': reason ?? 'ok' }, reasonText(reason)),
    student(current, words),
    h(
      'div',
      { class: 'sync-line', 'data-testid': 'sync-line' },
      syncLine(scan, local.decision, words),
      ' · ',
      time(scan.scannedAt, state, words),
    ),
  );
}

/** The meal the phone's snapshot says is served now, before any scan. */
export function renderMeal(regions: Regions, state: ScannerState, words: Words) {
  const meal = state.mealNow;
  regions.mealNow.hidden = meal === undefined;
  regions.mealNow.className = `meal-now ${meal?.kind ?? ''}`;
  regions.mealNow.dataset.kind = meal?.kind ?? '';
  regions.mealNow.textContent = meal ? mealText(meal, words) : '';
}

/** The meal at the counter in the scanner's language: its usual name and its times as people say them. */
export function mealText(meal: MealNow, words: Words): string {
  const { t } = words;
  const name = meal.kind === 'none' ? '' : mealNameIn(meal.meal, words.language);
  const at = (hhmm: string) => clockTimeIn(hhmm, words.language);
  switch (meal.kind) {
    case 'serving':
      return t('meal.serving', { meal: name, end: at(meal.end) });
    case 'closed':
      return t('meal.closed', { meal: name });
    case 'next':
      return meal.today
        ? t('meal.nextToday', { meal: name, start: at(meal.start) })
        : t('meal.nextDay', { meal: name, start: at(meal.start), day: dayName(meal.date, words) });
    case 'none':
      return t('meal.none');
  }
}

/** A local date (`YYYY-MM-DD`) as a short day: `Tue 6 Jan`. */
function dayName(date: string, words: Words): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString(words.locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

export function renderRecent(regions: Regions, state: ScannerState, words: Words) {
  const { t } = words;
  const rows = state.recent.map((scan) => {
    const decision = scan.result?.decision ?? scan.localDecision;
    const badge = scan.result?.conflict
      ? t('recent.conflict')
      : scan.state === 'sent'
        ? t('recent.sent')
        : scan.state === 'refused'
          ? t('recent.refused')
          : t('recent.queued');
    return h(
      'li',
      { class: decision ?? 'pending', 'data-nonce': scan.nonce, 'data-state': scan.state },
      h('span', { class: 'dot' }, decision === 'allowed' ? '✓' : decision === 'denied' ? '✗' : '?'),
      h(
        'span',
        { class: 'grow' },
        scan.result?.student?.name ?? scan.studentName ?? scan.rollNumber ?? t('result.unknownStudent'),
      ),
      h('span', { class: `badge ${scan.result?.conflict ? 'conflict' : scan.state}` }, badge),
      h('span', { class: 'muted' }, time(scan.scannedAt, state, words)),
      scan.state === 'refused' &&
        h('span', { class: 'muted small', 'data-testid': 'refusal' }, refusalWords(scan, words)),
    );
  });
  fill(
    regions.recent,
    h('h2', {}, t('recent.heading')),
    rows.length ? h('ul', {}, ...rows) : h('p', { class: 'muted' }, t('recent.empty')),
    state.snapshotAt &&
      h('p', { class: 'muted small' }, t('snapshot.age', { time: time(state.snapshotAt, state, words) })),
  );
}
