# The interface is shared with emulators/terraform-fixtures/state-bucket: names, types,
# defaults and validations must stay identical (module-interfaces.test.ts checks it).

variable "project_id" {
  description = "The instance's GCP project (sourcegraph-managed-<slug>)."
  type        = string
}

variable "bucket_name" {
  description = "The bucket holding every Terraform state of the instance (RUNBOOK gcp-tfstate)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$", var.bucket_name)) && !startswith(var.bucket_name, "goog")
    error_message = "bucket_name must be 3-63 lowercase letters, digits, hyphens or underscores, start and end with a letter or digit, and not start with \"goog\"."
  }
}

variable "location" {
  description = "Bucket location (multi-region or region)."
  type        = string
  default     = "US"
}
