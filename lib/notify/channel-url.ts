import { AppError } from "../errors/app-error";

/**
 * A channel's URL, checked before it is stored. Production: https only, and a Slack channel
 * must be a Slack incoming-webhook URL (`https://hooks.slack.com/services/…`). With
 * NOTIFY_ALLOW_INSECURE_URLS=1 (demo mode, tests: receivers on 127.0.0.1) http and any host pass.
 */
export function checkChannelUrl(kind: "slack" | "webhook", raw: string, allowInsecure: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad("url must be an absolute URL (https://…)");
  }
  if (url.username || url.password) throw bad("url must not contain a user name or password");
  if (allowInsecure) {
    if (url.protocol !== "https:" && url.protocol !== "http:") throw bad("url must start with https:// or http://");
    return url;
  }
  if (url.protocol !== "https:") throw bad("url must start with https://");
  if (kind === "slack" && !(url.hostname === "hooks.slack.com" && url.pathname.startsWith("/services/"))) {
    throw bad("a Slack url must be an incoming webhook: https://hooks.slack.com/services/…");
  }
  return url;
}

/** What may be shown of a saved URL (the path of a webhook URL is its secret). */
export function urlHint(url: URL): string {
  return `${url.protocol}//${url.host}/…`;
}

const bad = (message: string) => new AppError("bad_request", message, [{ field: "url", message }]);
