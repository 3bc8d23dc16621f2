import { slugSchema } from "../instances/slug";

/** Characters allowed in one path segment: what rendered Terraform files and folders use. */
const SEGMENT = /^[A-Za-z0-9._+@=-]+$/;

/**
 * A path inside a deployment (`infrastructure/main.tf`), checked before it touches the file
 * system or a git command line: relative, forward slashes, no `.`/`..`/`.git` segment, no
 * odd characters. Returns it unchanged; throws with `what` named otherwise.
 */
export function checkDeploymentPath(value: string, what: string): string {
  const segments = value.split("/");
  const bad = segments.find((s) => !SEGMENT.test(s) || s === "." || s === ".." || s.toLowerCase() === ".git");
  if (bad !== undefined || value.length > 300) {
    throw new Error(`${what} ${JSON.stringify(value.slice(0, 80))} is not a plain relative path (segments of letters, digits and ._+@=-)`);
  }
  return value;
}

/** The slug is the deployment's top folder: held to the slug rules, so it is one plain segment. */
export function checkDeploymentSlug(slug: string): string {
  if (!slugSchema.safeParse(slug).success) throw new Error(`${JSON.stringify(slug.slice(0, 60))} is not a valid instance slug`);
  return slug;
}
