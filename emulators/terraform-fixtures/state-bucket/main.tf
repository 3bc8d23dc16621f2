# Offline stand-in for terraform/modules/state-bucket: the same interface, and the same bucket
# created in the GCP emulator through its Cloud Storage JSON API, by ../gcp-rest.mjs run from
# provisioners (providers cannot be downloaded here). See ../README.md for the pattern.

resource "terraform_data" "bucket_identity" {
  input = [var.project_id, var.bucket_name, var.location]
}

resource "terraform_data" "bucket" {
  # Every argument of the real bucket that matters here forces a new bucket, as in GCS.
  input = {
    create = {
      service = "storage"
      path    = "b?project=${urlencode(var.project_id)}"
      body = {
        name       = var.bucket_name
        location   = var.location
        versioning = { enabled = true }
        iamConfiguration = {
          uniformBucketLevelAccess = { enabled = true }
          publicAccessPrevention   = "enforced"
        }
      }
    }
    destroy = { service = "storage", path = "b/${urlencode(var.bucket_name)}" }
  }
  # What forces a new one in GCP. Not triggers_replace: an imported terraform_data has none
  # (its import sets only the id), so it would be replaced; see ../README.md, "Import".
  lifecycle {
    replace_triggered_by = [terraform_data.bucket_identity]
  }

  provisioner "local-exec" {
    interpreter = ["node", "${path.module}/rest-call.mjs"]
    command     = "insert"
    environment = { ARGS = jsonencode(self.input.create) }
  }

  # force_destroy = false in the real module: GCS refuses to delete a bucket with objects in it.
  provisioner "local-exec" {
    when        = destroy
    interpreter = ["node", "${path.module}/rest-call.mjs"]
    command     = "delete"
    environment = { ARGS = jsonencode(self.input.destroy) }
  }
}
