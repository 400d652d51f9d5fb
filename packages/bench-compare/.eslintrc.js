module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // This private bench starts the DSOMM backend plugin itself and reuses its bench's
    // synthetic org and fake catalog, which the plugin does not publish.
    '@backstage/no-mixed-plugin-imports': 'off',
    '@backstage/no-forbidden-package-imports': 'off',
    // Everything here is bench code, so its packages (Tech Insights among them) are dev
    // dependencies, which Backstage's rule wants only in tests; this rule still checks each
    // import is declared.
    '@backstage/no-undeclared-imports': 'off',
    'import/no-extraneous-dependencies': [
      'error',
      { devDependencies: true, packageDir: [__dirname] },
    ],
  },
});
