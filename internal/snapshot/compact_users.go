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

// Field-presence bits of the cached users.
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
	// sent records, for the user at the same index, which optional fields
	// the API sent.
	sent []uint8
	// accounts holds, by index, the nested account's name and email of the
	// few users sent without the flat fields (what openai_users and
	// openai_user show then). A map, not a slice beside Engine: 32 bytes
	// for each of 100,000 users would be 3 MiB of empty strings.
	accounts map[int]nestedAccount
}

// nestedAccount is the nested account object's name and email.
type nestedAccount struct{ name, email string }

// Name returns the user's name as the data sources show it (the flat name,
// else the nested account's) and whether the API sent one.
func (u OrgUsers) Name(i int) (string, bool) {
	if u.sent[i]&sentName != 0 {
		return u.Engine[i].Name, true
	}
	return u.accounts[i].name, u.sent[i]&sentAccountName != 0
}

// Email returns the user's email as the data sources show it (the flat
// email, else the nested account's) and whether the API sent one.
func (u OrgUsers) Email(i int) (string, bool) {
	if u.sent[i]&sentEmail != 0 {
		return u.Engine[i].Email, true
	}
	return u.accounts[i].email, u.sent[i]&sentAccountEmail != 0
}

// IsServiceAccount returns is_service_account and whether the API sent it.
func (u OrgUsers) IsServiceAccount(i int) (bool, bool) {
	return u.Engine[i].IsServiceAccount, u.sent[i]&sentServiceAccount != 0
}

func shownOrgUser(u openai.User) (uint8, nestedAccount) {
	var s uint8
	var a nestedAccount
	if u.Name != nil {
		s |= sentName
	}
	if u.Email != nil {
		s |= sentEmail
	}
	if u.IsServiceAccount != nil {
		s |= sentServiceAccount
	}
	if u.User != nil { // the nested account object, when the flat fields are absent
		if u.Name == nil && u.User.Name != nil {
			a.name, s = *u.User.Name, s|sentAccountName
		}
		if u.Email == nil && u.User.Email != nil {
			a.email, s = *u.User.Email, s|sentAccountEmail
		}
	}
	return s, a
}

// AppendOrgUsers appends decoded API users to dst in the cached form.
func AppendOrgUsers(dst OrgUsers, users []openai.User) OrgUsers {
	dst.Engine, dst.sent = slices.Grow(dst.Engine, len(users)), slices.Grow(dst.sent, len(users))
	for _, u := range users {
		sent, account := shownOrgUser(u)
		if sent&(sentAccountName|sentAccountEmail) != 0 {
			if dst.accounts == nil {
				dst.accounts = map[int]nestedAccount{}
			}
			dst.accounts[len(dst.Engine)] = account
		}
		dst.Engine = append(dst.Engine, convertOrgUser(u))
		dst.sent = append(dst.sent, sent)
	}
	return dst
}

// joinOrgUsers joins the per-page parts of the users (joinPages).
func joinOrgUsers(pages []OrgUsers) OrgUsers {
	out := OrgUsers{
		Engine: joinPages(pages, func(p OrgUsers) []posture.OrgUser { return p.Engine }),
		sent:   joinPages(pages, func(p OrgUsers) []uint8 { return p.sent }),
	}
	offset := 0
	for _, p := range pages {
		for i, a := range p.accounts {
			if out.accounts == nil {
				out.accounts = map[int]nestedAccount{}
			}
			out.accounts[offset+i] = a
		}
		offset += len(p.Engine)
	}
	return out
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
		return joinOrgUsers(pages), nil
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
