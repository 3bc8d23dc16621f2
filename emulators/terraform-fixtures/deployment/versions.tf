terraform {
  # Only the built-in terraform_data resource: nothing to download.
  required_version = ">= 1.9"
}
