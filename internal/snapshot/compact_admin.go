package snapshot

import (
	"context"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// Invites (20,000 at the target size) and project API keys (10,000)
// are cached like the users (compact_users.go): in the engine's form, which
// every check shares without converting again, plus what the data sources
// show beyond it as presence flags and a few fields. The data sources still
// read decoded API structs: Invites and ProjectAPIKeys rebuild them from
// the cache for each read (tests: TestCompactInvitesRebuildWhatTheAPISent,
// TestCompactProjectKeysRebuildWhatTheAPISent). Dropped, as nobody reads
// them: the "object" field of each, and the created_at of a key's owner.

// Presence bits of a Timestamp (openai.Timestamp: Present = the key was
// sent, Valid = it held a time).
const (
	tsPresent uint8 = 1 << iota
	tsValid
)

func tsBits(t openai.Timestamp) uint8 {
	var b uint8
	if t.Present {
		b |= tsPresent
	}
	if t.Valid {
		b |= tsValid
	}
	return b
}

// timestamp rebuilds a decoded Timestamp from the engine's time (nil when
// not Valid) and its presence bits.
func timestamp(t *time.Time, bits uint8) openai.Timestamp {
	out := openai.Timestamp{Present: bits&tsPresent != 0, Valid: bits&tsValid != 0}
	if t != nil && out.Valid {
		out.Time = *t
	}
	return out
}

// CompactInvites are the organization's invites as the loader caches them.
type CompactInvites struct {
	// Engine is what the checks read, shared by every check as is: read only.
	Engine []posture.Invite
	shown  []inviteShown
}

// inviteShown is what openai_invites shows beyond the engine's model.
type inviteShown struct {
	acceptedAt                 time.Time
	created, expires, accepted uint8 // tsBits
	projectsPresent            bool
}

// AppendInvites appends decoded invites to dst in the cached form.
func AppendInvites(dst CompactInvites, invites []openai.Invite) CompactInvites {
	for _, i := range invites {
		dst.Engine = append(dst.Engine, convertInvite(i))
		dst.shown = append(dst.shown, inviteShown{
			acceptedAt: i.AcceptedAt.Time, created: tsBits(i.CreatedAt), expires: tsBits(i.ExpiresAt),
			accepted: tsBits(i.AcceptedAt), projectsPresent: i.ProjectsReported,
		})
	}
	return dst
}

// Decoded rebuilds the invite at index i as the client decoded it (without
// "object").
func (c CompactInvites) Decoded(i int) openai.Invite {
	e, s := c.Engine[i], c.shown[i]
	out := openai.Invite{
		ID: e.ID, Email: e.Email, Role: e.Role, Status: e.Status,
		CreatedAt:        timestamp(e.CreatedAt, s.created),
		ExpiresAt:        timestamp(e.ExpiresAt, s.expires),
		AcceptedAt:       timestamp(&s.acceptedAt, s.accepted),
		ProjectsReported: s.projectsPresent,
	}
	if s.projectsPresent {
		out.Projects = make([]openai.InviteProjectRef, len(e.Projects))
		for j, p := range e.Projects {
			out.Projects[j] = openai.InviteProjectRef{ID: p.ID, Role: p.Role}
		}
	}
	return out
}

// CompactInvites returns every invite, whatever its status, converted as it
// is read.
func (l *Loader) CompactInvites(ctx context.Context) (CompactInvites, error) {
	return load(ctx, l, openai.EndpointInvites, func(ctx context.Context) (CompactInvites, error) {
		invites, err := l.client.ListInvites(ctx)
		if err != nil {
			return CompactInvites{}, err
		}
		return AppendInvites(CompactInvites{}, invites), nil
	})
}

// Invites returns every invite, whatever its status, as the client decodes
// it (rebuilt from the compact cache: a copy for this caller).
func (l *Loader) Invites(ctx context.Context) ([]openai.Invite, error) {
	c, err := l.CompactInvites(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]openai.Invite, len(c.Engine))
	for i := range out {
		out[i] = c.Decoded(i)
	}
	return out, nil
}

// CompactProjectKeys are one project's API keys as the loader caches them.
type CompactProjectKeys struct {
	// Engine is what the checks read, shared by every check as is: read only.
	Engine []posture.ProjectAPIKey
	shown  []projectKeyShown
}

// Presence bits of projectKeyShown.sent.
const (
	keySentName uint16 = 1 << iota
	keySentOwnerProjectAccess
	keyOwnerIsUser           // the engine's owner came from owner.user
	keyOwnerIsServiceAccount // the engine's owner came from owner.service_account
	keyOwnerSentName
	keyOwnerSentEmail
	keyOwnerSentRole
)

// projectKeyShown is what openai_project_api_keys shows beyond the engine's
// model.
type projectKeyShown struct {
	projectID         string // set by the client: the project the list belongs to
	ownerRole         string
	created, lastUsed uint8 // tsBits
	sent              uint16
	// other is the owner reference the engine did not take when the API sent
	// both owner.user and owner.service_account (the data source may show
	// it); nil otherwise, which is every key the API documents.
	other *openai.ProjectAPIKeyOwnerRef
}

// AppendProjectKeys appends decoded project API keys to dst in the cached
// form.
func AppendProjectKeys(dst CompactProjectKeys, keys []openai.ProjectAPIKey) CompactProjectKeys {
	for _, k := range keys {
		s := projectKeyShown{projectID: k.ProjectID, created: tsBits(k.CreatedAt), lastUsed: tsBits(k.LastUsedAt)}
		if k.Name != nil {
			s.sent |= keySentName
		}
		if k.OwnerProjectAccess != nil {
			s.sent |= keySentOwnerProjectAccess
		}
		// The engine's owner: owner.user, else owner.service_account
		// (convertProjectKey).
		owner := k.Owner.User
		switch {
		case owner != nil:
			s.sent |= keyOwnerIsUser
			if k.Owner.ServiceAccount != nil {
				other := *k.Owner.ServiceAccount
				other.CreatedAt = openai.Timestamp{}
				s.other = &other
			}
		case k.Owner.ServiceAccount != nil:
			owner = k.Owner.ServiceAccount
			s.sent |= keyOwnerIsServiceAccount
		}
		if owner != nil {
			for _, f := range []struct {
				p   *string
				bit uint16
			}{{owner.Name, keyOwnerSentName}, {owner.Email, keyOwnerSentEmail}, {owner.Role, keyOwnerSentRole}} {
				if f.p != nil {
					s.sent |= f.bit
				}
			}
			s.ownerRole = openai.String(owner.Role)
		}
		dst.Engine = append(dst.Engine, convertProjectKey(k))
		dst.shown = append(dst.shown, s)
	}
	return dst
}

// Decoded rebuilds the key at index i as the client decoded it (without
// "object" and the owner's created_at).
func (c CompactProjectKeys) Decoded(i int) openai.ProjectAPIKey {
	e, s := c.Engine[i], c.shown[i]
	opt := func(v string, bit uint16) *string {
		if s.sent&bit == 0 {
			return nil
		}
		return &v
	}
	out := openai.ProjectAPIKey{
		ID: e.ID, Name: opt(e.Name, keySentName), RedactedValue: e.RedactedValue,
		CreatedAt:          timestamp(e.CreatedAt, s.created),
		LastUsedAt:         timestamp(e.LastUsedAt, s.lastUsed),
		OwnerProjectAccess: opt(e.OwnerProjectAccess, keySentOwnerProjectAccess),
		Owner:              openai.ProjectAPIKeyOwner{Type: e.OwnerType},
		ProjectID:          s.projectID,
	}
	if s.sent&(keyOwnerIsUser|keyOwnerIsServiceAccount) != 0 {
		ref := &openai.ProjectAPIKeyOwnerRef{ID: e.OwnerID, Name: opt(e.OwnerName, keyOwnerSentName),
			Email: opt(e.OwnerEmail, keyOwnerSentEmail), Role: opt(s.ownerRole, keyOwnerSentRole)}
		if s.sent&keyOwnerIsUser != 0 {
			out.Owner.User = ref
			if s.other != nil {
				other := *s.other
				out.Owner.ServiceAccount = &other
			}
		} else {
			out.Owner.ServiceAccount = ref
		}
	}
	return out
}

// CompactProjectAPIKeys returns every API key of one project, for every
// owner, converted as it is read.
func (l *Loader) CompactProjectAPIKeys(ctx context.Context, projectID string) (CompactProjectKeys, error) {
	return load(ctx, l, perProject(openai.EndpointProjectAPIKeys, projectID), func(ctx context.Context) (CompactProjectKeys, error) {
		keys, err := l.client.ListProjectAPIKeys(ctx, projectID)
		if err != nil {
			return CompactProjectKeys{}, err
		}
		return AppendProjectKeys(CompactProjectKeys{}, keys), nil
	})
}

// ProjectAPIKeys returns every API key of one project, for every owner, as
// the client decodes them (rebuilt from the compact cache: a copy for this
// caller).
func (l *Loader) ProjectAPIKeys(ctx context.Context, projectID string) ([]openai.ProjectAPIKey, error) {
	c, err := l.CompactProjectAPIKeys(ctx, projectID)
	if err != nil {
		return nil, err
	}
	out := make([]openai.ProjectAPIKey, len(c.Engine))
	for i := range out {
		out[i] = c.Decoded(i)
	}
	return out, nil
}
