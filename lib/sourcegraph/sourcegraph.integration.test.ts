import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSourcegraphEmulator, type SourcegraphEmulator } from "../../emulators/sourcegraph/server";
import { getInstance, listTokenNotes, seedInstance, setDatabaseReadOnly, setFaults } from "../../emulators/sourcegraph/state";
import {
  addMaintenanceNotice,
  checkHealthz,
  createAccessToken,
  DEFAULT_MAINTENANCE_MESSAGE,
  getGlobalSettings,
  getSiteConfiguration,
  getVersion,
  parseJsoncObject,
  removeMaintenanceNotice,
  setExternalUrl,
  setShowPatchUpdates,
  siteInit,
  sourcegraphBaseUrl,
  SourcegraphError,
  updateSiteConfiguration,
} from "./index";

let emulator: SourcegraphEmulator;
let baseUrl: string;
let token: string;

beforeAll(async () => {
  emulator = await startSourcegraphEmulator({ databaseUrl: process.env.DATABASE_URL!, port: 0 });
  await seedInstance(emulator.pool, { slug: "acme", version: "5.10.2", needsSiteInit: true });
  baseUrl = sourcegraphBaseUrl(
    { slug: "acme", externalUrl: "https://acme.sourcegraph.com" },
    { SOURCEGRAPH_BASE_URL_TEMPLATE: emulator.baseUrlTemplate },
  );
});
afterAll(() => emulator?.close());

describe("Sourcegraph adapter against the emulator", () => {
  it("creates the first admin, then the managed-instances token with its session", async () => {
    const admin = { email: "managed+acme@sourcegraph.com", username: "sourcegraph-admin", password: "a-long-generated-password" };
    const { sessionCookie } = await siteInit(baseUrl, admin);
    expect(sessionCookie).toMatch(/^sgs=/);
    const created = await createAccessToken(baseUrl, { sessionCookie });
    token = created.token;
    expect(token).toMatch(/^sgp_[0-9a-f]{40}$/);
    expect(await listTokenNotes(emulator.pool, "acme")).toEqual(["managed-instances"]);

    const again = await siteInit(baseUrl, admin).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(SourcegraphError);
    expect((again as SourcegraphError).kind).toBe("already-initialized");
  });

  it("reads version and health", async () => {
    expect(await getVersion(baseUrl)).toBe("5.10.2");
    expect(await checkHealthz(baseUrl)).toMatchObject({ ok: true, status: 200, detail: "ok" });
  });

  it("sets externalURL keeping comments; Sourcegraph asks for a restart once", async () => {
    const first = await setExternalUrl(baseUrl, token, "https://acme.sourcegraph.com");
    expect(first).toEqual({ changed: true, restartRequired: true });
    const config = await getSiteConfiguration(baseUrl, token);
    expect(parseJsoncObject(config.effectiveContents).externalURL).toBe("https://acme.sourcegraph.com");
    expect(config.effectiveContents).toContain("// Builtin username/password authentication");
    expect(await setExternalUrl(baseUrl, token, "https://acme.sourcegraph.com/")).toEqual({ changed: false, restartRequired: false });
    expect((await getInstance(emulator.pool, "acme"))!.pendingRestart).toBe(true);
  });

  it("reports a stale lastID as a conflict", async () => {
    const config = await getSiteConfiguration(baseUrl, token);
    const error = await updateSiteConfiguration(baseUrl, token, config.id - 1, config.effectiveContents).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "conflict", message: expect.stringMatching(/newer edit/) });
  });

  it("adds the maintenance banner once, removes only ours, and turns patch alerts off", async () => {
    expect(await setShowPatchUpdates(baseUrl, token, false)).toEqual({ changed: true });
    expect(await addMaintenanceNotice(baseUrl, token)).toEqual({ changed: true });
    expect(await addMaintenanceNotice(baseUrl, token)).toEqual({ changed: false });
    let settings = parseJsoncObject((await getGlobalSettings(baseUrl, token)).contents);
    expect(settings.notices).toEqual([{ location: "top", dismissible: false, message: DEFAULT_MAINTENANCE_MESSAGE }]);
    expect(settings["alerts.showPatchUpdates"]).toBe(false);

    expect(await removeMaintenanceNotice(baseUrl, token)).toEqual({ changed: true });
    expect(await removeMaintenanceNotice(baseUrl, token)).toEqual({ changed: false });
    settings = parseJsoncObject((await getGlobalSettings(baseUrl, token)).contents);
    expect(settings).toEqual({ "alerts.showPatchUpdates": false });
  });

  it("fails writes with kind read-only while the database is read-only", async () => {
    await setDatabaseReadOnly(emulator.pool, "acme", true);
    const error = await addMaintenanceNotice(baseUrl, token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourcegraphError);
    expect(error).toMatchObject({ kind: "read-only", message: expect.stringMatching(/cannot execute INSERT in a read-only transaction/) });
    await setDatabaseReadOnly(emulator.pool, "acme", false);
    expect(await addMaintenanceNotice(baseUrl, token)).toEqual({ changed: true });
  });

  it("reports a failing frontend, a bad token and an unreachable instance with clear kinds", async () => {
    await setFaults(emulator.pool, "acme", { frontendDown: true });
    expect(await checkHealthz(baseUrl)).toMatchObject({ ok: false, status: 502 });
    await expect(getVersion(baseUrl)).rejects.toMatchObject({ kind: "http", httpStatus: 502 });
    await setFaults(emulator.pool, "acme", { frontendDown: false });

    await expect(getSiteConfiguration(baseUrl, "sgp_wrong")).rejects.toMatchObject({ kind: "unauthorized", httpStatus: 401 });
    const closed = "http://127.0.0.1:1/i/acme";
    await expect(getVersion(closed, { timeoutMs: 2_000 })).rejects.toMatchObject({ kind: "unreachable" });
    expect(await checkHealthz(closed)).toMatchObject({ ok: false, status: null });
  });

  it("honours cancellation", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(getVersion(baseUrl, { signal: controller.signal })).rejects.toMatchObject({ kind: "cancelled" });
    await expect(checkHealthz(baseUrl, { signal: controller.signal })).rejects.toMatchObject({ kind: "cancelled" });
  });
});
