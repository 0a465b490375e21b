package snapshot

import (
	"context"
	"slices"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// GPTs are the workspace GPTs as the loader caches them: the engine's model,
// converted page by page as the list arrives and shared by every check, and
// beside it what openai_gpts shows beyond that model. The decoded API
// structs (20,000 GPTs with their configurations at the target size)
// are not kept.
type GPTs struct {
	// Engine is what the checks read, shared as is: read only.
	Engine []posture.GPT
	// Shown is, for the GPT at the same index, what the data sources show
	// beyond Engine.
	Shown []GPTShown
}

// Presence bits of GPTShown.
const (
	gptSentOwnerID uint8 = 1 << iota
	gptSentOwnerEmail
	gptSentBuilderName
	gptSentSharing
	gptSentVisibility
)

// GPTShown is what openai_gpts shows of a GPT beyond the engine's model.
type GPTShown struct {
	CreatedAt   *time.Time
	BuilderName string
	// Permissions is sharing.permissions as sent (nil: not sent).
	Permissions *openai.SharingPermissions
	// Recipients is, for the engine's recipient at the same index, what the
	// data source shows beyond it.
	Recipients []RecipientShown
	// RecipientsHasMore is true when a list object said more recipients
	// exist (the data source then reads GET …/shared_users).
	RecipientsHasMore bool
	// Config is the latest configuration's shown part; nil when none.
	Config *GPTConfigShown
	sent   uint8
}

// KnowledgeFile is one knowledge file of a configuration as listed.
type KnowledgeFile struct {
	ID, Name string
	// NameSent is false when the API sent no name (Name is then "").
	NameSent bool
}

// KnowledgeFileNames returns the files in API order, each by name, or by id
// when the name is absent.
func (c *GPTConfigShown) KnowledgeFileNames() []string {
	out := make([]string, 0, len(c.Files))
	for _, f := range c.Files {
		if f.NameSent {
			out = append(out, f.Name)
		} else {
			out = append(out, f.ID)
		}
	}
	return out
}

// RecipientShown is what the data source shows of a recipient beyond the
// engine's model.
type RecipientShown struct {
	Permissions *openai.SharingPermissions
	EmailSent   bool
}

// GPTConfigShown is what the data source shows of the latest configuration
// beyond the engine's model.
type GPTConfigShown struct {
	ID          string
	Description string
	CreatedAt   *time.Time
	// Files are the knowledge files in API order: the data sources show
	// their names (KnowledgeFileNames), the content checks download them by
	// id.
	Files []KnowledgeFile
	// Tools holds, for the engine's tool at the same index, which of
	// action_domain (bit 0) and auth_type (bit 1) were sent.
	Tools           []uint8
	NameSent        bool
	DescriptionSent bool
}

// OwnerID, OwnerEmail, BuilderName and Visibility return the field and
// whether the API sent it.
func (g GPTs) OwnerID(i int) (string, bool) {
	return g.Engine[i].OwnerID, g.Shown[i].sent&gptSentOwnerID != 0
}

// OwnerEmail returns owner_email and whether the API sent it.
func (g GPTs) OwnerEmail(i int) (string, bool) {
	return g.Engine[i].OwnerEmail, g.Shown[i].sent&gptSentOwnerEmail != 0
}

// BuilderName returns builder_name and whether the API sent it.
func (g GPTs) BuilderName(i int) (string, bool) {
	return g.Shown[i].BuilderName, g.Shown[i].sent&gptSentBuilderName != 0
}

// Sharing reports whether the API sent a sharing object.
func (g GPTs) Sharing(i int) bool { return g.Shown[i].sent&gptSentSharing != 0 }

// Visibility returns sharing.visibility and whether the API sent it.
func (g GPTs) Visibility(i int) (string, bool) {
	return g.Engine[i].Visibility, g.Shown[i].sent&gptSentVisibility != 0
}

func shownGPT(g openai.GPT) GPTShown {
	s := GPTShown{CreatedAt: g.CreatedAt.Ptr(), BuilderName: openai.String(g.BuilderName)}
	for _, f := range []struct {
		set bool
		bit uint8
	}{{g.OwnerID != nil, gptSentOwnerID}, {g.OwnerEmail != nil, gptSentOwnerEmail}, {g.BuilderName != nil, gptSentBuilderName}} {
		if f.set {
			s.sent |= f.bit
		}
	}
	if sh := g.Sharing; sh != nil {
		s.sent |= gptSentSharing
		if sh.Visibility != nil {
			s.sent |= gptSentVisibility
		}
		s.Permissions = sharedPermissions(sh.Permissions)
		s.RecipientsHasMore = sh.Recipients.HasMore
		for _, u := range sh.Recipients.Users {
			s.Recipients = append(s.Recipients, RecipientShown{Permissions: sharedPermissions(u.Permissions), EmailSent: u.Email != nil})
		}
	}
	if c := g.Latest(); c != nil {
		cs := &GPTConfigShown{ID: c.ID, Description: openai.String(c.Description), CreatedAt: c.CreatedAt.Ptr(),
			NameSent: c.Name != nil, DescriptionSent: c.Description != nil}
		if c.Tools != nil {
			for _, t := range c.Tools.Data {
				var b uint8
				if t.ActionDomain != nil {
					b |= 1
				}
				if t.AuthType != nil {
					b |= 2
				}
				cs.Tools = append(cs.Tools, b)
			}
		}
		if c.Files != nil {
			for _, f := range c.Files.Data {
				cs.Files = append(cs.Files, KnowledgeFile{ID: f.ID, Name: openai.String(f.Name), NameSent: f.Name != nil})
			}
		}
		s.Config = cs
	}
	return s
}

// AppendGPTs appends decoded GPTs to dst in the cached form.
func AppendGPTs(dst GPTs, gpts []openai.GPT) GPTs {
	dst.Engine, dst.Shown = slices.Grow(dst.Engine, len(gpts)), slices.Grow(dst.Shown, len(gpts))
	for _, g := range gpts {
		dst.Engine = append(dst.Engine, convertGPT(g))
		dst.Shown = append(dst.Shown, shownGPT(g))
	}
	return dst
}

// GPTs returns every live GPT of the workspace with its latest
// configuration, converted as each page arrives.
func (l *Loader) GPTs(ctx context.Context) (GPTs, error) {
	return load(ctx, l, openai.EndpointComplianceGPTs, func(ctx context.Context) (GPTs, error) {
		var pages []GPTs
		err := l.client.EachGPTsPage(ctx, func(page []openai.GPT) error {
			pages = append(pages, AppendGPTs(GPTs{}, page))
			return nil
		})
		if err != nil {
			return GPTs{}, err
		}
		return GPTs{
			Engine: joinPages(pages, func(p GPTs) []posture.GPT { return p.Engine }),
			Shown:  joinPages(pages, func(p GPTs) []GPTShown { return p.Shown }),
		}, nil
	})
}
