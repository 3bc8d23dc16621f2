import { can, type Role } from "@/lib/auth/permissions";
import { compareVersions, databaseChangesBetween, RELEASES } from "@/lib/instances/versions";
import { Section } from "../ui/section";
import { UpgradeButton } from "./upgrade-button";

/** The instance page's upgrade section (server component): shown to roles that may upgrade. */
export function InstanceUpgrade({ instance, role }: { instance: { slug: string; version: string; status: string }; role: Role }) {
  if (!can(role, "instances:upgrade") || instance.status === "deleted" || instance.status === "provisioning") return null;
  const newer = RELEASES.filter((r) => compareVersions(r.version, instance.version) > 0).map((r) => ({
    version: r.version,
    // In place only when no release on the way changes the database.
    inPlace: databaseChangesBetween(instance.version, r.version).length === 0,
  }));
  return (
    <Section title="Upgrade">
      <UpgradeButton slug={instance.slug} newer={newer} />
    </Section>
  );
}
