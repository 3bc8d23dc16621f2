/**
 * Runs once when the web server starts (Next.js instrumentation hook). Outside demo mode the
 * app refuses to start with provisioning settings missing or pointing at offline fixtures,
 * naming every variable, rather than accept instance creations no worker could carry out.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.DEMO_MODE === "1") return;
  // `next build` may load the server to prerender: configuration is the running server's business.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { provisioningConfigProblems } = await import("./lib/provisioning/settings");
  const problems = provisioningConfigProblems(process.env);
  if (problems.length === 0) return;
  console.error(`[web] refusing to start; set these and start again:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
