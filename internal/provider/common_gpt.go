package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// gptModel is one GPT, shared by openai_gpts (list elements) and openai_gpt
// (top level, with id as input and shared_users added).
type gptModel struct {
	ID             types.String         `tfsdk:"id"`
	CreatedAt      types.String         `tfsdk:"created_at"`
	OwnerID        types.String         `tfsdk:"owner_id"`
	OwnerEmail     types.String         `tfsdk:"owner_email"`
	BuilderName    types.String         `tfsdk:"builder_name"`
	Visibility     types.String         `tfsdk:"visibility"`
	Permissions    *gptPermissionsModel `tfsdk:"permissions"`
	Recipients     []gptRecipientModel  `tfsdk:"recipients"`
	LatestConfig   *gptConfigModel      `tfsdk:"latest_config"`
	ConfigVersions types.Int64          `tfsdk:"config_versions"`
}

type gptPermissionsModel struct {
	CanRead       types.Bool `tfsdk:"can_read"`
	CanViewConfig types.Bool `tfsdk:"can_view_config"`
	CanWrite      types.Bool `tfsdk:"can_write"`
}

type gptRecipientModel struct {
	ID            types.String `tfsdk:"id"`
	Email         types.String `tfsdk:"email"`
	CanRead       types.Bool   `tfsdk:"can_read"`
	CanViewConfig types.Bool   `tfsdk:"can_view_config"`
	CanWrite      types.Bool   `tfsdk:"can_write"`
}

type gptConfigModel struct {
	ID                 types.String   `tfsdk:"id"`
	Name               types.String   `tfsdk:"name"`
	Description        types.String   `tfsdk:"description"`
	CreatedAt          types.String   `tfsdk:"created_at"`
	Tools              []gptToolModel `tfsdk:"tools"`
	KnowledgeFileNames []types.String `tfsdk:"knowledge_file_names"`
}

type gptToolModel struct {
	Type         types.String `tfsdk:"type"`
	ActionDomain types.String `tfsdk:"action_domain"`
	AuthType     types.String `tfsdk:"auth_type"`
}

// agentKind names what a GPT-shaped schema describes: GPTs, or ChatGPT
// projects, which the Compliance API sends in the same shape (same sharing
// model and tools; project tools have no auth_type).
// Each kind has a list and a single data source (common_agent_datasource.go);
// the kinds are declared in data_source_gpts.go and
// data_source_chatgpt_projects.go.
type agentKind struct {
	noun, idForm, path string
	// authTypeDoc describes tools[].auth_type.
	authTypeDoc string
	// label names the kind in diagnostics ("GPT", "ChatGPT project"),
	// plural in filter descriptions ("GPTs", "projects").
	label, plural string
	// listType and oneType are the data source type suffixes; listAttr is
	// the list data source's computed list.
	listType, oneType, listAttr string
	// listDoc, oneDoc: the data sources' descriptions; notFound explains a
	// 404 of oneType after "The workspace has no live <label> with id ...".
	listDoc, oneDoc, notFound string
	// The loader's readers of the kind, as method expressions (loader first).
	list        func(*snapshot.Loader, context.Context) (agentRows, error)
	get         func(*snapshot.Loader, context.Context, string) (*openai.GPT, error)
	configs     func(*snapshot.Loader, context.Context, string) ([]openai.GPTConfig, error)
	sharedUsers func(*snapshot.Loader, context.Context, string) ([]openai.WorkspaceUser, error)
}

func permissionAttributes(k agentKind, whose string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"can_read":        schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether " + whose + " can chat with the " + k.noun + "; null when not sent."},
		"can_view_config": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether " + whose + " can view the " + k.noun + "'s configuration; null when not sent."},
		"can_write":       schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether " + whose + " can edit the " + k.noun + "; null when not sent."},
	}
}

// agentAttributes is the schema of gptModel for GPTs or ChatGPT projects.
func agentAttributes(k agentKind, configVersionsDoc string) map[string]schema.Attribute {
	recipient := permissionAttributes(k, "this recipient")
	recipient["id"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Workspace user id of the recipient."}
	recipient["email"] = schema.StringAttribute{Computed: true, MarkdownDescription: "Email of the recipient; null when not sent."}
	return map[string]schema.Attribute{
		"id":           schema.StringAttribute{Computed: true, MarkdownDescription: k.noun + " id (" + k.idForm + ")."},
		"created_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "Creation time, RFC 3339; null when not sent."},
		"owner_id":     schema.StringAttribute{Computed: true, MarkdownDescription: "Workspace user id of the owner; null when not sent."},
		"owner_email":  schema.StringAttribute{Computed: true, MarkdownDescription: "Email of the owner; null when not sent."},
		"builder_name": schema.StringAttribute{Computed: true, MarkdownDescription: "Builder name shown for the " + k.noun + "; null when not sent."},
		"visibility": schema.StringAttribute{Computed: true,
			MarkdownDescription: "Who can reach the " + k.noun + ": `invite-only`, `workspace-with-link`, `workspace`, `anyone-with-link` or " +
				"`gpt-store` (the API may add values); null when the API sends no sharing settings."},
		"permissions": schema.SingleNestedAttribute{Computed: true,
			MarkdownDescription: "What everyone the visibility reaches may do; null when not sent.",
			Attributes:          permissionAttributes(k, "everyone the visibility reaches")},
		"recipients": schema.ListNestedAttribute{Computed: true,
			MarkdownDescription: "Users the " + k.noun + " is shared with directly, with their permissions (`sharing.recipients`; when the API " +
				"says the list continues, completed from `GET …/" + k.path + "/shared_users`). Null when the API sends no sharing settings.",
			NestedObject: schema.NestedAttributeObject{Attributes: recipient}},
		"latest_config": schema.SingleNestedAttribute{Computed: true,
			MarkdownDescription: "The newest configuration version; null when the API sends none. Instructions and file contents are never read into state.",
			Attributes: map[string]schema.Attribute{
				"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "Config version id."},
				"name":        schema.StringAttribute{Computed: true, MarkdownDescription: k.noun + " name; null when not sent."},
				"description": schema.StringAttribute{Computed: true, MarkdownDescription: k.noun + " description; null when not sent."},
				"created_at":  schema.StringAttribute{Computed: true, MarkdownDescription: "When this version was saved, RFC 3339; null when not sent."},
				"tools": schema.ListNestedAttribute{Computed: true,
					MarkdownDescription: "Capabilities of the " + k.noun + ".",
					NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
						"type": schema.StringAttribute{Computed: true,
							MarkdownDescription: "`code_interpreter`, `browser`, `dall-e`, `memory` or `custom_action` (the API may add values)."},
						"action_domain": schema.StringAttribute{Computed: true,
							MarkdownDescription: "Domain a custom action calls; null for other tools."},
						"auth_type": schema.StringAttribute{Computed: true, MarkdownDescription: k.authTypeDoc},
					}}},
				"knowledge_file_names": schema.ListAttribute{Computed: true, ElementType: types.StringType,
					MarkdownDescription: "Names of the knowledge files attached to this version (a file without a name is listed by id)."},
			},
		},
		"config_versions": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "Number of configuration versions (`GET …/" + k.path + "/configs`, one listing per " + k.noun + "). " + configVersionsDoc},
	}
}

// agentValue maps a GPT or ChatGPT project; recipients are completed from
// the kind's shared_users listing when the API says the embedded list is
// partial.
func agentValue(ctx context.Context, l *snapshot.Loader, k agentKind, g openai.GPT) (gptModel, error) {
	m := gptModel{
		ID:             types.StringValue(g.ID),
		CreatedAt:      timeString(g.CreatedAt),
		OwnerID:        optString(g.OwnerID),
		OwnerEmail:     optString(g.OwnerEmail),
		BuilderName:    optString(g.BuilderName),
		Visibility:     types.StringNull(),
		ConfigVersions: types.Int64Null(),
	}
	if s := g.Sharing; s != nil {
		m.Visibility = optString(s.Visibility)
		m.Permissions = permissionsValue(s.Permissions)
		users := s.Recipients.Users
		if s.Recipients.HasMore {
			all, err := k.sharedUsers(l, ctx, g.ID)
			if err != nil {
				return m, fmt.Errorf("%s %s: the recipients list is partial and completing it failed: %w", k.noun, g.ID, err)
			}
			users = all
		}
		m.Recipients = recipientValues(users)
	}
	if c := g.Latest(); c != nil {
		cfg := &gptConfigModel{
			ID:                 types.StringValue(c.ID),
			Name:               optString(c.Name),
			Description:        optString(c.Description),
			CreatedAt:          timeString(c.CreatedAt),
			Tools:              []gptToolModel{},
			KnowledgeFileNames: []types.String{},
		}
		if c.Tools != nil {
			for _, t := range c.Tools.Data {
				cfg.Tools = append(cfg.Tools, gptToolModel{
					Type: types.StringValue(t.Type), ActionDomain: optString(t.ActionDomain), AuthType: optString(t.AuthType),
				})
			}
		}
		if c.Files != nil {
			for _, f := range c.Files.Data {
				name := f.ID
				if f.Name != nil {
					name = *f.Name
				}
				cfg.KnowledgeFileNames = append(cfg.KnowledgeFileNames, types.StringValue(name))
			}
		}
		m.LatestConfig = cfg
	}
	return m, nil
}

// recipientValues maps the users a GPT is shared with (sharing.recipients,
// or GET …/shared_users when that list is partial).
func recipientValues(users []openai.WorkspaceUser) []gptRecipientModel {
	out := make([]gptRecipientModel, 0, len(users))
	for _, u := range users {
		out = append(out, recipientValue(u.ID, optString(u.Email), u.Permissions))
	}
	return out
}

func recipientValue(id string, email types.String, perms *openai.SharingPermissions) gptRecipientModel {
	r := gptRecipientModel{ID: types.StringValue(id), Email: email}
	p := permissionsValue(perms)
	if p == nil {
		p = &gptPermissionsModel{CanRead: types.BoolNull(), CanViewConfig: types.BoolNull(), CanWrite: types.BoolNull()}
	}
	r.CanRead, r.CanViewConfig, r.CanWrite = p.CanRead, p.CanViewConfig, p.CanWrite
	return r
}

// cachedGPTValue maps the GPT at index i of the snapshot's compact form
// exactly as gptValue maps the API's; recipients are completed through the
// loader when the API said the embedded list is partial.
func cachedGPTValue(ctx context.Context, l *snapshot.Loader, gpts snapshot.GPTs, i int) (gptModel, error) {
	e, s := gpts.Engine[i], gpts.Shown[i]
	m := gptModel{
		ID:             types.StringValue(e.ID),
		CreatedAt:      timePtrString(s.CreatedAt),
		OwnerID:        shownString(gpts.OwnerID(i)),
		OwnerEmail:     shownString(gpts.OwnerEmail(i)),
		BuilderName:    shownString(gpts.BuilderName(i)),
		Visibility:     types.StringNull(),
		ConfigVersions: types.Int64Null(),
	}
	if gpts.Sharing(i) {
		m.Visibility = shownString(gpts.Visibility(i))
		m.Permissions = permissionsValue(s.Permissions)
		if s.RecipientsHasMore {
			all, err := l.GPTSharedUsers(ctx, e.ID)
			if err != nil {
				return m, fmt.Errorf("GPT %s: the recipients list is partial and completing it failed: %w", e.ID, err)
			}
			m.Recipients = recipientValues(all)
		} else {
			m.Recipients = make([]gptRecipientModel, 0, len(e.Recipients))
			for j, r := range e.Recipients {
				m.Recipients = append(m.Recipients, recipientValue(r.ID, shownString(r.Email, s.Recipients[j].EmailSent), s.Recipients[j].Permissions))
			}
		}
	}
	if c, cs := e.Config, s.Config; c != nil && cs != nil {
		cfg := &gptConfigModel{
			ID:                 types.StringValue(cs.ID),
			Name:               shownString(c.Name, cs.NameSent),
			Description:        shownString(cs.Description, cs.DescriptionSent),
			CreatedAt:          timePtrString(cs.CreatedAt),
			Tools:              make([]gptToolModel, 0, len(c.Tools)),
			KnowledgeFileNames: make([]types.String, 0, len(cs.Files)),
		}
		for j, t := range c.Tools {
			cfg.Tools = append(cfg.Tools, gptToolModel{Type: types.StringValue(t.Type),
				ActionDomain: shownString(t.ActionDomain, cs.Tools[j]&1 != 0), AuthType: shownString(t.AuthType, cs.Tools[j]&2 != 0)})
		}
		for _, name := range cs.KnowledgeFileNames() {
			cfg.KnowledgeFileNames = append(cfg.KnowledgeFileNames, types.StringValue(name))
		}
		m.LatestConfig = cfg
	}
	return m, nil
}

// cachedHasTool reports whether the latest config of the GPT at index i has
// a tool of type t.
func cachedHasTool(gpts snapshot.GPTs, i int, t string) bool {
	c := gpts.Engine[i].Config
	if c == nil {
		return false
	}
	for _, tool := range c.Tools {
		if tool.Type == t {
			return true
		}
	}
	return false
}

func permissionsValue(p *openai.SharingPermissions) *gptPermissionsModel {
	if p == nil {
		return nil
	}
	return &gptPermissionsModel{
		CanRead:       types.BoolPointerValue(p.CanRead),
		CanViewConfig: types.BoolPointerValue(p.CanViewConfig),
		CanWrite:      types.BoolPointerValue(p.CanWrite),
	}
}

// hasTool reports whether the GPT's latest config has a tool of type t.
func hasTool(g openai.GPT, t string) bool {
	c := g.Latest()
	if c == nil || c.Tools == nil {
		return false
	}
	for _, tool := range c.Tools.Data {
		if tool.Type == t {
			return true
		}
	}
	return false
}

// gptOneModel is gptModel plus the directly shared users: openai_gpt and
// openai_chatgpt_project.
type gptOneModel struct {
	gptModel
	SharedUsers []workspaceUserModel `tfsdk:"shared_users"`
}

// agentRows is a kind's listing as the list data source filters and maps
// it: GPTs come from the loader's compact cache (gptRows), ChatGPT projects
// as decoded (rawAgentRows).
type agentRows interface {
	Len() int
	ID(i int) string
	// Matches applies the list data source's filters ("" = not set).
	Matches(i int, visibility, owner, tool string) bool
	Value(ctx context.Context, l *snapshot.Loader, k agentKind, i int) (gptModel, error)
}

// rawAgentRows are GPT-shaped objects as the API sent them.
type rawAgentRows []openai.GPT

func (r rawAgentRows) Len() int        { return len(r) }
func (r rawAgentRows) ID(i int) string { return r[i].ID }

func (r rawAgentRows) Matches(i int, visibility, owner, tool string) bool {
	g := r[i]
	if visibility != "" && (g.Sharing == nil || openai.String(g.Sharing.Visibility) != visibility) {
		return false
	}
	if owner != "" && !strings.EqualFold(openai.String(g.OwnerEmail), owner) {
		return false
	}
	return tool == "" || hasTool(g, tool)
}

func (r rawAgentRows) Value(ctx context.Context, l *snapshot.Loader, k agentKind, i int) (gptModel, error) {
	return agentValue(ctx, l, k, r[i])
}
