import type { RefObject } from 'react';
import { useTranslate } from 'react-admin';
import { type Customer, codeOf } from './desk-model.ts';

/** The customers a search found, numbered: arrows or a digit pick one, Enter opens its tab. */
export function DeskMatches(props: {
  matches: Customer[];
  picked: number;
  pickRef: RefObject<HTMLDivElement | null>;
}) {
  const translate = useTranslate();
  return (
    <div
      ref={props.pickRef}
      tabIndex={0}
      role="listbox"
      aria-label={translate('exhibition.desk.matches')}
      aria-activedescendant={`desk-match-${props.picked}`}
      data-testid="desk-matches"
      style={{ outline: 'none' }}
    >
      {props.matches.map((m, i) => (
        <div
          key={m.id}
          id={`desk-match-${i}`}
          role="option"
          aria-selected={i === props.picked}
          tabIndex={-1}
          style={{
            padding: '8px 12px',
            border: '1px solid var(--mui-palette-divider)',
            marginBottom: 4,
            borderRadius: 6,
            background: i === props.picked ? 'var(--mui-palette-action-selected)' : 'transparent',
          }}
        >
          <strong>{i + 1}.</strong> {[m.name, codeOf(m.code), m.phone, m.email].filter(Boolean).join(' · ')}
        </div>
      ))}
    </div>
  );
}
