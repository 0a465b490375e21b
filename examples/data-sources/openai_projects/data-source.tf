data "openai_projects" "all" {}

output "active_projects" {
  value = { for p in data.openai_projects.all.projects : p.id => p.name if !p.archived }
}

output "archived_projects" {
  value = { for p in data.openai_projects.all.projects : p.id => p.archived_at if p.archived }
}
