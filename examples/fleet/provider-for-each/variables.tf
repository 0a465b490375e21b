variable "organizations" {
  description = "Where each organization is: its workspace id and, for a proxy or the simulator, base URLs. Keys are the organizations' short names."
  type = map(object({
    workspace_id        = optional(string)
    organization_id     = optional(string)
    admin_base_url      = optional(string)
    compliance_base_url = optional(string)
  }))
}

variable "api_keys" {
  description = "Each organization's keys, from its own secret (for example TF_VAR_api_keys in CI). Never written to state."
  type = map(object({
    admin      = string
    compliance = optional(string)
  }))
  sensitive = true
}

variable "enforcement" {
  description = "error fails the plan on unwaived findings; warn reports them."
  type        = string
  default     = "error"
}
