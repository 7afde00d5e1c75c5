import { describe, expect, it } from 'vitest';
import { labKeyAction } from './useLabKeys.ts';

const none = { alt: false, ctrl: false, meta: false, shift: false };
const el = (matches: string[]) => ({ closest: (sel: string) => (matches.some((m) => sel.split(', ').includes(m)) ? {} : null) }) as unknown as Element;

describe('labKeyAction', () => {
  it('maps Space, → and ← when the focus is elsewhere', () => {
    expect(labKeyAction(' ', null, none)).toBe('toggle');
    expect(labKeyAction('ArrowRight', null, none)).toBe('step');
    expect(labKeyAction('ArrowLeft', null, none)).toBe('back');
    expect(labKeyAction('ArrowLeft', null, { ...none, ctrl: true })).toBeNull();
  });
  it('leaves the keys to text fields and controls that use them', () => {
    expect(labKeyAction(' ', el(['input']), none)).toBeNull();
    expect(labKeyAction(' ', el(['button']), none)).toBeNull();
    expect(labKeyAction('ArrowRight', el(['input']), none)).toBeNull();
    expect(labKeyAction('ArrowRight', el(['[role="tab"]']), none)).toBeNull();
    expect(labKeyAction('ArrowRight', el(['button']), none)).toBe('step');
  });
});
