/**
 * The rendered roots of a deployment, as text (not files read at run time: the web process
 * bundles this code, and a template must be where the code is, on any machine).
 */

/** `infrastructure.tf` of one root; `{{name}}` placeholders are filled by renderDeployment. */
export const INFRASTRUCTURE_TF = `# Rendered by the control plane for {{slug}} ({{project_id}}): the instance's front end
# (addresses, Cloud NAT, load balancer, certificate, allowlist). Every value comes from the
# instance record; change the instance in the control plane, not this file.
# Its state is in the instance's own bucket; the colour deployments (red/, black/) have theirs.

terraform {
  backend "gcs" {
    bucket = "{{state_bucket}}"
    prefix = "infrastructure"
  }
}

module "instance" {
  source          = "{{instance_module_source}}"
  project_id      = "{{project_id}}"
  region          = "{{region}}"
  zone            = "{{zone}}"
  slug            = "{{slug}}"
  domain          = "{{domain}}"
  access_mode     = "{{access_mode}}"
  allowlist_cidrs = {{allowlist_cidrs}}
  serving_colour  = "{{serving_colour}}"
}

output "global_address" {
  value = module.instance.global_address
}

output "nat_ips" {
  value = module.instance.nat_ips
}

output "backend_service" {
  value = module.instance.backend_service
}

output "security_policy" {
  value = module.instance.security_policy
}

output "certificate" {
  value = module.instance.certificate
}
`;

/** `deployment.tf` of one root; `{{name}}` placeholders are filled by renderDeployment. */
export const DEPLOYMENT_TF = `# Rendered by the control plane for {{slug}} ({{project_id}}): the {{colour}} deployment, one
# VM with its data disk and network endpoint group. A red/black upgrade builds the other
# colour beside it, from a snapshot of this one's data disk, then destroys this one.
# Its state is in the instance's own bucket, under deployments/{{colour}}.

terraform {
  backend "gcs" {
    bucket = "{{state_bucket}}"
    prefix = "deployments/{{colour}}"
  }
}

module "deployment" {
  source              = "{{deployment_module_source}}"
  project_id          = "{{project_id}}"
  zone                = "{{zone}}"
  slug                = "{{slug}}"
  colour              = "{{colour}}"
  machine_type        = "{{machine_type}}"
  data_disk_size_gb   = {{data_disk_size_gb}}
  data_disk_snapshot  = "{{data_disk_snapshot}}"
  sourcegraph_version = "{{version}}"
  deploy_ref          = "{{deploy_ref}}"
}

output "vm_name" {
  value = module.deployment.vm_name
}

output "data_disk" {
  value = module.deployment.data_disk
}

output "neg" {
  value = module.deployment.neg
}
`;

/** `gcp-tfstate.tf` of one root; `{{name}}` placeholders are filled by renderDeployment. */
export const GCP_TFSTATE_TF = `# Rendered by the control plane for {{slug}} (RUNBOOK: gcp-tfstate.tf): the bucket that holds
# the state of every other root of this deployment. Its own state cannot live in a bucket
# that does not exist yet, so, as in the runbook, it is kept next to this file and committed.

terraform {
  backend "local" {
    path = "terraform.tfstate"
  }
}

module "gcp_tfstate" {
  source      = "{{state_bucket_module_source}}"
  project_id  = "{{project_id}}"
  bucket_name = "{{state_bucket}}"
}

output "bucket_name" {
  value = module.gcp_tfstate.bucket_name
}
`;
