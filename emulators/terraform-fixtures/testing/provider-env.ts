/** The provider's variables (gcp-rest.mjs reads them) pointing the fixtures at one emulator. */
export function providerEnv(emulatorUrl: string): Record<string, string> {
  return {
    GOOGLE_COMPUTE_CUSTOM_ENDPOINT: `${emulatorUrl}/compute/v1/`,
    GOOGLE_STORAGE_CUSTOM_ENDPOINT: `${emulatorUrl}/storage/v1/`,
    GOOGLE_DNS_CUSTOM_ENDPOINT: `${emulatorUrl}/dns/v1/`,
    GOOGLE_OAUTH_ACCESS_TOKEN: "fixture-test-token",
  };
}
