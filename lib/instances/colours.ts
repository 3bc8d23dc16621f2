/**
 * The two colours of a red/black deployment (BRIEF §7) and the names the deployment module
 * gives each colour's resources. Two VMs live side by side during an upgrade, so every
 * name carries its colour (a second VM called `prod` would be GCP's 409 alreadyExists).
 */
export const COLOURS = ["red", "black"] as const;
export type Colour = (typeof COLOURS)[number];

export const vmNameOf = (colour: Colour) => `prod-${colour}`;
export const negName = (colour: string) => `prod-${colour}-neg`;
export const dataDiskName = (colour: string) => `prod-${colour}-data`;
export const otherColour = (colour: Colour): Colour => (colour === "red" ? "black" : "red");

/** The colour a VM name belongs to; null for a hand-built instance's single `prod`. */
export function colourOfVm(vmName: string): Colour | null {
  return COLOURS.find((c) => vmNameOf(c) === vmName) ?? null;
}
