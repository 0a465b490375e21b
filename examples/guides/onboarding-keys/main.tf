# Admin keys rotated within 90 days, used within 45, and created with an
# expiry.
resource "openai_posture_check" "admin_key_rotation" {
  check      = "admin_key_rotation"
  parameters = { max_age_days = 90 }
}

resource "openai_posture_check" "admin_key_unused" {
  check = "admin_key_unused"
}

resource "openai_posture_check" "key_no_expiry" {
  check = "key_no_expiry"
}
