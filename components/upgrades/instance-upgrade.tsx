import { can, type Role } from "@/lib/auth/permissions";
import { compareVersions } from "@/lib/instances/versions";
import { listReleases } from "@/lib/releases/list-releases";
import { inPlaceRefusal, upgradeTargets } from "@/lib/releases/release-rules";
import { Section } from "../ui/section";
import { UpgradeButton } from "./upgrade-button";

/** The instance page's upgrade section (server component): shown to roles that may upgrade. */
export async function InstanceUpgrade({ instance, role }: { instance: { slug: string; version: string; status: string }; role: Role }) {
  if (!can(role, "instances:upgrade") || instance.status === "deleted" || instance.status === "provisioning") return null;
  const releases = await listReleases();
  const newer = upgradeTargets(releases)
    .filter((r) => compareVersions(r.version, instance.version) > 0)
    .map((r) => ({ version: r.version, inPlace: inPlaceRefusal(releases, instance.version, r.version) === null }));
  return (
    <Section title="Upgrade">
      <UpgradeButton slug={instance.slug} newer={newer} />
    </Section>
  );
}
