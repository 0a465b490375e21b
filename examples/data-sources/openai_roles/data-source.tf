data "openai_roles" "all" {}

# Custom organization roles that grant administrative permissions: the roles
# the role_admin_permissions check flags. A role whose permissions the API
# does not send is listed too, since it may be administrative.
output "custom_admin_roles" {
  value = {
    for r in data.openai_roles.all.roles : r.name => coalesce(r.administrative_permissions, ["permissions not reported"])
    if r.predefined_role != true && r.resource_type != "api.project" &&
    length(r.administrative_permissions == null ? ["not reported"] : r.administrative_permissions) > 0
  }
}
