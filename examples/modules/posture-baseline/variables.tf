variable "organization" {
  description = "A short name of the organization (for example `prod`); outputs and merged fleet reports carry it."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$", var.organization))
    error_message = "organization must be 1 to 63 characters: letters, digits, '_', '.', '-', starting with a letter or digit."
  }
}

variable "checks" {
  description = "Check ids of the baseline (see the check catalog guide)."
  type        = list(string)

  validation {
    condition     = length(var.checks) > 0 && length(var.checks) == length(distinct(var.checks))
    error_message = "checks must name at least one check, each once."
  }
}

variable "parameters" {
  description = "Parameters by check id, for example `{ admin_key_rotation = { max_age_days = 30 } }`. Checks not named take their defaults."
  type        = any
  default     = {}
}

variable "waivers" {
  description = "Accepted findings, each naming its check: `{ check, subject, finding, match, justification, expires }`. `finding` (optional) is the fingerprint of the one finding accepted; without it the waiver accepts every finding of the subject, including later ones. `match` (optional): `id` (default), `name` or `email`. `expires` is `YYYY-MM-DD` or RFC 3339."
  # finding and match must be declared here: Terraform drops an attribute
  # the object type does not declare, without a word, which would turn a
  # one-finding waiver into a whole-subject waiver.
  type = list(object({
    check         = string
    subject       = string
    finding       = optional(string)
    match         = optional(string)
    justification = string
    expires       = string
  }))
  default = []
}

variable "enforcement" {
  description = "`error` fails the plan while a check has unwaived findings (through the gate, so it needs `gate = true`); `warn` reports them as warnings."
  type        = string
  default     = "error"

  validation {
    condition     = contains(["error", "warn"], var.enforcement)
    error_message = "enforcement must be \"error\" or \"warn\"."
  }
}

variable "gate" {
  description = "Declare one `openai_posture_check` per check (the gate). Set false, with `enforcement = \"warn\"`, for a report-only run; `gate = false` with `enforcement = \"error\"` is refused, since nothing would fail the plan."
  type        = bool
  default     = true
}
