package snapshot

import (
	"context"
	"slices"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// The two largest collections (100,000 organization users and 50,000
// workspace users at the target size) are cached in the form the
// posture engine reads, converted page by page as they arrive: the decoded
// API structs (a pointer and an allocation per optional field) are several
// times that size and never all live at once. What the data sources expose
// beyond the engine's model is kept beside it, in the same order, as a few
// flags (which optional fields the API sent) rather than as the raw struct.

// Field-presence bits of the Shown records.
const (
	sentName uint8 = 1 << iota
	sentEmail
	sentRole
	sentStatus
	sentServiceAccount
	sentAccountName
	sentAccountEmail
)

// OrgUsers are the organization users as the loader caches them.
type OrgUsers struct {
	// Engine is what the checks read. Every check of the plan shares this
	// slice as is: it is read only.
	Engine []posture.OrgUser
	// Shown is, for the user at the same index, what the data sources show
	// beyond Engine.
	Shown []OrgUserShown
}

// OrgUserShown is what openai_users and openai_user show beyond the engine's
// model: which optional fields were sent (null in state otherwise) and the
// nested account's name and email, used when the flat fields are absent.
type OrgUserShown struct {
	AccountName, AccountEmail string
	sent                      uint8
}

// Name returns the user's name as the data sources show it (the flat name,
// else the nested account's) and whether the API sent one.
func (u OrgUsers) Name(i int) (string, bool) {
	if u.Shown[i].sent&sentName != 0 {
		return u.Engine[i].Name, true
	}
	return u.Shown[i].AccountName, u.Shown[i].sent&sentAccountName != 0
}

// Email returns the user's email as the data sources show it (the flat
// email, else the nested account's) and whether the API sent one.
func (u OrgUsers) Email(i int) (string, bool) {
	if u.Shown[i].sent&sentEmail != 0 {
		return u.Engine[i].Email, true
	}
	return u.Shown[i].AccountEmail, u.Shown[i].sent&sentAccountEmail != 0
}

// IsServiceAccount returns is_service_account and whether the API sent it.
func (u OrgUsers) IsServiceAccount(i int) (bool, bool) {
	return u.Engine[i].IsServiceAccount, u.Shown[i].sent&sentServiceAccount != 0
}

func shownOrgUser(u openai.User) OrgUserShown {
	var s OrgUserShown
	if u.Name != nil {
		s.sent |= sentName
	}
	if u.Email != nil {
		s.sent |= sentEmail
	}
	if u.IsServiceAccount != nil {
		s.sent |= sentServiceAccount
	}
	if u.User != nil { // the nested account object, when the flat fields are absent
		if u.Name == nil && u.User.Name != nil {
			s.AccountName, s.sent = *u.User.Name, s.sent|sentAccountName
		}
		if u.Email == nil && u.User.Email != nil {
			s.AccountEmail, s.sent = *u.User.Email, s.sent|sentAccountEmail
		}
	}
	return s
}

// AppendOrgUsers appends decoded API users to dst in the cached form.
func AppendOrgUsers(dst OrgUsers, users []openai.User) OrgUsers {
	dst.Engine, dst.Shown = slices.Grow(dst.Engine, len(users)), slices.Grow(dst.Shown, len(users))
	for _, u := range users {
		dst.Engine = append(dst.Engine, convertOrgUser(u))
		dst.Shown = append(dst.Shown, shownOrgUser(u))
	}
	return dst
}

// Users returns every organization user, converted as each page arrives.
func (l *Loader) Users(ctx context.Context) (OrgUsers, error) {
	return load(ctx, l, openai.EndpointUsers, func(ctx context.Context) (OrgUsers, error) {
		var pages []OrgUsers
		err := l.client.EachUsersPage(ctx, func(page []openai.User) error {
			pages = append(pages, AppendOrgUsers(OrgUsers{}, page))
			return nil
		})
		if err != nil {
			return OrgUsers{}, err
		}
		return OrgUsers{
			Engine: joinPages(pages, func(p OrgUsers) []posture.OrgUser { return p.Engine }),
			Shown:  joinPages(pages, func(p OrgUsers) []OrgUserShown { return p.Shown }),
		}, nil
	})
}

// WorkspaceUsers are the ChatGPT workspace users as the loader caches them.
type WorkspaceUsers struct {
	// Engine is what the checks read, shared by every check as is: read only.
	Engine []posture.WorkspaceUser
	// sent records, for the user at the same index, which optional fields
	// the API sent (the engine reads an absent one as "").
	sent []uint8
}

// Email, Name, Role and Status return the field and whether the API sent it.
func (u WorkspaceUsers) Email(i int) (string, bool) {
	return u.Engine[i].Email, u.sent[i]&sentEmail != 0
}

// Name returns the user's name and whether the API sent it.
func (u WorkspaceUsers) Name(i int) (string, bool) {
	return u.Engine[i].Name, u.sent[i]&sentName != 0
}

// Role returns the user's role and whether the API sent it.
func (u WorkspaceUsers) Role(i int) (string, bool) {
	return u.Engine[i].Role, u.sent[i]&sentRole != 0
}

// Status returns the user's status and whether the API sent it.
func (u WorkspaceUsers) Status(i int) (string, bool) {
	return u.Engine[i].Status, u.sent[i]&sentStatus != 0
}

func sentWorkspaceUser(u openai.WorkspaceUser) uint8 {
	var s uint8
	for _, f := range []struct {
		p   *string
		bit uint8
	}{{u.Email, sentEmail}, {u.Name, sentName}, {u.Role, sentRole}, {u.Status, sentStatus}} {
		if f.p != nil {
			s |= f.bit
		}
	}
	return s
}

// AppendWorkspaceUsers appends decoded workspace users to dst in the cached
// form.
func AppendWorkspaceUsers(dst WorkspaceUsers, users []openai.WorkspaceUser) WorkspaceUsers {
	dst.Engine, dst.sent = slices.Grow(dst.Engine, len(users)), slices.Grow(dst.sent, len(users))
	for _, u := range users {
		dst.Engine = append(dst.Engine, convertWorkspaceUser(u))
		dst.sent = append(dst.sent, sentWorkspaceUser(u))
	}
	return dst
}

// WorkspaceUsers returns every ChatGPT workspace user, converted as each
// page arrives.
func (l *Loader) WorkspaceUsers(ctx context.Context) (WorkspaceUsers, error) {
	return load(ctx, l, openai.EndpointComplianceUsers, func(ctx context.Context) (WorkspaceUsers, error) {
		var pages []WorkspaceUsers
		err := l.client.EachWorkspaceUsersPage(ctx, func(page []openai.WorkspaceUser) error {
			pages = append(pages, AppendWorkspaceUsers(WorkspaceUsers{}, page))
			return nil
		})
		if err != nil {
			return WorkspaceUsers{}, err
		}
		return WorkspaceUsers{
			Engine: joinPages(pages, func(p WorkspaceUsers) []posture.WorkspaceUser { return p.Engine }),
			sent:   joinPages(pages, func(p WorkspaceUsers) []uint8 { return p.sent }),
		}, nil
	})
}
