import { describe, expect, it } from "vitest";
import { HIDDEN_ADDRESS, addressesIn, hideAddresses, hideAddressesIn } from "./hide-addresses";

describe("hideAddresses", () => {
  it("hides IPv4 and IPv6 addresses wherever they are in a string", () => {
    expect(hideAddressesIn("global 35.190.1.2, NAT 34.1.1.1/32 and 2600:1900:4000::1 done")).toBe(
      `global ${HIDDEN_ADDRESS}, NAT ${HIDDEN_ADDRESS}/32 and ${HIDDEN_ADDRESS} done`,
    );
  });

  it("leaves versions, times, durations and ids alone", () => {
    const text = "5.9.0 → 5.10.2 at 12:30:45, 1m35s, job 0b7c1a2e-1111-2222-3333-444455556666, 1.2.3.4.5";
    expect(hideAddressesIn(text)).toBe(text);
    expect(addressesIn(text)).toEqual([]);
  });

  it("walks objects and arrays (step details, Terraform outputs)", () => {
    const detail = { outputs: { global_address: { value: "35.190.1.2" }, nat_ips: { value: ["34.1.1.1", "34.1.1.2"] } }, count: 2, ok: true, none: null };
    expect(hideAddresses(detail)).toEqual({
      outputs: { global_address: { value: HIDDEN_ADDRESS }, nat_ips: { value: [HIDDEN_ADDRESS, HIDDEN_ADDRESS] } },
      count: 2,
      ok: true,
      none: null,
    });
  });

  it("finds addresses for tests", () => {
    expect(addressesIn('{"ip":"35.190.1.2","v6":"2600:1900::5"}')).toEqual(["35.190.1.2", "2600:1900::5"]);
  });
});
