// ESLint flat config: typescript-eslint + eslint-plugin-vue, and the import boundaries
// of STYLE.md enforced with no-restricted-imports.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'bench-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['shared/**'],
    rules: restrict([{ group: ['**/server/**', '**/client/**', 'express', 'ws', 'pg', 'redis', 'vue'], message: 'shared/ has no I/O and imports neither server/ nor client/.' }]),
  },
  {
    files: ['client/**'],
    rules: restrict([{ group: ['**/server/**'], message: 'client/ never imports server/; use shared/.' }]),
  },
  {
    files: ['server/collab/**'],
    rules: restrict([{ group: ['express', '**/http/**', '**/meetings/**'], message: 'server/collab gets its dependencies as arguments (STYLE.md).' }]),
  },
  {
    files: ['server/meetings/**'],
    rules: restrict([{ group: ['express', '**/http/**', '**/collab/**'], message: 'server/meetings gets its dependencies as arguments (STYLE.md).' }]),
  },
  {
    // http/ talks to the doc hub and the meetings through their public entry points only
    // (listed in server/collab/README.md and server/meetings/README.md), never their internals.
    files: ['server/http/**'],
    rules: restrict([{
      group: ['**/collab/*', '!**/collab/docHub', '!**/collab/docStore', '!**/collab/serverEdit', '**/meetings/*', '!**/meetings/meetingService', '!**/shared/**'],
      message: 'server/http may import only the entry points of server/collab (docHub, docStore, serverEdit) and server/meetings (meetingService).',
    }]),
  },
  {
    files: ['scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
)
