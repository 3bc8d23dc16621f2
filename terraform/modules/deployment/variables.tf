# The interface is shared with emulators/terraform-fixtures/deployment: names, types,
# defaults and validations must stay identical (module-interfaces.test.ts checks it).

variable "project_id" {
  description = "The instance's GCP project (sourcegraph-managed-<slug>)."
  type        = string
}

variable "zone" {
  description = "Zone of the VM, its data disk and its network endpoint group."
  type        = string
}

variable "slug" {
  description = "Customer slug (lib/instances/slug.ts's rule); the VM's `deployment` label."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,38}[a-z0-9]$", var.slug))
    error_message = "slug must be 3-40 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit."
  }
}

variable "colour" {
  description = "Which side of the red/black pair this deployment is; names every resource."
  type        = string

  validation {
    condition     = contains(["red", "black"], var.colour)
    error_message = "colour must be \"red\" or \"black\"."
  }
}

variable "machine_type" {
  description = "GCE machine type of the VM, e.g. n1-standard-8."
  type        = string
}

variable "data_disk_size_gb" {
  description = "Size of the pd-ssd data disk in GB (disks only grow)."
  type        = number

  validation {
    condition     = var.data_disk_size_gb >= 100
    error_message = "data_disk_size_gb must be at least 100."
  }
}

variable "data_disk_snapshot" {
  description = "Snapshot the data disk is made from (red/black upgrade); \"\" makes a blank disk."
  type        = string
  default     = ""
}

variable "sourcegraph_version" {
  description = "Sourcegraph release the deployment runs, e.g. 5.10.1."
  type        = string

  validation {
    condition     = can(regex("^\\d+\\.\\d+\\.\\d+$", var.sourcegraph_version))
    error_message = "sourcegraph_version must look like 5.10.1."
  }
}

variable "deploy_ref" {
  description = "Git ref of sourcegraph/deploy-sourcegraph-docker for the release, e.g. v5.10.1."
  type        = string

  # It ends up in the startup script: a plain ref charset keeps it from ever being shell.
  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,127}$", var.deploy_ref))
    error_message = "deploy_ref must be a git tag or branch name such as v5.10.1."
  }
}
