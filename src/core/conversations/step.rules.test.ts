import { describe, expect, it } from 'vitest';
import { detectLanguage } from './keywords.rules.ts';
import { planStep, type StepFacts } from './step.rules.ts';

const now = new Date('2026-11-22T10:00:00Z');
const facts = (over: Partial<StepFacts> = {}): StepFacts => ({
  paused: false,
  flow: 'menu',
  state: 'pick',
  pendingPrompt: null,
  lastActivityAt: new Date(now.getTime() - 60_000),
  configuredFlow: 'menu',
  idleMinutes: 30,
  now,
  input: { kind: 'text', text: 'hello' },
  language: 'en',
  languages: ['en', 'es'],
  keywords: { confirm: { en: ['confirm'], es: ['confirmar'] } },
  ...over,
});

describe('planStep', () => {
  it('holds every message while staff have taken over', () => {
    expect(planStep(facts({ paused: true, input: { kind: 'text', text: 'language' } }))).toEqual({
      action: 'hold',
    });
  });

  it('turns a typed keyword into the same choice a button tap gives', () => {
    const typed = planStep(facts({ input: { kind: 'text', text: 'Confirmar' } }));
    expect(typed).toEqual({
      action: 'run',
      input: { kind: 'choice', id: 'confirm', via: 'keyword' },
      restart: null,
    });
    const tapped = planStep(facts({ input: { kind: 'choice', id: 'confirm', via: 'tap' } }));
    expect(tapped).toMatchObject({ action: 'run', input: { kind: 'choice', id: 'confirm' } });
  });

  it('starts over after the idle timeout, and for a first message or a changed flow', () => {
    const idle = facts({ lastActivityAt: new Date(now.getTime() - 31 * 60_000) });
    expect(planStep(idle)).toMatchObject({ action: 'run', restart: 'idle' });
    expect(planStep(facts({ lastActivityAt: new Date(now.getTime() - 29 * 60_000) }))).toMatchObject({
      restart: null,
    });
    expect(planStep(facts({ flow: null, state: null }))).toMatchObject({ restart: 'new' });
    expect(planStep(facts({ configuredFlow: 'raffle' }))).toMatchObject({ restart: 'flow-changed' });
  });

  it('opens the language menu from any state in any language', () => {
    expect(planStep(facts({ input: { kind: 'text', text: 'Idioma' } }))).toEqual({
      action: 'ask-language',
      restart: null,
    });
    expect(planStep(facts({ input: { kind: 'text', text: 'भाषा' } }))).toMatchObject({
      action: 'ask-language',
    });
  });

  it('sets the language by tap or by its name anytime, by its code only right after the menu', () => {
    expect(planStep(facts({ input: { kind: 'choice', id: 'lang:es' } }))).toMatchObject({
      action: 'set-language',
      language: 'es',
    });
    expect(planStep(facts({ input: { kind: 'choice', id: 'lang:hi' } }))).toMatchObject({ action: 'run' });
    const named = facts({ input: { kind: 'text', text: 'español' }, pendingPrompt: 'language' });
    expect(planStep(named)).toMatchObject({ action: 'set-language', language: 'es' });
    expect(planStep({ ...named, pendingPrompt: null })).toMatchObject({
      action: 'set-language',
      language: 'es',
    });
    expect(planStep(facts({ language: 'es', input: { kind: 'text', text: 'English' } }))).toMatchObject({
      action: 'set-language',
      language: 'en',
    });
    expect(planStep(facts({ input: { kind: 'text', text: 'es' } }))).toMatchObject({ action: 'run' });
  });

  it('answers in the language of the first words when nobody chose one yet', () => {
    const first = facts({
      flow: null,
      state: null,
      languageKnown: false,
      input: { kind: 'text', text: 'hola' },
    });
    expect(planStep(first)).toEqual({
      action: 'run',
      input: { kind: 'text', text: 'hola' },
      restart: 'new',
      detectedLanguage: 'es',
    });
    const keyword = planStep({ ...first, input: { kind: 'text', text: 'confirmar' } });
    expect(keyword).toMatchObject({ input: { kind: 'choice', id: 'confirm' } });
    expect(planStep({ ...first, languageKnown: true })).not.toHaveProperty('detectedLanguage');
    expect(planStep({ ...first, input: { kind: 'text', text: '5,12' } })).not.toHaveProperty(
      'detectedLanguage',
    );
    expect(planStep({ ...first, input: { kind: 'text', text: 'नमस्ते' } })).not.toHaveProperty(
      'detectedLanguage',
    );
  });

  it("falls back to the language of the person's number when the first message has no words", () => {
    const first = facts({ flow: null, state: null, languageKnown: false, addressLanguage: 'es' });
    expect(planStep({ ...first, input: { kind: 'text', text: '1' } })).toMatchObject({
      detectedLanguage: 'es',
    });
    // Words win over the number: an English sentence from +52 is answered in English.
    expect(planStep({ ...first, input: { kind: 'text', text: 'hello' } })).not.toHaveProperty(
      'detectedLanguage',
    );
    // A number whose language the flow does not speak changes nothing.
    expect(
      planStep({ ...first, addressLanguage: 'rw', input: { kind: 'text', text: '1' } }),
    ).not.toHaveProperty('detectedLanguage');
    expect(
      planStep({ ...first, languageKnown: true, input: { kind: 'text', text: '1' } }),
    ).not.toHaveProperty('detectedLanguage');
    // Only the very first message: after "hi" (English, the default), a meter number stays English.
    expect(
      planStep({ ...first, flow: 'menu', state: 'pick', input: { kind: 'text', text: 'KGL-1' } }),
    ).not.toHaveProperty('detectedLanguage');
  });
});

describe('detectLanguage', () => {
  it('reads the language from common words and the script', () => {
    expect(detectLanguage('Hola, quiero comprar boletos')).toBe('es');
    expect(detectLanguage('mis boletos')).toBe('es');
    expect(detectLanguage('Hello, I want to buy tickets')).toBe('en');
    expect(detectLanguage('नमस्ते')).toBe('hi');
    expect(detectLanguage('5,12')).toBeNull();
    expect(detectLanguage('rifa raffle')).toBeNull();
    expect(detectLanguage('Bonjour, je veux acheter')).toBe('fr');
    expect(detectLanguage('Muraho, ndashaka kugura umuriro')).toBe('rw');
  });

  it("counts a business's words only where its flow declares them (languageClues)", () => {
    // The core knows no module's words: "rifa" and "raffle" alone tell nothing.
    expect(detectLanguage('rifa')).toBeNull();
    expect(detectLanguage('raffle')).toBeNull();
    const raffleClues = { en: ['raffle', 'tickets'], es: ['rifa', 'boletos'] };
    expect(detectLanguage('rifa', raffleClues)).toBe('es');
    expect(detectLanguage('raffle', raffleClues)).toBe('en');
    expect(detectLanguage('rifa raffle', raffleClues)).toBeNull();
  });

  it("plans the language a first message is written in from the flow's own words", () => {
    const first = { flow: null, state: null, languageKnown: false, languages: ['en', 'es'] as const };
    const plan = planStep(
      facts({ ...first, input: { kind: 'text', text: 'Rifa' }, languageClues: { es: ['rifa'] } }),
    );
    expect(plan).toMatchObject({ action: 'run', detectedLanguage: 'es' });
    expect(planStep(facts({ ...first, input: { kind: 'text', text: 'Rifa' } }))).not.toHaveProperty(
      'detectedLanguage',
    );
  });
});
