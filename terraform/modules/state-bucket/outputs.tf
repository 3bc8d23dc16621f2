output "bucket_name" {
  description = "Name of the state bucket (the gcs backend's `bucket`)."
  value       = google_storage_bucket.state.name
}
