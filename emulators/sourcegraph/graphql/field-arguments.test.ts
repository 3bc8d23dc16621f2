import { describe, expect, it } from "vitest";
import { fieldArguments, hasField } from "./field-arguments";

describe("fieldArguments", () => {
  it("reads variables and nested input objects", () => {
    const query = `mutation OverwriteSettings($subject: ID!, $lastID: Int, $contents: String!) {
      settingsMutation(input: { subject: $subject, lastID: $lastID }) { overwriteSettings(contents: $contents) { empty { alwaysNil } } }
    }`;
    const vars = { subject: "U2l0ZToic2l0ZSI=", lastID: null, contents: "{}" };
    expect(fieldArguments(query, "settingsMutation", vars)).toEqual({ input: { subject: "U2l0ZToic2l0ZSI=", lastID: null } });
    expect(fieldArguments(query, "overwriteSettings", vars)).toEqual({ contents: "{}" });
  });

  it("reads inline literals and lists", () => {
    const query = `mutation { createAccessToken(user: "VXNlcjox", scopes: ["user:all", "site-admin:sudo"], note: "managed-instances") { token } }`;
    expect(fieldArguments(query, "createAccessToken", {})).toEqual({ user: "VXNlcjox", scopes: ["user:all", "site-admin:sudo"], note: "managed-instances" });
    expect(fieldArguments(`mutation { updateSiteConfiguration(lastID: 3, input: "{\\"a\\": 1}") }`, "updateSiteConfiguration", {}))
      .toEqual({ lastID: 3, input: '{"a": 1}' });
  });

  it("does not mistake an operation name or a string's content for a field", () => {
    const query = `mutation updateSiteConfiguration($lastID: Int!, $input: String!) { updateSiteConfiguration(lastID: $lastID, input: $input) }`;
    expect(fieldArguments(query, "updateSiteConfiguration", { lastID: 1, input: "x" })).toEqual({ lastID: 1, input: "x" });
    expect(hasField(`mutation { updateSiteConfiguration(lastID: 1, input: "createAccessToken") }`, "createAccessToken")).toBe(false);
    expect(fieldArguments("query { site { id } }", "currentUser", {})).toBeNull();
    expect(fieldArguments("query { currentUser { id } }", "currentUser", {})).toEqual({});
  });
});
