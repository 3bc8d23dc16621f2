import { describe, expect, it } from "vitest";
import { GcpError, toGcpError } from "./errors";

const R = "projects/p/zones/z/instances/prod";
const E = "http://127.0.0.1:4010";
const gax = (code: number, message: string, httpStatusCode?: number) => Object.assign(new Error(message), { code, httpStatusCode });

describe("toGcpError", () => {
  it("classifies google-gax errors", () => {
    expect(toGcpError(gax(5, "was not found", 404), R, E)).toMatchObject({ kind: "not-found", message: `GCP resource not found: ${R}` });
    expect(toGcpError(gax(14, "connect ECONNREFUSED"), R, E)).toMatchObject({ kind: "unreachable" });
    expect(toGcpError(gax(14, "backend down", 503), R, E)).toMatchObject({ kind: "failed" });
    expect(toGcpError(gax(4, "deadline"), R, E)).toMatchObject({ kind: "timeout" });
    expect(toGcpError(gax(16, "no token", 401), R, E)).toMatchObject({ kind: "unauthenticated" });
    expect(toGcpError(gax(7, "denied", 403), R, E)).toMatchObject({ kind: "permission-denied" });
    expect(toGcpError(gax(3, "bad", 400), R, E)).toMatchObject({ kind: "invalid" });
    expect(toGcpError(gax(6, "exists", 409), R, E)).toMatchObject({ kind: "already-exists", message: `GCP resource already exists: ${R}` });
    expect(toGcpError(gax(9, "stale fingerprint", 412), R, E)).toMatchObject({ kind: "conflict" });
  });
  it("classifies raw network errors and keeps the cause", () => {
    const raw = Object.assign(new Error("getaddrinfo ENOTFOUND x"), { code: "ENOTFOUND" });
    const err = toGcpError(raw, R, E);
    expect(err).toBeInstanceOf(GcpError);
    expect(err).toMatchObject({ kind: "unreachable", resource: R, cause: raw });
    expect(err.message).toBe(`GCP Compute API unreachable at ${E} reading ${R}: getaddrinfo ENOTFOUND x`);
  });
  it("passes GcpErrors through", () => {
    const e = new GcpError("timeout", R, "x");
    expect(toGcpError(e, "other", E)).toBe(e);
  });
});

describe("toGcpError with gaxios errors (@googleapis/iam, Cloud DNS REST)", () => {
  const gaxios = (status: number, grpcStatus: string, message: string) =>
    Object.assign(new Error(`Request failed with status code ${status}`), { status, response: { status, data: { error: { code: status, status: grpcStatus, message } } } });
  it("reads the HTTP status and the status name from the body", () => {
    expect(toGcpError(gaxios(409, "ALREADY_EXISTS", "exists"), R, E)).toMatchObject({ kind: "already-exists", httpStatus: 409, grpcCode: 6 });
    expect(toGcpError(gaxios(404, "NOT_FOUND", "gone"), R, E)).toMatchObject({ kind: "not-found" });
    const denied = toGcpError(gaxios(403, "PERMISSION_DENIED", "Permission iam.serviceAccounts.create denied"), R, E);
    expect(denied).toMatchObject({ kind: "permission-denied" });
    expect(denied.message).toContain("Permission iam.serviceAccounts.create denied");
  });
  it("tells a 409 ABORTED (concurrent IAM policy change) from ALREADY_EXISTS", () => {
    expect(toGcpError(gax(10, "concurrent policy changes", 409), R, E)).toMatchObject({ kind: "conflict" });
    expect(toGcpError(gaxios(409, "ABORTED", "concurrent policy changes"), R, E)).toMatchObject({ kind: "conflict" });
  });
  it("reports a 400 FAILED_PRECONDITION (e.g. billing not enabled) as invalid, a 412 as conflict", () => {
    expect(toGcpError(gax(9, "Billing must be enabled", 400), R, E)).toMatchObject({ kind: "invalid" });
    expect(toGcpError(gax(9, "stale", 412), R, E)).toMatchObject({ kind: "conflict" });
  });
  it("reads the body from the message when gaxios streamed the response (google-gax 5 clients)", () => {
    const body = { error: { code: 409, status: "ABORTED", message: "There were concurrent policy changes." } };
    const streamed = Object.assign(new Error(JSON.stringify(body)), { code: 409, status: 409, response: { status: 409 } });
    const err = toGcpError(streamed, R, E);
    expect(err).toMatchObject({ kind: "conflict", grpcCode: 10, httpStatus: 409 });
    expect(err.message).toContain("There were concurrent policy changes.");
  });
  it("names the API it could not reach", () => {
    const raw = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(toGcpError(raw, R, E, "Cloud DNS API").message).toBe(`Cloud DNS API unreachable at ${E} reading ${R}: connect ECONNREFUSED`);
  });
});
