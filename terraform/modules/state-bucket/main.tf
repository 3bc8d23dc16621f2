# The bucket every other root of the instance keeps its state in (RUNBOOK: gcp-tfstate.tf,
# applied once before infrastructure.tf). It must exist before any root with a gcs backend
# can even `terraform init`.

resource "google_storage_bucket" "state" {
  project  = var.project_id
  name     = var.bucket_name
  location = var.location

  # Losing state means Terraform forgets what it built: never delete a bucket with objects
  # in it, and keep every earlier version of each state file to roll back to.
  force_destroy               = false
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"

  versioning {
    enabled = true
  }
}
