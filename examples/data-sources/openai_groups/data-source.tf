data "openai_groups" "all" {}

# Groups maintained by hand rather than through SCIM.
output "groups_not_scim_managed" {
  value = [for g in data.openai_groups.all.groups : g.name if g.is_scim_managed == false]
}

# Who holds a role through a group: group name => member emails (or ids).
output "group_role_holders" {
  value = {
    for g in data.openai_groups.all.groups : g.name => {
      roles   = [for r in g.roles : r.name]
      members = [for m in g.members : coalesce(m.email, m.id)]
    } if length(g.roles) > 0
  }
}
