import type { KnownFailure } from "./recognize-known-failure";

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

/** Terraform ran and exited non-zero. `knownFailure` is set when the runbook explains it. */
export class TerraformCommandError extends TerraformError {
  constructor(
    readonly subcommand: string,
    readonly exitCode: number | null,
    readonly errors: string[],
    readonly knownFailure: KnownFailure | null,
  ) {
    const first = knownFailure ? knownFailure.title : errors[0];
    super(
      knownFailure ? "terraform_known_failure" : "terraform_failed",
      `terraform ${subcommand} failed (exit code ${exitCode ?? "none"})${first ? `: ${first}` : ""}`,
    );
  }
}

/** The run was cancelled (AbortSignal) or timed out; Terraform was asked to stop with SIGINT. */
export class TerraformCancelledError extends TerraformError {
  constructor(
    readonly subcommand: string,
    readonly timedOut: boolean,
  ) {
    super(
      timedOut ? "terraform_timed_out" : "terraform_cancelled",
      `terraform ${subcommand} was ${timedOut ? "stopped after its time limit" : "cancelled"}`,
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
