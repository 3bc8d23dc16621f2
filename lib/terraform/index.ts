// Public API of the Terraform adapter. Pure helpers (summary, known failures, rendering) are
// usable without a terraform binary; the runner needs one on PATH.
export {
  createTerraformRunner,
  type PlannedChange,
  type TerraformApplyOptions,
  type TerraformApplyResult,
  type TerraformCallOptions,
  type TerraformChangeCounts,
  type TerraformOutputResult,
  type TerraformOutputValue,
  type TerraformPlanOptions,
  type TerraformPlanResult,
  type TerraformRunner,
  type TerraformRunnerOptions,
  type TerraformShowResult,
} from "./create-terraform-runner";
export { copyModule } from "./copy-module";
export { terraformGoogleEnv, type TerraformGoogleEnvOptions } from "./google-env";
export { parseInstanceOutputs, type InstanceOutputs } from "./parse-instance-outputs";
export { recognizeKnownFailure, type KnownFailure, type KnownFailureCode } from "./recognize-known-failure";
export { renderJsonLine, type RenderedLine, type TerraformDiagnostic, type TerraformUiMessage } from "./render-json-line";
export {
  TERRAFORM_ENV,
  type TerraformCommandResult,
  type TerraformLineHandler,
  type TerraformLogStream,
} from "./run-terraform-command";
export {
  isVmResource,
  PlanJsonError,
  summarizePlan,
  VM_RECREATION_DOWNTIME_SECONDS,
  VM_RECREATION_DOWNTIME_TEXT,
  type ChangeAction,
  type DowntimeEstimate,
  type PlanSummary,
  type ResourceChange,
  type ResourceIdentity,
  type SummarizePlanOptions,
} from "./summarize-plan";
export {
  TerraformBusyError,
  TerraformError,
  TerraformNotFoundError,
  TerraformOutputError,
  TerraformPlanFileError,
} from "./terraform-errors";
