/** Base of every error the Terraform runner throws; `code` is stable for UI and tests. */
export class TerraformError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * No `terraform` binary where we looked. Said plainly because this is what a user on a fresh
 * laptop in demo mode will see, and "spawn terraform ENOENT" explains nothing.
 */
export class TerraformNotFoundError extends TerraformError {
  constructor(
    readonly binary: string,
    readonly searchedPath: string,
    options?: { cause?: unknown },
  ) {
    super(
      "terraform_not_found",
      binary.includes("/")
        ? `Terraform is not installed at ${binary} (no executable file there). Install Terraform 1.11 or newer, or point the worker at the right binary.`
        : `Terraform is not installed on this machine: no \`${binary}\` executable was found on PATH. Install Terraform 1.11 or newer (https://developer.hashicorp.com/terraform/install) and make sure the worker's PATH includes it.`,
      options,
    );
  }
}

/**
 * The saved plan to apply is missing or is not the one that was reviewed. We only ever apply
 * a saved plan, and only the approved one.
 */
export class TerraformPlanFileError extends TerraformError {
  constructor(code: "plan_missing" | "plan_changed", message: string) {
    super(code, message);
  }
}

/** A second command was started in a working directory while one was still running. */
export class TerraformBusyError extends TerraformError {
  constructor(workingDir: string) {
    super("terraform_busy", `a terraform command is already running in ${workingDir}`);
  }
}

/** Terraform's JSON on stdout could not be parsed (a Terraform version we do not understand). */
export class TerraformOutputError extends TerraformError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("terraform_bad_output", message, options);
  }
}
