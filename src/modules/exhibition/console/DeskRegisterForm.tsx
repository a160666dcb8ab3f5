import type { RefObject } from 'react';
import { useTranslate } from 'react-admin';
import { DESK_FIELD } from './desk-model.ts';

export type DeskLanguage = 'en' | 'es';
export type NewCustomerForm = { name: string; email: string; phone: string };

/** A new customer (F2): name, e-mail, phone and the language of their e-mails; Enter registers. */
export function DeskRegisterForm(props: {
  form: NewCustomerForm;
  language: DeskLanguage;
  nameRef: RefObject<HTMLInputElement | null>;
  onField(key: keyof NewCustomerForm, value: string): void;
  onLanguage(language: DeskLanguage): void;
}) {
  const translate = useTranslate();
  return (
    <section data-testid="desk-register" style={{ display: 'grid', gap: 8 }}>
      <h2 style={{ margin: '4px 0' }}>{translate('exhibition.desk.newCustomer')}</h2>
      {(['name', 'email', 'phone'] as const).map((key) => (
        <input
          key={key}
          ref={key === 'name' ? props.nameRef : undefined}
          aria-label={translate(`exhibition.fields.${key}`)}
          placeholder={translate(`exhibition.fields.${key}`)}
          type={key === 'email' ? 'email' : key === 'phone' ? 'tel' : 'text'}
          value={props.form[key]}
          onChange={(e) => props.onField(key, e.target.value)}
          autoComplete="off"
          style={DESK_FIELD}
        />
      ))}
      <select
        aria-label={translate('exhibition.fields.language')}
        value={props.language}
        onChange={(e) => props.onLanguage(e.target.value as DeskLanguage)}
        style={DESK_FIELD}
      >
        {(['en', 'es'] as const).map((l) => (
          <option key={l} value={l}>
            {translate(`exhibition.options.${l}`)}
          </option>
        ))}
      </select>
    </section>
  );
}
