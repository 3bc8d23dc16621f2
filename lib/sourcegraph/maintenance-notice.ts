import { removeJsoncProperty, setJsoncProperty } from "./jsonc/edit-jsonc";
import { parseJsoncObject } from "./jsonc/parse-jsonc";

/**
 * The runbook's upgrade banner, as a `notices` entry of the global settings. Our notice is
 * recognised by this opening sentence (settings entries have no room for a marker field), so
 * removing it never touches notices a customer added themselves.
 */
export const MAINTENANCE_NOTICE_PREFIX = "🚀 Sourcegraph is undergoing a scheduled upgrade";
export const DEFAULT_MAINTENANCE_MESSAGE =
  `${MAINTENANCE_NOTICE_PREFIX} ([what's changed?](https://about.sourcegraph.com/blog/)). ` +
  "You may be unable to perform some write actions during this time, such as updating your user settings.";

export interface Notice {
  location: string;
  dismissible?: boolean;
  message: string;
}

export function isMaintenanceNotice(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const n = value as Partial<Notice>;
  return n.location === "top" && n.dismissible === false && typeof n.message === "string" && n.message.startsWith(MAINTENANCE_NOTICE_PREFIX);
}

/**
 * Settings text with our banner present exactly once (an older banner of ours with another
 * message is replaced). Returns the text unchanged when it is already there.
 */
export function withMaintenanceNotice(settings: string, message = DEFAULT_MAINTENANCE_MESSAGE): string {
  if (!message.startsWith(MAINTENANCE_NOTICE_PREFIX)) {
    throw new Error(`a maintenance notice must start with "${MAINTENANCE_NOTICE_PREFIX}" so it can be found and removed later`);
  }
  const notices = readNotices(settings);
  const ours = notices.filter(isMaintenanceNotice);
  if (ours.length === 1 && (ours[0] as Notice).message === message) return settings;
  const notice: Notice = { location: "top", dismissible: false, message };
  return setJsoncProperty(settings, "notices", [...notices.filter((n) => !isMaintenanceNotice(n)), notice]);
}

/** Settings text without our banner; other notices stay. Unchanged when there is none. */
export function withoutMaintenanceNotice(settings: string): string {
  const notices = readNotices(settings);
  if (!notices.some(isMaintenanceNotice)) return settings;
  const rest = notices.filter((n) => !isMaintenanceNotice(n));
  return rest.length === 0 ? removeJsoncProperty(settings, "notices") : setJsoncProperty(settings, "notices", rest);
}

function readNotices(settings: string): unknown[] {
  const notices = parseJsoncObject(settings).notices;
  if (notices === undefined || notices === null) return [];
  // Refuse rather than overwrite something we don't understand in a customer's settings.
  if (!Array.isArray(notices)) throw new Error(`global settings have a "notices" value that is not a list`);
  return notices;
}
