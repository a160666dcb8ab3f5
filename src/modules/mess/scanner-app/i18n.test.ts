import { describe, expect, it } from 'vitest';
import { CAMERA_PROBLEMS } from '../../../../web/kit/camera-problem.ts';
import { PASS_REFUSAL_REASONS } from '../../../core/passes/index.ts';
import { RULE_DENIALS } from '../browser.ts';
import { CATALOGS } from './i18n.ts';

describe('scanner catalog', () => {
  it('has every English message in Hindi too, with the same placeholders', () => {
    for (const [key, english] of Object.entries(CATALOGS.en)) {
      const hindi = CATALOGS.hi[key as keyof typeof CATALOGS.en];
      expect(hindi, key).toBeTruthy();
      expect(hindi.match(/\{\w+\}/g)?.sort(), key).toEqual(english.match(/\{\w+\}/g)?.sort());
    }
  });

  it('words every reason the server and the pass check can give', () => {
    for (const code of [...RULE_DENIALS, ...PASS_REFUSAL_REASONS, 'unknown_student', 'no_code'])
      expect(Object.keys(CATALOGS.en), code).toContain(`reason.${code}`);
  });

  it('words every reason the camera may not start', () => {
    for (const catalog of Object.values(CATALOGS))
      for (const problem of CAMERA_PROBLEMS) expect(catalog[`camera.${problem}`], problem).toBeTruthy();
  });
});
