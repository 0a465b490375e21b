# Every live ChatGPT project of the workspace (not the API platform projects
# of openai_projects).
data "openai_chatgpt_projects" "all" {}

# Filters: visibility, owner email (case-insensitive), tool type.
data "openai_chatgpt_projects" "public" {
  visibility = "anyone-with-link"
}

data "openai_chatgpt_projects" "actions" {
  tool_type = "custom_action"

  # One more request per project listed: fills config_versions.
  include_config_versions = true
}

output "project_inventory" {
  value = {
    for p in data.openai_chatgpt_projects.all.projects : p.id => {
      name       = try(p.latest_config.name, null)
      owner      = p.owner_email
      visibility = p.visibility
    }
  }
}

# A third-party project comes without owner and sharing.
output "third_party_projects" {
  value = [for p in data.openai_chatgpt_projects.all.projects : p.id if p.owner_id == null && p.visibility == null]
}

output "project_action_domains" {
  value = distinct(flatten([
    for p in data.openai_chatgpt_projects.actions.projects : [
      for t in p.latest_config.tools : t.action_domain if t.type == "custom_action"
    ]
  ]))
}
