import { h } from '../../../../web/kit/dom.ts';
import type {
  AlertJson,
  AlertSettingsJson,
  MeterRequestJson,
  MeterUsageJson,
  PortalMeJson,
  PortalMeterJson,
} from '../browser.ts';
import { dateIn, monthIn } from './format.ts';
import type { MessageKey } from './i18n.ts';
import type { Portal } from './portal.ts';

/** Open alerts, at the top of the home screen; a low balance we estimated says so (issue 54, item 7). */
export function alertsBanner(k: Portal, alerts: AlertJson[]) {
  const kwh = k.kwh;
  const open = alerts.filter((a) => a.clearedAt === null);
  if (open.length === 0) return null;
  return h(
    'section',
    { class: 'panel alerts', role: 'status', 'data-testid': 'alerts' },
    ...open.map((a) =>
      h(
        'p',
        { class: 'error' },
        a.kind === 'low_balance'
          ? k.t(a.estimated ? 'alert.low_balance_estimated' : 'alert.low_balance', {
              meter: a.meterNumber,
              units: kwh(a.balanceTenths ?? 0),
            })
          : k.t('alert.unusual_consumption', {
              meter: a.meterNumber,
              last: kwh(a.lastDayTenths ?? 0),
              usual: kwh(a.usualTenths ?? 0),
            }),
      ),
    ),
  );
}

const SVG = 'http://www.w3.org/2000/svg';
function svg(tag: string, attrs: Record<string, string | number>, text?: string) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text) el.textContent = text;
  return el;
}

/** A meter's use per day as bars (loaded after the card is shown). */
export function usageChart(k: Portal, m: PortalMeterJson) {
  const kwh = k.kwh;
  const box = h('div', { class: 'usage', 'data-testid': `usage-${m.number}` });
  void k.api
    .usage(m.id)
    .then((u: MeterUsageJson) => {
      const peak = Math.max(0, ...u.days.map((d) => d.tenths));
      if (peak === 0) return box.replaceChildren(h('p', { class: 'muted' }, k.t('home.noUsage')));
      const width = 300;
      const height = 80;
      const bar = width / u.days.length;
      const chart = svg('svg', {
        viewBox: `0 0 ${width} ${height + 12}`,
        role: 'img',
        'aria-label': `${k.t('home.usage')}: ${k.t('home.peak', { units: kwh(peak) })}`,
        class: 'chart',
      });
      u.days.forEach((d, i) => {
        const hgt = (d.tenths / peak) * height;
        const rect = svg('rect', { x: i * bar + 1, y: height - hgt, width: bar - 2, height: hgt, rx: 1 });
        rect.append(svg('title', {}, `${dateIn(d.date, k.locale())}: ${kwh(d.tenths)} kWh`));
        chart.append(rect);
      });
      chart.append(svg('text', { x: 0, y: height + 11, class: 'axis' }, u.days[0]!.date.slice(5)));
      chart.append(
        svg(
          'text',
          { x: width, y: height + 11, class: 'axis', 'text-anchor': 'end' },
          u.days.at(-1)!.date.slice(5),
        ),
      );
      box.replaceChildren(
        h('p', { class: 'muted small' }, `${k.t('home.usage')} · ${k.t('home.peak', { units: kwh(peak) })}`),
        chart,
      );
    })
    .catch(() => box.replaceChildren());
  return box;
}

/** The account's meters added up per building (and department): what an institution reads first. */
export function institutionSection(k: Portal, me: PortalMeJson) {
  const kwh = k.kwh;
  const buildings = new Set(me.meters.map((m) => m.building));
  if (me.account.kind !== 'institution' && buildings.size < 2) return null;
  const groups = new Map<string, PortalMeterJson[]>();
  for (const m of me.meters) {
    const key = [m.building, m.department].filter(Boolean).join(' · ') || k.t('institution.none');
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const cell = (text: string, cls = '') => h('td', { class: cls }, text);
  return h(
    'section',
    { class: 'panel', 'data-testid': 'institution' },
    h('h2', {}, k.t('institution.heading')),
    h(
      'table',
      { class: 'totals' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...(
            [
              'institution.building',
              'institution.meters',
              'institution.month',
              'institution.daily',
              'institution.lowest',
            ] as const
          ).map((key) => h('th', {}, k.t(key))),
        ),
      ),
      h(
        'tbody',
        {},
        ...[...groups.entries()].map(([name, meters]) => {
          const days = meters.map((m) => m.daysLeft).filter((d): d is number => d !== null);
          return h(
            'tr',
            {},
            cell(name),
            cell(String(meters.length), 'num'),
            cell(kwh(meters.reduce((s, m) => s + m.monthUnitsTenths, 0)), 'num'),
            cell(kwh(meters.reduce((s, m) => s + (m.dailyTenths ?? 0), 0)), 'num'),
            cell(days.length ? String(Math.min(...days)) : '—', 'num'),
          );
        }),
      ),
    ),
  );
}

/** The account's alert settings, saved as a whole. */
export function alertSettingsSection(k: Portal, s: AlertSettingsJson) {
  const enabled = k.input({ name: 'enabled', type: 'checkbox' });
  enabled.checked = s.enabled;
  const lowDays = k.input({ name: 'lowDays', type: 'number', min: '0', max: '60', value: String(s.lowDays) });
  const lowKwh = k.input({ name: 'lowKwh', type: 'number', min: '0', step: '0.1', value: String(s.lowKwh) });
  const unusual = k.input({
    name: 'unusualPercent',
    type: 'number',
    min: '110',
    max: '1000',
    step: '10',
    value: String(s.unusualPercent),
  });
  const saved = h('span', { class: 'copied', role: 'status' });
  return h(
    'section',
    { class: 'panel', 'data-testid': 'alert-settings' },
    h('h2', {}, k.t('settings.heading')),
    k.form(
      [
        h('label', { class: 'check' }, enabled, h('span', {}, k.t('settings.enabled'))),
        k.field(k.t('settings.lowDays'), lowDays),
        k.field(k.t('settings.lowKwh'), lowKwh),
        k.field(k.t('settings.unusualPercent'), unusual),
        saved,
      ],
      k.t('settings.save'),
      async () => {
        saved.textContent = '';
        await k.api.saveAlertSettings({
          enabled: enabled.checked,
          lowDays: Number(lowDays.value),
          lowKwh: Number(lowKwh.value),
          unusualPercent: Number(unusual.value),
        });
        saved.textContent = k.t('settings.saved');
      },
    ),
  );
}

/** Ask for another meter; the requests and what staff decided. */
export function meterRequestsSection(k: Portal, requests: MeterRequestJson[], reload: () => void) {
  const number = k.input({
    name: 'meterNumber',
    autocapitalize: 'characters',
    required: true,
    placeholder: 'KGL-0002',
  });
  return h(
    'section',
    { class: 'panel', 'data-testid': 'meter-requests' },
    h('h2', {}, k.t('requests.heading')),
    h('p', { class: 'muted' }, k.t('requests.intro')),
    requests.length > 0 &&
      h(
        'ul',
        { class: 'history' },
        ...requests.map((r) =>
          h(
            'li',
            {},
            h(
              'div',
              { class: 'row-between' },
              h('strong', {}, r.meterNumber),
              h('span', { class: `badge ${r.status}` }, k.t(`requests.${r.status}` as MessageKey)),
            ),
            r.decisionNote && h('p', { class: 'muted' }, r.decisionNote),
          ),
        ),
      ),
    k.form([k.field(k.t('signIn.meter'), number)], k.t('requests.ask'), async () => {
      await k.api.requestMeter(number.value.trim().toUpperCase());
      reload();
    }),
  );
}

/** The last twelve months' statements, as a PDF download. */
export function statementSection(k: Portal, now = new Date()) {
  const months = Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return d.toISOString().slice(0, 7);
  });
  const select = h(
    'select',
    { name: 'month' },
    ...months.map((m) => h('option', { value: m }, monthIn(m, k.locale()))),
  ) as HTMLSelectElement;
  return h(
    'section',
    { class: 'panel', 'data-testid': 'statements' },
    h('h2', {}, k.t('statement.heading')),
    k.form([k.field(k.t('statement.month'), select)], k.t('statement.download'), async () => {
      const blob = await k.api.statement(select.value);
      const url = URL.createObjectURL(blob);
      const a = h('a', { href: url, download: `statement-${select.value}.pdf` });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }),
  );
}
