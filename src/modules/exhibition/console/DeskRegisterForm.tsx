import type { RefObject } from 'react';
import { useTranslate } from 'react-admin';
import { CONSOLE_LANGUAGES, type ConsoleLocale } from '../../../../web/console/src/extensions/index.ts';
import { DESK_FIELD } from './desk-model.ts';

/** A customer's language: any of the five (issue 65), whatever the console's own. */
export type DeskLanguage = ConsoleLocale;
/** The console's language when a customer may have it (all five today), else English. */
export const deskLanguageOf = (locale: string): DeskLanguage =>
  CONSOLE_LANGUAGES.find((l) => l.locale === locale)?.locale ?? 'en';

export type NewCustomerForm = { name: string; email: string; phone: string };

/**
 * A new customer (F2): name, a phone or an e-mail (or both) and the language of their messages;
 * Enter registers. A refused field shows what to type under it, every refused field at once.
 */
export function DeskRegisterForm(props: {
  form: NewCustomerForm;
  language: DeskLanguage;
  nameRef: RefObject<HTMLInputElement | null>;
  /** What the last refusal said of each field (`email`, `phone`), shown under it. */
  errors: Readonly<Record<string, string>>;
  onField(key: keyof NewCustomerForm, value: string): void;
  onLanguage(language: DeskLanguage): void;
}) {
  const translate = useTranslate();
  return (
    <section data-testid="desk-register" style={{ display: 'grid', gap: 8 }}>
      <h2 style={{ margin: '4px 0' }}>{translate('exhibition.desk.newCustomer')}</h2>
      {(['name', 'email', 'phone'] as const).map((key) => (
        <div key={key} style={{ display: 'grid', gap: 2 }}>
          <input
            ref={key === 'name' ? props.nameRef : undefined}
            aria-label={translate(`exhibition.fields.${key}`)}
            placeholder={translate(`exhibition.fields.${key}`)}
            type={key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
            value={props.form[key]}
            onChange={(e) => props.onField(key, e.target.value)}
            autoComplete="off"
            aria-invalid={props.errors[key] ? true : undefined}
            aria-describedby={props.errors[key] ? `desk-${key}-error` : undefined}
            style={props.errors[key] ? { ...DESK_FIELD, borderColor: '#b3261e' } : DESK_FIELD}
          />
          {props.errors[key] && (
            <span
              id={`desk-${key}-error`}
              data-testid={`desk-${key}-error`}
              style={{ color: '#b3261e', fontSize: 15 }}
            >
              {props.errors[key]}
            </span>
          )}
        </div>
      ))}
      <span style={{ color: '#5f6368', fontSize: 14 }}>{translate('exhibition.desk.contactHint')}</span>
      <select
        aria-label={translate('exhibition.fields.language')}
        value={props.language}
        onChange={(e) => props.onLanguage(e.target.value as DeskLanguage)}
        style={DESK_FIELD}
      >
        {/* Each language named in itself: the customer finds their own whatever the clerk reads. */}
        {CONSOLE_LANGUAGES.map(({ locale, name }) => (
          <option key={locale} value={locale} lang={locale}>
            {name}
          </option>
        ))}
      </select>
    </section>
  );
}
