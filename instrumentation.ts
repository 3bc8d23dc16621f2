/**
 * Runs once when the web server starts (Next.js instrumentation hook): the configuration is
 * parsed (lib/config) and checked. The app refuses to start with a malformed value, sign-in
 * open to any Google account, demo sign-in next to production settings, a malformed
 * TRUST_PROXY or FOUR_EYES, or (outside demo mode) provisioning settings missing or pointing
 * at offline fixtures, naming every variable to set.
 */
export async function register() {
  // Next's own variables, set by Next for this hook (not the app's configuration).
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` may load the server to prerender: configuration is the running server's business.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { ConfigError, loadConfigAtStart } = await import("./lib/config/load-config");
  const { webStartupProblems } = await import("./lib/startup/web-startup-problems");
  try {
    loadConfigAtStart(webStartupProblems);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(`[web] ${e.message}`);
    process.exit(1);
  }
}
