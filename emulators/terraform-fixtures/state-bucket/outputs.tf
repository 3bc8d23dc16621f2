output "bucket_name" {
  description = "Name of the state bucket (the gcs backend's `bucket`)."
  value       = terraform_data.bucket.output.create.body.name
}
