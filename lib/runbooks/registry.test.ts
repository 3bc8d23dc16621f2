import { expect, it } from "vitest";
import { JOB_KIND_NAMES } from "./kinds";
import { JOB_KINDS } from "./registry";

it("the UI's list of job kinds matches the registry", () => {
  expect([...JOB_KIND_NAMES].sort()).toEqual([...JOB_KINDS].sort());
});
