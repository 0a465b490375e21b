package snapshot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/openai-posture/terraform-provider-openai/internal/extract"
	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
)

// loadContent fills the content collections req names: each file listed by
// a GPT, a ChatGPT project or a recent conversation is downloaded and its
// text extracted, unless a verdict cache holds its verdicts (then it is not
// downloaded at all); memories are read in one list. Only the opt-in DLP content checks need these.
func (l *Loader) loadContent(ctx context.Context, req posture.DataRequest, snap *posture.Snapshot, run func(posture.CollectionID, func())) {
	need := req.Content
	run(posture.CollectionGPTFileContent, func() {
		snap.GPTFileContent = l.configFileContent(ctx, need, openai.EndpointComplianceGPTs, l.gptFileSources)
	})
	run(posture.CollectionProjectFileContent, func() {
		snap.ProjectFileContent = l.configFileContent(ctx, need, openai.EndpointComplianceProjects, l.projectFileSources)
	})
	run(posture.CollectionConversationFileContent, func() {
		snap.ConversationFileContent = l.conversationFileContent(ctx, req)
	})
	run(posture.CollectionMemories, func() { snap.Memories = l.memories(ctx, need, req.AsOf) })
}

// fileSource is one file to download, or (fetch nil) a subject whose files
// could not be listed.
type fileSource struct {
	file  posture.ScannedFile
	fetch func(ctx context.Context, lim openai.FileLimits) (openai.Download, error)
	// cacheKey names the file for a verdict cache (kind and ids).
	cacheKey string
}

func (l *Loader) gptFileSources(ctx context.Context) ([]fileSource, error) {
	gpts, err := l.GPTs(ctx)
	if err != nil {
		return nil, err
	}
	var out []fileSource
	for i, g := range gpts.Engine {
		subject := posture.ScannedFile{SubjectKind: "gpt", SubjectID: g.ID, OwnerEmail: g.OwnerEmail}
		c, cs := g.Config, gpts.Shown[i].Config
		if c != nil {
			subject.SubjectName = c.Name
		}
		if c == nil || cs == nil || c.FilesNotReported {
			out = append(out, notListed(subject, "latest_config files not reported whole; they cannot be downloaded"))
			continue
		}
		files := make([]openai.GPTFile, len(cs.Files))
		for j, f := range cs.Files {
			files[j].ID = f.ID
			if f.NameSent {
				files[j].Name = &f.Name
			}
		}
		out = append(out, l.configFiles(subject, files, l.client.DownloadGPTFileChecked)...)
	}
	return out, nil
}

func (l *Loader) projectFileSources(ctx context.Context) ([]fileSource, error) {
	projects, err := l.ComplianceProjects(ctx)
	if err != nil {
		return nil, err
	}
	var out []fileSource
	for _, p := range projects {
		subject := posture.ScannedFile{SubjectKind: "chatgpt_project", SubjectID: p.ID, OwnerEmail: openai.String(p.OwnerEmail)}
		if p.LatestConfig == nil || len(p.LatestConfig.Data) == 0 || !p.LatestConfig.Data[0].Files.Complete() {
			out = append(out, notListed(subject, "latest_config files not reported whole; they cannot be downloaded"))
			continue
		}
		c := p.LatestConfig.Data[0]
		subject.SubjectName = openai.String(c.Name)
		out = append(out, l.configFiles(subject, c.Files.Data, l.client.DownloadProjectFileChecked)...)
	}
	return out, nil
}

func notListed(subject posture.ScannedFile, why string) fileSource {
	subject.NotScanned = why
	return fileSource{file: subject}
}

func (l *Loader) configFiles(subject posture.ScannedFile, files []openai.GPTFile, download func(context.Context, string, openai.FileLimits) (openai.Download, error)) []fileSource {
	var out []fileSource
	for _, f := range files {
		file := subject
		file.FileID, file.FileName = f.ID, openai.String(f.Name)
		if strings.TrimSpace(f.ID) == "" {
			out = append(out, notListed(file, "file id not reported; it cannot be downloaded"))
			continue
		}
		out = append(out, fileSource{file: file, cacheKey: subject.SubjectKind + "/" + f.ID, fetch: func(ctx context.Context, lim openai.FileLimits) (openai.Download, error) {
			return download(ctx, f.ID, lim)
		}})
	}
	return out
}

// conversationFileSources lists the files attached to messages created in
// the window (a message without a time counts as recent). A conversation
// whose messages or files are not reported whole is one "not scanned" entry.
func (l *Loader) conversationFileSources(ctx context.Context, listSince, since time.Time) ([]fileSource, error) {
	// A conversation last active before since has no message created after
	// it: a read from listSince (at or before since) lists every file this
	// check looks at.
	convs, err := l.conversationList(ctx, listSince)
	if err != nil {
		return nil, err
	}
	var out []fileSource
	for _, c := range convs {
		userID := openai.String(c.UserID)
		subject := posture.ScannedFile{SubjectKind: "conversation", SubjectID: c.ID, SubjectName: firstNonEmpty(openai.String(c.Title), c.ID), OwnerEmail: openai.String(c.UserEmail)}
		if c.Messages == nil || !c.Messages.Complete() {
			out = append(out, notListed(subject, "messages not reported whole; attached files cannot all be downloaded"))
			continue
		}
		incomplete := false
		for _, m := range c.Messages.Data {
			if m.CreatedAt.Valid && m.CreatedAt.Time.Before(since) {
				continue
			}
			if m.Files == nil || !m.Files.Complete() {
				incomplete = true
				continue
			}
			for _, f := range m.Files.Data {
				file := subject
				file.FileID, file.FileName = f.ID, openai.String(f.Name)
				if m.CreatedAt.Valid {
					file.AttachedAt = m.CreatedAt.Time
				}
				if strings.TrimSpace(f.ID) == "" || userID == "" {
					out = append(out, notListed(file, "file or user id not reported; it cannot be downloaded"))
					continue
				}
				convID := c.ID
				out = append(out, fileSource{file: file, cacheKey: "user/" + userID + "/" + f.ID, fetch: func(ctx context.Context, lim openai.FileLimits) (openai.Download, error) {
					return l.client.DownloadUserFileChecked(ctx, userID, f.ID, convID, lim)
				}})
			}
		}
		if incomplete {
			out = append(out, notListed(subject, "files of some recent messages not reported whole; they cannot all be downloaded"))
		}
	}
	return out, nil
}

func (l *Loader) conversationFileContent(ctx context.Context, req posture.DataRequest) posture.Collection[posture.ScannedFile] {
	need := req.Content
	since := windowStart(req.AsOf, need.ConversationDays)
	// The list is read over a window at least as wide as the look back, the
	// one the conversation checks of the request (or of the plan, at the
	// shared window) read, so one read serves both.
	days := posture.ConversationReadDays(need.ConversationDays)
	if req.Needs(posture.CollectionConversations) {
		if req.ConversationDays == 0 || days == 0 {
			days = 0
		} else {
			days = max(days, req.ConversationDays)
		}
	}
	var listSince time.Time
	if days > 0 {
		listSince = windowStart(req.AsOf, days)
	}
	return l.configFileContent(ctx, need, openai.EndpointComplianceConversations, func(ctx context.Context) ([]fileSource, error) {
		return l.conversationFileSources(ctx, listSince, since)
	})
}

// MaxContentTextBytes bounds the extracted text one content collection
// holds at once (it stays in memory until the checks ran): files past it are
// reported as not scanned rather than exhausting memory.
const MaxContentTextBytes int64 = 1 << 30

// configFileContent lists the sources, then downloads and extracts each file
// (bounded fan-out; the client paces the endpoint).
func (l *Loader) configFileContent(ctx context.Context, need posture.ContentNeed, listEndpoint string, sources func(context.Context) ([]fileSource, error)) posture.Collection[posture.ScannedFile] {
	srcs, err := sources(ctx)
	if err != nil {
		return unreadable[posture.ScannedFile](listEndpoint, err)
	}
	lim := openai.FileLimits{MaxBytes: need.MaxFileBytes, Timeout: need.MaxFileTimeout}
	capBytes := need.MaxFileBytes
	if capBytes <= 0 {
		capBytes = openai.DefaultMaxFileBytes // what the client applies
	}
	out := make([]posture.ScannedFile, len(srcs))
	var g errgroup.Group
	g.SetLimit(l.limit(ProjectFanOut))
	var held atomic.Int64
	for i, s := range srcs {
		out[i] = s.file
		if s.fetch == nil {
			continue
		}
		if l.reuseVerdicts(&out[i], s.cacheKey, need.Selections, capBytes) {
			continue
		}
		g.Go(func() error {
			// Content is never cached: only the verdicts judged from it
			// (judgeVerdicts), or a lasting reason it could not be read, and
			// only when the download is known whole (verified length): a
			// body cut short may look clean or corrupt this once, never for
			// ever.
			whole := false
			r, err := func() (extract.Result, error) {
				d, err := s.fetch(ctx, lim)
				if err != nil {
					return extract.Result{}, err
				}
				whole = d.LengthVerified
				return extract.Text(s.file.FileName, d.Data, extract.Limits{})
			}()
			if err != nil {
				out[i].NotScanned = notScannedReason(err)
				if kept, ok := lastingNotScanned(err, out[i].NotScanned, capBytes); ok && (whole || kept.OverCapBytes > 0) {
					l.keepNotScanned(s.cacheKey, need.Selections, kept)
				}
				return nil
			}
			if l.judgeVerdicts(&out[i], s.cacheKey, need.Selections, r.Text, whole) {
				return nil // judged: the text need not be held
			}
			if held.Add(int64(len(r.Text))) > MaxContentTextBytes {
				out[i].NotScanned = fmt.Sprintf("the extracted text of this collection passed %d bytes; not held in memory", MaxContentTextBytes)
				return nil
			}
			out[i].Format, out[i].Text = r.Format, r.Text
			return nil
		})
	}
	_ = g.Wait()
	return posture.Loaded(out...)
}

// notScannedReason says why a file was not scanned, without any URL or key
// (the client's errors carry neither).
func notScannedReason(err error) string {
	var fe *openai.FileFetchError
	var ns *extract.NotScannedError
	switch {
	case errors.As(err, &fe):
		s := string(fe.Reason)
		if fe.Detail != "" {
			s += " (" + fe.Detail + ")"
		}
		return s
	case errors.As(err, &ns):
		return ns.Error()
	}
	return "download failed: " + err.Error()
}

// memories reads memories updated in the window and labels each with its
// user's email when the workspace user list is readable (a label only).
func (l *Loader) memories(ctx context.Context, need posture.ContentNeed, asOf time.Time) posture.Collection[posture.Memory] {
	since := windowStart(asOf, need.MemoryDays)
	key := fmt.Sprintf("%s#since=%d", openai.EndpointComplianceMemories, since.Unix())
	list, err := load(ctx, l, key, func(ctx context.Context) ([]openai.UserMemory, error) {
		return l.client.ListMemories(ctx, &since)
	})
	if err != nil {
		return unreadable[posture.Memory](openai.EndpointComplianceMemories, err)
	}
	emails := map[string]string{}
	if users, err := l.WorkspaceUsers(ctx); err == nil {
		for _, u := range users.Engine {
			emails[u.ID] = u.Email
		}
	}
	var out []posture.Memory
	for _, u := range list {
		user := posture.Memory{UserID: u.ID, UserEmail: emails[u.ID]}
		if u.MemoryContexts == nil {
			user.NotReported = "memory_contexts not reported"
			out = append(out, user)
			continue
		}
		for _, c := range u.MemoryContexts {
			if c.MemoryEntries == nil {
				m := user
				m.ContextID, m.NotReported = c.ID, "memory_entries of context "+c.ID+" not reported"
				out = append(out, m)
				continue
			}
			for _, e := range c.MemoryEntries {
				m := user
				m.ID, m.ContextID, m.Content = e.ID, c.ID, openai.String(e.Content)
				if e.Content == nil {
					m.NotReported = "content not reported"
				}
				if e.UpdatedAt.Valid {
					m.UpdatedAt = e.UpdatedAt.Time
				}
				out = append(out, m)
			}
		}
	}
	return posture.Loaded(out...)
}

// reuseVerdicts fills f from the verdict cache when every selection has a
// kept verdict for the file that still stands under the size cap capBytes
// (CachedVerdict.validUnder), all scans or all the same kind of failure;
// then the file is not downloaded.
func (l *Loader) reuseVerdicts(f *posture.ScannedFile, key string, sels []posture.ContentSelection, capBytes int64) bool {
	cache := l.opts.VerdictCache
	if cache == nil || key == "" || len(sels) == 0 {
		return false
	}
	verdicts := map[string]posture.ContentVerdict{}
	notScanned, scanned := "", false
	for _, sel := range sels {
		v, ok := cache.Get(key, sel.Key())
		if !ok || !v.validUnder(capBytes) {
			return false
		}
		verdicts[sel.Key()] = v.Verdict
		if v.NotScanned == "" {
			scanned = true
		} else {
			notScanned = firstNonEmpty(notScanned, v.NotScanned)
		}
	}
	if scanned && notScanned != "" {
		return false // kept under different limits: read the file again
	}
	if notScanned != "" {
		f.NotScanned = notScanned
	} else {
		f.Verdicts = verdicts
	}
	f.Reused = true
	return true
}

// lastingNotScanned is the verdict to keep for a file that could not be
// scanned, when the reason depends only on its content and the limits: larger
// than the size cap (kept with that cap), or content the reader cannot read
// (encrypted, corrupt, unknown binary type; kept with the reader). Everything
// else is asked again next plan: timeouts (of the download or of the
// extraction, a PDF parse's own deadline and a busy parser included: all
// depend on the machine's load; extract marks them Transient), 5xx, 429 and network
// errors are transient; a 404 may be a file not yet available and a 410 may
// come from a signed download URL that expired, so neither may hide a later
// readable file behind a kept "not scanned" (which a waiver could have
// accepted).
func lastingNotScanned(err error, reason string, capBytes int64) (CachedVerdict, bool) {
	var fe *openai.FileFetchError
	var ns *extract.NotScannedError
	switch {
	case errors.As(err, &fe):
		if fe.Reason == openai.FileTooLarge {
			return CachedVerdict{NotScanned: reason, OverCapBytes: capBytes, Reader: contentReader}, true
		}
	case errors.As(err, &ns):
		if ns.Transient {
			return CachedVerdict{}, false
		}
		return CachedVerdict{NotScanned: reason, Reader: contentReader}, true
	}
	return CachedVerdict{}, false
}

// keepNotScanned keeps a lasting not-scanned verdict for every selection.
func (l *Loader) keepNotScanned(key string, sels []posture.ContentSelection, v CachedVerdict) {
	cache := l.opts.VerdictCache
	if cache == nil || key == "" {
		return
	}
	for _, sel := range sels {
		cache.Put(key, sel.Key(), v)
	}
}

// judgeVerdicts scans text with every selection and, when keep is set (the
// download is known whole), keeps the verdicts with the reader that produced
// the text. It reports whether f now carries its verdicts (then the text
// need not be held). Without a verdict cache it does nothing: the checks
// scan the held text themselves.
func (l *Loader) judgeVerdicts(f *posture.ScannedFile, key string, sels []posture.ContentSelection, text string, keep bool) bool {
	cache := l.opts.VerdictCache
	if cache == nil || key == "" || len(sels) == 0 {
		return false
	}
	verdicts := map[string]posture.ContentVerdict{}
	for _, sel := range sels {
		v, err := posture.ScanContent(text, sel)
		if err != nil {
			return false // the check reports the selection's error itself
		}
		verdicts[sel.Key()] = v
	}
	if keep {
		for _, sel := range sels {
			cache.Put(key, sel.Key(), CachedVerdict{Verdict: verdicts[sel.Key()], Reader: contentReader})
		}
	}
	f.Verdicts = verdicts
	return true
}

// keepVerdicts is judgeVerdicts of a download known whole.
func (l *Loader) keepVerdicts(f *posture.ScannedFile, key string, sels []posture.ContentSelection, text string) bool {
	return l.judgeVerdicts(f, key, sels, text, true)
}
