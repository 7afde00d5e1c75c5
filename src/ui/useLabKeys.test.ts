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
  it('leaves PageDown / PageUp and B alone unless presenting', () => {
    expect(labKeyAction('PageDown', null, none)).toBeNull();
    expect(labKeyAction('PageUp', null, none)).toBeNull();
    expect(labKeyAction('b', null, none)).toBeNull();
    expect(labKeyAction('PageDown', null, none, { presenting: false, lesson: true })).toBeNull();
    expect(labKeyAction('ArrowRight', null, none, { presenting: false, lesson: true })).toBe('step');
  });
  it('presenting: the clicker steps the lesson, or events without one; B blanks', () => {
    const lesson = { presenting: true, lesson: true };
    const bare = { presenting: true, lesson: false };
    expect(labKeyAction('PageDown', null, none, lesson)).toBe('lessonForward');
    expect(labKeyAction('ArrowRight', null, none, lesson)).toBe('lessonForward');
    expect(labKeyAction('PageUp', null, none, lesson)).toBe('lessonBack');
    expect(labKeyAction('ArrowLeft', null, none, lesson)).toBe('lessonBack');
    expect(labKeyAction('PageDown', null, none, bare)).toBe('step');
    expect(labKeyAction('PageUp', null, none, bare)).toBe('back');
    expect(labKeyAction(' ', null, none, lesson)).toBe('toggle');
    expect(labKeyAction('b', null, none, bare)).toBe('blank');
    expect(labKeyAction('B', null, none, lesson)).toBe('blank');
    expect(labKeyAction('b', el(['input']), none, bare)).toBeNull();
    expect(labKeyAction('b', null, { ...none, ctrl: true }, bare)).toBeNull();
    expect(labKeyAction('PageDown', el(['textarea']), none, lesson)).toBeNull();
  });
});
