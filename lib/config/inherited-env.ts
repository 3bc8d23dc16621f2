/**
 * The environment child processes inherit (terraform, gcloud, ssh): their own conventions
 * (PATH, GOOGLE_APPLICATION_CREDENTIALS, CLOUDSDK_*, TF_*) are theirs to read, not settings
 * of this app, so they pass through as they are. The one place outside the config schema
 * that hands out process.env; read it only to build a child's environment or search its PATH.
 */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return process.env;
}
