import { parseConfig } from "../config/load-config";
import { OAuth2Client } from "google-auth-library";
import { describe, expect, it } from "vitest";
import { buildClientOptions, gcpSettingsFromEnv, parseApiEndpoint } from "./client-options";

describe("parseApiEndpoint", () => {
  it("splits host, port and protocol", () => {
    expect(parseApiEndpoint("http://127.0.0.1:4010")).toEqual({ host: "127.0.0.1", port: 4010, protocol: "http" });
    expect(parseApiEndpoint("127.0.0.1:4010")).toEqual({ host: "127.0.0.1", port: 4010, protocol: "http" });
    expect(parseApiEndpoint("https://compute.example.com")).toEqual({ host: "compute.example.com", port: 443, protocol: "https" });
    expect(parseApiEndpoint("http://[::1]:9")).toEqual({ host: "::1", port: 9, protocol: "http" });
  });
  it("rejects what the transport would mangle", () => {
    expect(() => parseApiEndpoint("http://127.0.0.1:4010/prefix")).toThrow(/path/);
    expect(() => parseApiEndpoint("ftp://x")).toThrow(/http/);
  });
});

describe("buildClientOptions", () => {
  it("points the REST transport at the endpoint with a preset token", async () => {
    const opts = buildClientOptions({ apiEndpoint: "http://127.0.0.1:4010", accessToken: "tok" });
    expect(opts).toMatchObject({ apiEndpoint: "127.0.0.1", port: 4010, protocol: "http", fallback: true });
    expect(opts.authClient).toBeInstanceOf(OAuth2Client);
    const headers = await (opts.authClient as OAuth2Client).getRequestHeaders();
    expect(headers.get("authorization")).toBe("Bearer tok");
  });
  it("defaults the token to 'emulator'", async () => {
    const opts = buildClientOptions({ apiEndpoint: "http://127.0.0.1:1" });
    expect((await (opts.authClient as OAuth2Client).getAccessToken()).token).toBe("emulator");
  });
  it("uses default credentials without an endpoint", () => {
    expect(buildClientOptions({})).toEqual({ fallback: true });
  });
  it("reads settings from the environment", () => {
    expect(gcpSettingsFromEnv(parseConfig({ GCP_API_ENDPOINT: " http://h:1 ", GCP_ACCESS_TOKEN: "" }))).toEqual({
      apiEndpoint: "http://h:1",
      accessToken: undefined,
    });
  });
});
