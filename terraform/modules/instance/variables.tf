# The interface is shared with emulators/terraform-fixtures/instance: names, types, defaults
# and validations must stay identical (module-interfaces.test.ts checks it).

variable "project_id" {
  description = "The instance's GCP project (sourcegraph-managed-<slug>)."
  type        = string
}

variable "region" {
  description = "Region of the Cloud NAT and its addresses; the zone's region."
  type        = string
}

variable "zone" {
  description = "Zone of the deployments' VMs and network endpoint groups."
  type        = string
}

variable "slug" {
  description = "Customer slug (lib/instances/slug.ts's rule)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,38}[a-z0-9]$", var.slug))
    error_message = "slug must be 3-40 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit."
  }
}

variable "domain" {
  description = "The customer's hostname, e.g. acme.sourcegraph.com (no trailing dot)."
  type        = string
}

variable "access_mode" {
  description = "public_sso: anyone may reach the site (the customer's SSO protects it); ip_allowlist: only allowlist_cidrs, enforced by Cloud Armor."
  type        = string

  validation {
    condition     = contains(["public_sso", "ip_allowlist"], var.access_mode)
    error_message = "access_mode must be \"public_sso\" or \"ip_allowlist\"."
  }
}

variable "allowlist_cidrs" {
  description = "Client networks allowed in when access_mode is ip_allowlist."
  type        = list(string)
  default     = []

  validation {
    condition     = var.access_mode != "ip_allowlist" || length(var.allowlist_cidrs) > 0
    error_message = "allowlist_cidrs must name at least one network when access_mode is \"ip_allowlist\"."
  }

  validation {
    condition     = alltrue([for c in var.allowlist_cidrs : can(cidrhost(c, 0))])
    error_message = "every allowlist_cidrs entry must be a CIDR block such as 203.0.113.0/24."
  }

  # A /0 admits every address: that is public access without SSO, never an allowlist.
  validation {
    condition     = alltrue([for c in var.allowlist_cidrs : !can(regex("/0+$", c))])
    error_message = "allowlist_cidrs must not contain 0.0.0.0/0, ::/0 or any other /0 block."
  }
}

variable "serving_colour" {
  description = "Which deployment (red or black) the load balancer sends users to."
  type        = string

  validation {
    condition     = contains(["red", "black"], var.serving_colour)
    error_message = "serving_colour must be \"red\" or \"black\"."
  }
}

variable "dns_project" {
  description = "Project of the Cloud DNS zone holding <domain>; \"\" creates no DNS record."
  type        = string
  default     = ""
}

variable "dns_managed_zone" {
  description = "Cloud DNS managed zone holding <domain>; \"\" creates no DNS record."
  type        = string
  default     = ""
}
