package snapshot

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// Converters from client models to the posture engine's model. They keep
// "not reported" distinct from zero values: a Timestamp that is not Valid
// becomes a nil time, an absent string pointer an empty string that the
// engine reads as "not reported" (see internal/posture/model_*.go).

func timePtr(t openai.Timestamp) *time.Time { return t.Ptr() }

func convertAdminKey(k openai.AdminAPIKey) posture.AdminAPIKey {
	return posture.AdminAPIKey{
		ID:            k.ID,
		Name:          openai.String(k.Name),
		RedactedValue: k.RedactedValue,
		CreatedAt:     timePtr(k.CreatedAt),
		ExpiresAt:     timePtr(k.ExpiresAt),
		LastUsedAt:    timePtr(k.LastUsedAt),
		OwnerID:       k.Owner.ID,
		OwnerName:     k.Owner.Name,
		OwnerType:     k.Owner.Type,
	}
}

func convertOrgUser(u openai.User) posture.OrgUser {
	return posture.OrgUser{
		ID:               u.ID,
		Name:             openai.String(u.Name),
		Email:            openai.String(u.Email),
		Role:             internPtr(u.Role),
		IsServiceAccount: openai.Bool(u.IsServiceAccount),
		IsSCIMManaged:    u.IsSCIMManaged,
		APIKeyLastUsedAt: timePtr(u.APIKeyLastUsedAt),
		// null means never used; absent means not reported.
		APIKeyUseNotReported: !u.APIKeyLastUsedAt.Present,
		AddedAt:              timePtr(u.AddedAt),
	}
}

func convertInvite(i openai.Invite) posture.Invite {
	out := posture.Invite{
		ID:        i.ID,
		Email:     i.Email,
		Role:      i.Role,
		Status:    i.Status,
		CreatedAt: timePtr(i.CreatedAt),
		ExpiresAt: timePtr(i.ExpiresAt),
		// Required by the spec; without it the project roles are unknown.
		ProjectsNotReported: !i.ProjectsReported,
	}
	for _, p := range i.Projects {
		out.Projects = append(out.Projects, posture.InviteProject{ID: p.ID, Role: p.Role})
	}
	return out
}

func convertCertificate(c openai.Certificate) posture.Certificate {
	return posture.Certificate{
		ID:   c.ID,
		Name: openai.String(c.Name),
		// An unreported active flag is read as active, so the expiry is judged.
		Active:    c.Active == nil || *c.Active,
		ExpiresAt: timePtr(c.CertificateDetails.ExpiresAt),
	}
}

func convertRetention(r openai.DataRetention) posture.DataRetention {
	return posture.DataRetention{Type: openai.String(r.Type)}
}

func convertSpendLimit(s openai.SpendLimit) posture.SpendLimit {
	out := posture.SpendLimit{
		Configured:     true,
		ThresholdCents: s.ThresholdAmount,
		Currency:       openai.String(s.Currency),
		Interval:       openai.String(s.Interval),
	}
	if s.Enforcement != nil {
		out.EnforcementStatus = openai.String(s.Enforcement.Status)
	}
	return out
}

func convertProject(p openai.Project) posture.Project {
	return posture.Project{
		ID:         p.ID,
		Name:       openai.String(p.Name),
		Status:     openai.String(p.Status),
		ArchivedAt: timePtr(p.ArchivedAt),
		// archived_at: null says "not archived"; neither key says nothing.
		ArchivedStateNotReported: openai.String(p.Status) == "" && !p.ArchivedAt.Present,
	}
}

func convertProjectKey(k openai.ProjectAPIKey) posture.ProjectAPIKey {
	out := posture.ProjectAPIKey{
		ID:                 k.ID,
		Name:               openai.String(k.Name),
		RedactedValue:      k.RedactedValue,
		CreatedAt:          timePtr(k.CreatedAt),
		LastUsedAt:         timePtr(k.LastUsedAt),
		OwnerProjectAccess: openai.String(k.OwnerProjectAccess),
		OwnerType:          k.Owner.Type,
	}
	owner := k.Owner.User
	if owner == nil {
		owner = k.Owner.ServiceAccount
	}
	if owner != nil {
		out.OwnerID = owner.ID
		out.OwnerName = openai.String(owner.Name)
		out.OwnerEmail = openai.String(owner.Email)
	}
	return out
}

func convertServiceAccount(s openai.ProjectServiceAccount) posture.ProjectServiceAccount {
	return posture.ProjectServiceAccount{
		ID: s.ID, Name: openai.String(s.Name), Role: openai.String(s.Role), CreatedAt: timePtr(s.CreatedAt),
	}
}

func convertProjectUser(u openai.ProjectUser) posture.ProjectUser {
	return posture.ProjectUser{
		ID: u.ID, Name: openai.String(u.Name), Email: openai.String(u.Email), Role: openai.String(u.Role),
	}
}

func convertHostedTools(h openai.HostedToolPermissions) posture.HostedToolPermissions {
	out := posture.HostedToolPermissions{Enabled: map[string]bool{}}
	for name, p := range h.Tools {
		if p.Enabled != nil { // a tool without "enabled" stays "not reported"
			out.Enabled[name] = *p.Enabled
		}
	}
	return out
}

func convertModelPermissions(m openai.ModelPermissions) posture.ModelPermissions {
	return posture.ModelPermissions{
		Configured: m.Mode != nil,
		Mode:       openai.String(m.Mode),
		ModelIDs:   m.ModelIDs,
	}
}

func convertAuditEvent(a openai.AuditLog) posture.AuditEvent {
	out := posture.AuditEvent{ID: a.ID, Type: a.Type, EffectiveAt: timePtr(a.EffectiveAt)}
	if a.Project != nil {
		out.ProjectID = a.Project.ID
	}
	if act := a.Actor; act != nil {
		out.ActorType = act.Type
		if act.Session != nil && act.Session.User != nil {
			out.ActorID = act.Session.User.ID
			out.ActorEmail = openai.String(act.Session.User.Email)
		}
		if k := act.APIKey; k != nil {
			out.ActorAPIKeyType = k.Type
			out.ActorID = k.ID
			if k.User != nil {
				out.ActorID = k.User.ID
				out.ActorEmail = openai.String(k.User.Email)
			}
			if k.ServiceAccount != nil {
				out.ActorID = k.ServiceAccount.ID
			}
		}
	}
	var details struct {
		ID string `json:"id"`
	}
	if len(a.Details) > 0 && json.Unmarshal(a.Details, &details) == nil {
		out.ResourceID = details.ID
	}
	return out
}

func convertWorkspaceUser(u openai.WorkspaceUser) posture.WorkspaceUser {
	return posture.WorkspaceUser{
		ID:        u.ID,
		Email:     openai.String(u.Email),
		Name:      openai.String(u.Name),
		Role:      intern(openai.String(u.Role)),
		Status:    intern(openai.String(u.Status)),
		CreatedAt: timePtr(u.CreatedAt),
	}
}

func convertPermissions(p *openai.SharingPermissions) *posture.GPTPermissions {
	if p == nil {
		return nil
	}
	return sharedEnginePermission(posture.GPTPermissions{
		CanRead: openai.Bool(p.CanRead), CanViewConfig: openai.Bool(p.CanViewConfig), CanWrite: openai.Bool(p.CanWrite),
		Incomplete: p.CanViewConfig == nil || p.CanWrite == nil,
	})
}

func convertRecipient(u openai.WorkspaceUser) posture.GPTRecipient {
	return posture.GPTRecipient{ID: u.ID, Email: openai.String(u.Email), Permissions: convertPermissions(u.Permissions)}
}

func convertGPT(g openai.GPT) posture.GPT {
	out := posture.GPT{
		ID:         g.ID,
		OwnerID:    openai.String(g.OwnerID),
		OwnerEmail: openai.String(g.OwnerEmail),
	}
	out.Visibility, out.Permissions, out.Recipients, out.RecipientsIncomplete = convertSharing(g.Sharing)
	if c := g.Latest(); c != nil {
		out.Config = convertConfig(*c)
	}
	return out
}

// convertSharing reads the sharing object GPTs and ChatGPT projects share;
// without one, the recipients are not reported (incomplete).
func convertSharing(s *openai.Sharing) (visibility string, perms *posture.GPTPermissions, recipients []posture.GPTRecipient, incomplete bool) {
	if s == nil {
		return "", nil, nil, true
	}
	for _, r := range s.Recipients.Users {
		recipients = append(recipients, convertRecipient(r))
	}
	return intern(openai.String(s.Visibility)), convertPermissions(s.Permissions), recipients, !s.Recipients.Complete
}

func convertConfig(c openai.GPTConfig) *posture.GPTConfig {
	out := &posture.GPTConfig{
		Version:          configVersion(c),
		Name:             openai.String(c.Name),
		Instructions:     openai.String(c.Instructions),
		ToolsNotReported: !c.Tools.Complete(),
		FilesNotReported: !c.Files.Complete(),
		// Absent for third-party GPTs per the spec: not an empty text.
		InstructionsNotReported: c.Instructions == nil,
	}
	if c.Tools != nil {
		for _, t := range c.Tools.Data {
			out.Tools = append(out.Tools, posture.GPTTool{
				Type:             t.Type,
				ActionDomain:     openai.String(t.ActionDomain),
				AuthType:         openai.String(t.AuthType),
				ActionOpenAPIRaw: openai.String(t.ActionOpenAPIRaw),
			})
		}
	}
	out.Files, out.UnnamedFiles = fileNames(c.Files)
	return out
}

// configVersion identifies a GPT configuration: its id (the spec: "Uniquely
// identifies a GPT configuration"), else its creation time, else nothing.
func configVersion(c openai.GPTConfig) string {
	if id := strings.TrimSpace(c.ID); id != "" {
		return id
	}
	if c.CreatedAt.Valid {
		return "created:" + strconv.FormatInt(c.CreatedAt.Time.Unix(), 10)
	}
	return ""
}

// fileNames splits files into the names the patterns judge and the ids of
// files sent without a name (absent, null or blank): an id never matches a
// name pattern, so an unnamed file is reported as such, never judged by its
// id.
func fileNames(files *openai.GenericList[openai.GPTFile]) (names, unnamed []string) {
	if files == nil {
		return nil, nil
	}
	for _, f := range files.Data {
		if name := openai.String(f.Name); strings.TrimSpace(name) != "" {
			names = append(names, name)
		} else {
			unnamed = append(unnamed, firstNonEmpty(f.ID, "(no id)"))
		}
	}
	return names, unnamed
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func convertChatGPTProject(p openai.ComplianceProject) posture.ChatGPTProject {
	out := posture.ChatGPTProject{ID: p.ID, OwnerID: openai.String(p.OwnerID), OwnerEmail: openai.String(p.OwnerEmail),
		FilesNotReported: true, ToolsNotReported: true}
	// The spec: owner and sharing "are not provided for 3rd party Projects".
	// Only all three absent together mark one; any other gap is missing data.
	out.ThirdParty = p.Sharing == nil && p.OwnerID == nil && p.OwnerEmail == nil
	out.Visibility, out.Permissions, out.Recipients, out.RecipientsIncomplete = convertSharing(p.Sharing)
	if p.LatestConfig != nil && len(p.LatestConfig.Data) > 0 {
		c := convertConfig(p.LatestConfig.Data[0])
		out.ConfigReported = true
		out.Name, out.Tools, out.ToolsNotReported = c.Name, c.Tools, c.ToolsNotReported
		out.Files, out.UnnamedFiles, out.FilesNotReported = c.Files, c.UnnamedFiles, c.FilesNotReported
	}
	return out
}

func convertConversation(c openai.Conversation) posture.Conversation {
	out := posture.Conversation{
		ID:           c.ID,
		Title:        openai.String(c.Title),
		UserID:       openai.String(c.UserID),
		UserEmail:    openai.String(c.UserEmail),
		LastActiveAt: timePtr(c.LastActiveAt),
	}
	// Messages must be sent whole, and so must each message's files list.
	// The spec makes no message field required, so a message without a
	// files list (absent or null) may have no attachments or may not report
	// them: it is counted, and the check reports the conversation once.
	out.FilesNotReported = !c.Messages.Complete()
	if c.Messages != nil {
		for _, m := range c.Messages.Data {
			if m.Files == nil {
				out.MessagesWithoutFiles++
				continue
			}
			if !m.Files.Complete() {
				out.FilesNotReported = true
			}
			names, unnamed := fileNames(m.Files)
			out.Files = append(out.Files, names...)
			out.UnnamedFiles = append(out.UnnamedFiles, unnamed...)
		}
	}
	return out
}
