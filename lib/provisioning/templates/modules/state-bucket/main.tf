# Offline stand-in for the gcp-tfstate module (a GCS bucket holding the deployment's state).
# Uses only the built-in terraform_data resource so it runs without providers.

variable "project_id" {
  type = string
}

variable "bucket_name" {
  type = string
}

resource "terraform_data" "state_bucket" {
  input = {
    project  = var.project_id
    name     = var.bucket_name
    location = "US"
  }
}

output "bucket_name" {
  value = terraform_data.state_bucket.output.name
}
