/**
 * Import rules checked by dependency-cruiser (`npm run lint`, and `npm test`'s "imports" stage).
 * The ESLint rule in eslint.config.mjs says the same about emulators/ file by file; this
 * one also sees the whole graph (cycles).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles-in-lib",
      severity: "error",
      comment: "An import cycle under lib/ (e.g. the job engine importing the runbooks that create jobs). Break it: pass the dependency in, or move what both need into a third module.",
      from: { path: "^lib/" },
      to: { circular: true, path: "^lib/" },
    },
    {
      name: "no-emulators-in-production",
      severity: "error",
      comment: "Production code (lib, app, components, workers) never imports emulators/: demo mode differs only in configuration. Test fixtures that drive the emulators live in test-support/.",
      from: { path: "^(lib|app|components|workers)/", pathNot: "\\.test\\.tsx?$" },
      to: { path: "^emulators/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|lib/generated|\\.next)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"] },
  },
};
