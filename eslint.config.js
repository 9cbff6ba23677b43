import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * What `npm run lint` checks: TypeScript's recommended rules, the rules of
 * React hooks and the accessibility rules of JSX. Formatting is Prettier's;
 * the layering of folders is dependency-cruiser's (.dependency-cruiser.cjs).
 */
export default tseslint.config(
  { ignores: ["app/generated/**", "build*/**", "node_modules/**", "tests/.tmp/**", "test-results/**", "public/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    rules: { ...reactHooks.configs.recommended.rules, ...jsxA11y.flatConfigs.recommended.rules },
  },
  {
    // Scripts, benchmarks and tests talk to a terminal.
    files: ["scripts/**", "bench/**", "tests/**", "prisma/**"],
    rules: { "no-console": "off" },
  },
);
