// ESLint flat config. Two jobs beyond style:
// 1. The deterministic core (src/protocol, src/sim) may not touch wall-clock time, randomness,
//    timers, workers or the DOM (DESIGN.md §1).
// 2. The layer rule (docs/architecture.md): sim (the protocol-neutral kernel) ← protocol (the
//    protocol modules: ZooKeeper, Paxos, Multi-Paxos …) ← cli ← worker ← store/machines ← ui ← app.
//    A layer may import only from layers to its left.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const bannedGlobals = [
  { name: 'Date', message: 'Simulated time only: the core is a pure function of (config, seed, actions).' },
  { name: 'performance', message: 'Simulated time only.' },
  { name: 'setTimeout', message: 'No real timers in the core: emit a timer output instead.' },
  { name: 'setInterval', message: 'No real timers in the core.' },
  { name: 'setImmediate', message: 'No real timers in the core.' },
  { name: 'requestAnimationFrame', message: 'No frames in the core.' },
  { name: 'queueMicrotask', message: 'No scheduling in the core.' },
  { name: 'Worker', message: 'Hosts live in src/worker.' },
  { name: 'window', message: 'No DOM in the core.' },
  { name: 'document', message: 'No DOM in the core.' },
  { name: 'navigator', message: 'No DOM in the core.' },
  { name: 'self', message: 'No worker globals in the core.' },
  { name: 'crypto', message: 'Randomness comes from the seeded generator (src/sim/rng.ts).' },
];
const bannedProps = [
  { object: 'Math', property: 'random', message: 'Use the seeded generator (src/sim/rng.ts).' },
  { object: 'Date', property: 'now', message: 'Simulated time only.' },
  { object: 'performance', property: 'now', message: 'Simulated time only.' },
];

// layer -> layers it must not import from
const layers = {
  sim: ['protocol', 'worker', 'cli', 'store', 'machines', 'ui', 'app'],
  protocol: ['worker', 'cli', 'store', 'machines', 'ui', 'app'],
  cli: ['worker', 'store', 'machines', 'ui', 'app'],
  worker: ['store', 'machines', 'ui', 'app'],
  store: ['ui', 'app'],
  machines: ['ui', 'app'],
  ui: ['app'],
};
const layerRules = Object.entries(layers).map(([layer, forbidden]) => ({
  files: [`src/${layer}/**/*.{ts,tsx}`],
  // Tests may compose layers (a scenario test runs the sim on an in-process host).
  ignores: ['**/*.test.ts', '**/*.test.tsx'],
  rules: {
    'no-restricted-imports': ['error', {
      patterns: forbidden.map((f) => ({
        group: [`**/${f}/**`, `**/${f}`, `../${f}/*`, `../../${f}/*`],
        message: `DESIGN.md §2: src/${layer} may not import from src/${f}.`,
      })),
    }],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.scratch/**', '.bench/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  ...layerRules,
  {
    // src/ui may import only *types* from src/protocol (DESIGN.md §2); its tests may compose layers.
    files: ['src/ui/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/protocol/**', '**/protocol'], allowTypeImports: true, message: 'src/ui imports only types from src/protocol.' },
          { group: ['**/app/**'], message: 'DESIGN.md §2: src/ui may not import from src/app.' },
        ],
      }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // Every spec takes `test` from e2e/helpers.ts, whose fixture fails a test on any
    // Content-Security-Policy violation (issue 14): the whole suite runs under the built site's CSP.
    files: ['e2e/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: '@playwright/test', allowTypeImports: true, message: "Take test and expect from './helpers.ts' (its test fails on a CSP violation)." }],
      }],
    },
  },
  {
    files: ['src/protocol/**/*.ts', 'src/sim/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', ...bannedGlobals],
      'no-restricted-properties': ['error', ...bannedProps],
    },
  },
);
