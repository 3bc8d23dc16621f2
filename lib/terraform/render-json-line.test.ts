import { describe, expect, it } from "vitest";
import { renderJsonLine } from "./render-json-line";

describe("renderJsonLine", () => {
  it("shows @message and keeps the record", () => {
    const line =
      '{"@level":"info","@message":"Plan: 1 to add, 0 to change, 1 to destroy.","@module":"terraform.ui","changes":{"add":1,"change":0,"import":0,"remove":1,"operation":"plan"},"type":"change_summary"}';
    const { text, record } = renderJsonLine(line);
    expect(text).toEqual(["Plan: 1 to add, 0 to change, 1 to destroy."]);
    expect(record?.type).toBe("change_summary");
    expect(record?.changes).toMatchObject({ add: 1, remove: 1 });
  });

  it("splits multi-line messages and drops blank edges", () => {
    const line = JSON.stringify({
      "@level": "info",
      "@message": "\nInterrupt received.\nPlease wait for Terraform to exit or data loss may occur.\nGracefully shutting down...\n",
      type: "log",
    });
    expect(renderJsonLine(line).text).toEqual([
      "Interrupt received.",
      "Please wait for Terraform to exit or data loss may occur.",
      "Gracefully shutting down...",
    ]);
  });

  it("adds a diagnostic's location and detail", () => {
    const line = JSON.stringify({
      "@level": "error",
      "@message": "Error: local-exec provisioner error",
      type: "diagnostic",
      diagnostic: {
        severity: "error",
        summary: "local-exec provisioner error",
        detail: "Error running command 'x': exit status 1.\nOutput: boom\n",
        address: "terraform_data.step",
        range: { filename: "main.tf", start: { line: 9, column: 28 } },
      },
    });
    expect(renderJsonLine(line).text).toEqual([
      "Error: local-exec provisioner error",
      "  on main.tf line 9, in terraform_data.step:",
      "  Error running command 'x': exit status 1.",
      "  Output: boom",
    ]);
  });

  it("passes non-JSON lines through unchanged", () => {
    expect(renderJsonLine("│ Warning: Unable to open CLI configuration file")).toEqual({
      text: ["│ Warning: Unable to open CLI configuration file"],
      record: null,
    });
    expect(renderJsonLine("{not json").record).toBeNull();
    expect(renderJsonLine('{"no":"message"}')).toEqual({ text: ['{"no":"message"}'], record: null });
  });
});
