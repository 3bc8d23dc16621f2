import { config, type Config } from "../config/load-config";

/**
 * Where the control plane reaches an instance's Sourcegraph frontend.
 *
 * Production: the instance's external URL, `https://<slug>.sourcegraph.com`, through the GCP
 * load balancer like any user. Demo mode and tests: the local Sourcegraph emulator, which
 * serves every instance from one port under `/i/<slug>`; set
 * `SOURCEGRAPH_BASE_URL_TEMPLATE=http://127.0.0.1:4020/i/{slug}` and `{slug}` is replaced.
 */
export const BASE_URL_TEMPLATE_ENV = "SOURCEGRAPH_BASE_URL_TEMPLATE";

const SLUG = /^[a-z][a-z0-9-]{1,62}$/;

export function sourcegraphBaseUrl(
  instance: { slug: string; externalUrl: string },
  c: Pick<Config, "SOURCEGRAPH_BASE_URL_TEMPLATE"> = config(),
): string {
  const template = c.SOURCEGRAPH_BASE_URL_TEMPLATE;
  if (template) {
    // The slug lands in a URL path: hold it to the slug format rather than trusting escaping.
    if (!SLUG.test(instance.slug)) throw new Error(`invalid instance slug: ${JSON.stringify(instance.slug)}`);
    if (!template.includes("{slug}")) throw new Error(`${BASE_URL_TEMPLATE_ENV} must contain {slug}`);
    return checkedUrl(template.replaceAll("{slug}", instance.slug));
  }
  return checkedUrl(instance.externalUrl);
}

function checkedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`invalid Sourcegraph URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`invalid Sourcegraph URL: ${JSON.stringify(raw)}`);
  if (url.username || url.password || url.search || url.hash) throw new Error(`Sourcegraph URL must be a plain base URL: ${url.origin}`);
  // Paths are joined onto the base, so it never ends with a slash.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}
