/**
 * The Sourcegraph adapter: everything the control plane does to an instance's frontend over
 * HTTP. Base URLs come from `sourcegraphBaseUrl` (production: the instance's external URL;
 * demo/tests: the emulator, via SOURCEGRAPH_BASE_URL_TEMPLATE).
 */
export { BASE_URL_TEMPLATE_ENV, sourcegraphBaseUrl } from "./base-url";
export { checkHealthz, type HealthzResult } from "./check-healthz";
export {
  createAccessToken,
  getCurrentUser,
  MANAGED_INSTANCES_TOKEN_NOTE,
  MANAGED_INSTANCES_TOKEN_SCOPES,
  type CurrentUser,
} from "./create-access-token";
export { editGlobalSettings, getGlobalSettings, overwriteGlobalSettings, type GlobalSettings } from "./global-settings";
export { getVersion } from "./get-version";
export { removeJsoncProperty, setJsoncProperty } from "./jsonc/edit-jsonc";
export { parseJsonc, parseJsoncObject } from "./jsonc/parse-jsonc";
export { addMaintenanceNotice, removeMaintenanceNotice, setShowPatchUpdates } from "./maintenance-banner";
export {
  DEFAULT_MAINTENANCE_MESSAGE,
  isMaintenanceNotice,
  MAINTENANCE_NOTICE_PREFIX,
  withMaintenanceNotice,
  withoutMaintenanceNotice,
} from "./maintenance-notice";
export { findUserByUsername, randomizeUserPassword, type SourcegraphUser } from "./password-reset";
export type { RequestOptions, SourcegraphAuth } from "./request";
export { setExternalUrl } from "./set-external-url";
export { siteInit, type SiteAdminCredentials } from "./site-init";
export { getSiteConfiguration, updateSiteConfiguration, type SiteConfiguration } from "./site-configuration";
export { SourcegraphError, type SourcegraphErrorKind } from "./sourcegraph-error";
export { getUpdateCheck, type UpdateCheck } from "./get-update-check";
