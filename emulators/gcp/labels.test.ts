import { describe, expect, it } from "vitest";
import { validateLabels } from "./labels";

describe("validateLabels", () => {
  it("accepts GCP-valid labels and no labels", () => {
    expect(validateLabels({ colour: "red", "from-version": "5-9-0", empty: "" })).toEqual({ colour: "red", "from-version": "5-9-0", empty: "" });
    expect(validateLabels(undefined)).toEqual({});
  });
  it.each([
    [{ Colour: "red" }, /label key 'Colour'/],
    [{ "1st": "x" }, /label key '1st'/],
    [{ version: "5.9.0" }, /resource\.labels\.version/],
    [{ colour: "Red" }, /lowercase/],
    [{ colour: 1 }, /resource\.labels\.colour/],
    [{ ["k".repeat(64)]: "v" }, /label key/],
    [["a"], /resource\.labels/],
  ])("rejects %j", (labels, message) => {
    expect(() => validateLabels(labels)).toThrow(message);
  });
});
