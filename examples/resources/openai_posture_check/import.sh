# The import id is the check id.
terraform import openai_posture_check.admin_key_rotation admin_key_rotation
