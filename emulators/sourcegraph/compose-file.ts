import { CONTAINER_SPECS, imageOf } from "./containers";

/**
 * The deployment on a VM is a clone of sourcegraph/deploy-sourcegraph-docker at /deployment,
 * checked out at a release tag `v<version>`; its `docker-compose/docker-compose.yaml` pins
 * every image by tag and digest (REALITY.md: no variable selects the version). The emulator
 * keeps only the tag a VM's clone is at and renders the file's text from it.
 */
export const DEPLOY_DIR = "/deployment";
export const COMPOSE_DIR = `${DEPLOY_DIR}/docker-compose`;
export const COMPOSE_FILE = `${COMPOSE_DIR}/docker-compose.yaml`;

const TAG = /^v(\d{1,4})\.(\d{1,4})\.(\d{1,4})$/;
/** Majors the deploy repository has release tags for (3.x through 6.x); v9.9.9 is unknown. */
const TAGGED_MAJORS = { min: 3, max: 6 };

/** The release a deploy-repo tag names (`v5.10.2` → `5.10.2`), or null for a tag the repository does not have. */
export function releaseOfTag(tag: string): string | null {
  const m = TAG.exec(tag);
  if (!m) return null;
  const major = Number(m[1]);
  if (major < TAGGED_MAJORS.min || major > TAGGED_MAJORS.max) return null;
  return `${Number(m[1])}.${Number(m[2])}.${Number(m[3])}`;
}

export const tagOf = (version: string) => `v${version}`;

/** The commit a tag points at, as `git` abbreviates it (stable per tag). */
export function commitOfTag(tag: string): string {
  let h = 0x811c9dc5;
  for (const c of `deploy-sourcegraph-docker/${tag}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0").slice(0, 7);
}

const DEPENDENCY_CONDITION = (dependency: string) =>
  CONTAINER_SPECS.find((s) => s.name === dependency)?.oneShot ? "service_completed_successfully" : "service_healthy";

/** `docker-compose.yaml` at the release's tag: every service, its pinned image, the migrator first. */
export function composeFileText(version: string): string {
  const lines = [
    `# sourcegraph/deploy-sourcegraph-docker ${tagOf(version)} (rendered by the Sourcegraph emulator)`,
    "version: '2.4'",
    "services:",
  ];
  for (const spec of CONTAINER_SPECS) {
    lines.push(`  ${spec.name}:`, `    container_name: ${spec.name}`, `    image: '${imageOf(spec.name, version)}'`);
    if (spec.name === "migrator") lines.push("    command: ['up']", "    restart: 'on-failure'");
    else lines.push("    restart: always");
    if (spec.dependsOn?.length) {
      lines.push("    depends_on:");
      for (const dependency of spec.dependsOn) lines.push(`      ${dependency}:`, `        condition: ${DEPENDENCY_CONDITION(dependency)}`);
    }
    lines.push("    networks:", "      - sourcegraph");
  }
  lines.push("networks:", "  sourcegraph:", "volumes: {}");
  return lines.join("\n");
}
