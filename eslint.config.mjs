import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "playwright-report/**", "test-results/**"]),
  {
    // Playwright fixtures receive a callback named `use`; it is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Production code never reaches the stand-ins: demo mode differs only in configuration.
    // Only tests (*.test.ts) may drive them; fixtures that do live in test-support/.
    files: ["lib/**/*.ts", "lib/**/*.tsx", "app/**/*.ts", "app/**/*.tsx", "components/**/*.tsx", "workers/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/emulators", "**/emulators/**", "@/emulators/**"], message: "production code must not import emulators/ (configure endpoints instead)" }] }],
    },
  },
  {
    // Configuration is read once, typed and checked at start (lib/config): everything else
    // receives settings. Tests, their fixtures (lib/testing) and the config module itself may
    // touch process.env; a child process's inherited environment is marked where it is built.
    files: ["lib/**/*.ts", "lib/**/*.tsx", "app/**/*.ts", "app/**/*.tsx", "components/**/*.tsx", "workers/**/*.ts"],
    ignores: ["**/*.test.ts", "**/*.test.tsx", "lib/config/**", "lib/testing/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "read settings from lib/config (config()), not process.env" }],
    },
  },
  {
    rules: {
      // Server data flows through react-query; effects that sync props to local state are deliberate here.
      "react-hooks/set-state-in-effect": "off",
      // A leading underscore marks a value left unused on purpose (`for await (const _ of req)`).
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
]);
