/**
 * Runs once when the web server starts (Next.js instrumentation hook). Outside demo mode the
 * app refuses to start with provisioning settings missing or pointing at offline fixtures,
 * naming every variable, rather than accept instance creations no worker could carry out.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` may load the server to prerender: configuration is the running server's business.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // A mistyped FOUR_EYES must stop the start, not silently let people approve their own jobs.
  const { fourEyesSetting } = await import("./lib/approvals/four-eyes-setting");
  try {
    fourEyesSetting();
  } catch (e) {
    console.error(`[web] refusing to start: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
  if (process.env.DEMO_MODE === "1") return;
  const { provisioningConfigProblems } = await import("./lib/provisioning/settings");
  const problems = provisioningConfigProblems(process.env);
  if (problems.length === 0) return;
  console.error(`[web] refusing to start; set these and start again:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
