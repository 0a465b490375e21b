# Every live GPT of the ChatGPT Enterprise workspace.
data "openai_gpts" "all" {}

# Filters: visibility, owner email (case-insensitive), tool type.
data "openai_gpts" "public" {
  visibility = "anyone-with-link"
}

data "openai_gpts" "actions" {
  tool_type = "custom_action"

  # One more request per GPT listed: fills config_versions.
  include_config_versions = true
}

data "openai_gpts" "alice" {
  owner_email = "alice@example.com"
}

output "gpt_inventory" {
  value = {
    for g in data.openai_gpts.all.gpts : g.id => {
      name       = try(g.latest_config.name, null)
      owner      = g.owner_email
      visibility = g.visibility
      tools      = try([for t in g.latest_config.tools : t.type], [])
    }
  }
}

output "custom_action_domains" {
  value = distinct(flatten([
    for g in data.openai_gpts.actions.gpts : [
      for t in g.latest_config.tools : t.action_domain if t.type == "custom_action"
    ]
  ]))
}
