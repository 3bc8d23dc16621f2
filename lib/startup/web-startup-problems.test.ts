import { parseConfig } from "../config/load-config";
import { describe, expect, it } from "vitest";
import { WEB_SERVER_MARKER, webStartupProblems } from "./web-startup-problems";

describe("webStartupProblems", () => {
  it("lets the local demo start as npm start configures it", () => {
    expect(webStartupProblems(parseConfig({ DEMO_MODE: "1", NEXTAUTH_URL: "http://localhost:3000", [WEB_SERVER_MARKER]: "1" }))).toEqual([]);
  });

  it("stops demo mode next to production sign-in settings", () => {
    expect(webStartupProblems(parseConfig({ DEMO_MODE: "1", GOOGLE_CLIENT_ID: "x", GOOGLE_CLIENT_SECRET: "y" })).join("\n")).toContain("unset DEMO_MODE");
  });

  it("lists every production problem at once, sign-in first", () => {
    const problems = webStartupProblems(parseConfig({ TRUST_PROXY: "not-a-cidr" }));
    const text = problems.join("\n");
    for (const name of ["AUTH_ALLOWED_DOMAIN", "GOOGLE_CLIENT_ID", "NEXTAUTH_SECRET", "TRUST_PROXY", "npm run web", "INSTANCE_MODULE_SOURCE", "GCP_PROJECT_PARENT"]) {
      expect(text, name).toContain(name);
    }
  });
});
