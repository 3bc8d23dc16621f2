import { editGlobalSettings } from "./global-settings";
import { setJsoncProperty } from "./jsonc/edit-jsonc";
import { withMaintenanceNotice, withoutMaintenanceNotice } from "./maintenance-notice";
import type { RequestOptions, SourcegraphAuth } from "./request";

/** Upgrade step 1: the banner on. Adding it twice leaves one banner. */
export function addMaintenanceNotice(
  baseUrl: string,
  auth: SourcegraphAuth,
  options: RequestOptions & { message?: string } = {},
): Promise<{ changed: boolean }> {
  return editGlobalSettings(baseUrl, auth, (text) => withMaintenanceNotice(text, options.message), options);
}

/** Upgrade step 4: the banner off. Only our banner goes; removing it twice is a no-op. */
export function removeMaintenanceNotice(baseUrl: string, auth: SourcegraphAuth, options?: RequestOptions): Promise<{ changed: boolean }> {
  return editGlobalSettings(baseUrl, auth, withoutMaintenanceNotice, options);
}

/** Creation: the runbook turns off patch-update alerts (we do the upgrading). */
export function setShowPatchUpdates(
  baseUrl: string,
  auth: SourcegraphAuth,
  show: boolean,
  options?: RequestOptions,
): Promise<{ changed: boolean }> {
  return editGlobalSettings(baseUrl, auth, (text) => setJsoncProperty(text, "alerts.showPatchUpdates", show), options);
}
