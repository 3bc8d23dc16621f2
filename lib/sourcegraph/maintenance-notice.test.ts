import { describe, expect, it } from "vitest";
import { parseJsoncObject } from "./jsonc/parse-jsonc";
import {
  DEFAULT_MAINTENANCE_MESSAGE,
  MAINTENANCE_NOTICE_PREFIX,
  withMaintenanceNotice,
  withoutMaintenanceNotice,
} from "./maintenance-notice";

const CUSTOMER_NOTICE = { location: "home", message: "Welcome to ACME code search" };
const SETTINGS = `{
  // ACME's own banner
  "notices": [${JSON.stringify(CUSTOMER_NOTICE)}],
  "search.defaultPatternType": "standard"
}`;

const notices = (text: string) => parseJsoncObject(text).notices;

describe("withMaintenanceNotice", () => {
  it("adds the runbook's banner next to the customer's notices", () => {
    const out = withMaintenanceNotice(SETTINGS);
    expect(notices(out)).toEqual([CUSTOMER_NOTICE, { location: "top", dismissible: false, message: DEFAULT_MAINTENANCE_MESSAGE }]);
    expect(out).toContain("// ACME's own banner");
  });

  it("is idempotent: adding twice leaves one banner and the same text", () => {
    const once = withMaintenanceNotice(SETTINGS);
    expect(withMaintenanceNotice(once)).toBe(once);
  });

  it("replaces an older banner of ours instead of stacking a second one", () => {
    const first = withMaintenanceNotice("{}", `${MAINTENANCE_NOTICE_PREFIX} (to 5.10.1).`);
    const second = withMaintenanceNotice(first, `${MAINTENANCE_NOTICE_PREFIX} (to 5.10.2).`);
    expect(notices(second)).toEqual([{ location: "top", dismissible: false, message: `${MAINTENANCE_NOTICE_PREFIX} (to 5.10.2).` }]);
  });

  it("creates notices in empty settings, and refuses messages it could not recognise later", () => {
    expect(notices(withMaintenanceNotice(""))).toHaveLength(1);
    expect(() => withMaintenanceNotice("{}", "Down for maintenance")).toThrow(/must start with/);
  });

  it("refuses to overwrite a notices value that is not a list", () => {
    expect(() => withMaintenanceNotice(`{"notices": "oops"}`)).toThrow(/not a list/);
  });
});

describe("withoutMaintenanceNotice", () => {
  it("removes only our banner", () => {
    const out = withoutMaintenanceNotice(withMaintenanceNotice(SETTINGS));
    expect(notices(out)).toEqual([CUSTOMER_NOTICE]);
    expect(out).toContain("// ACME's own banner");
  });

  it("keeps a look-alike a customer made dismissible", () => {
    const theirs = { location: "top", dismissible: true, message: DEFAULT_MAINTENANCE_MESSAGE };
    const text = `{"notices": [${JSON.stringify(theirs)}]}`;
    expect(withoutMaintenanceNotice(text)).toBe(text);
  });

  it("drops the notices property when ours was the only one, and is a no-op without it", () => {
    const out = withoutMaintenanceNotice(withMaintenanceNotice(`{\n  "a": 1\n}`));
    expect(parseJsoncObject(out)).toEqual({ a: 1 });
    expect(withoutMaintenanceNotice(SETTINGS)).toBe(SETTINGS);
  });
});
