/**
 * Runs once when the web server starts (Next.js instrumentation hook). The app refuses to
 * start with sign-in open to any Google account, demo sign-in next to production settings,
 * a malformed TRUST_PROXY or FOUR_EYES, or (outside demo mode) provisioning settings missing or pointing
 * at offline fixtures, naming every variable to set.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` may load the server to prerender: configuration is the running server's business.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { webStartupProblems } = await import("./lib/startup/web-startup-problems");
  const problems = webStartupProblems(process.env);
  if (problems.length === 0) return;
  console.error(`[web] refusing to start; set these and start again:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
