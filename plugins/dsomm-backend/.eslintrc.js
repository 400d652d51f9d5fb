module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The parser tests share their property checks (which assert) through `checks.*`.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'fc.assert', 'checks.*'] },
    ],
  },
});
