import { describe, expect, it } from 'vitest';
import { CAMERA_PROBLEMS } from '../../../../web/kit/camera-problem.ts';
import { boothCatalogs } from './i18n.ts';

describe('booth page words', () => {
  it('has every message in Spanish with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(boothCatalogs.en)) {
      const es = boothCatalogs.es[key as keyof typeof boothCatalogs.en];
      expect(es, key).toBeTruthy();
      expect(placeholders(es), key).toEqual(placeholders(text));
    }
  });

  it('words every reason the camera may not start, in both languages', () => {
    for (const catalog of Object.values(boothCatalogs))
      for (const problem of CAMERA_PROBLEMS) expect(catalog[`camera.${problem}`], problem).toBeTruthy();
  });
});
