package extract

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
)

// opcPackage indexes a zip's members by part name for the OPC
// relationships (part names compare case-insensitively).
type opcPackage struct {
	files  []*zip.File
	byName map[string]int // lower-case part name -> first member with it
}

func newPackage(files []*zip.File) *opcPackage {
	p := &opcPackage{files: files, byName: make(map[string]int, len(files))}
	for i, f := range files {
		k := strings.ToLower(strings.TrimPrefix(f.Name, "/"))
		if _, dup := p.byName[k]; !dup {
			p.byName[k] = i
		}
	}
	return p
}

// Relationship types, by the last segment of their URI (the same in the
// transitional and strict schemas).
const (
	relOfficeDocument = "officeDocument"
	relSharedStrings  = "sharedStrings"
)

// conventionalMain are the main parts Office writes, for a package whose
// _rels/.rels does not name one.
var conventionalMain = []string{"word/document.xml", "xl/workbook.xml", "ppt/presentation.xml"}

// format labels the package (for reports) and says whether it is Office:
// _rels/.rels names a main part, or a main part or a word/, xl/ or ppt/
// member exists.
func (p *opcPackage) format() (string, bool) {
	for _, f := range p.files {
		switch lower := strings.ToLower(f.Name); {
		case strings.HasPrefix(lower, "word/"):
			return "docx", true
		case strings.HasPrefix(lower, "xl/"):
			return "xlsx", true
		case strings.HasPrefix(lower, "ppt/"):
			return "pptx", true
		}
	}
	if _, ok := p.byName["_rels/.rels"]; ok {
		return "ooxml", true
	}
	return "", false
}

type relationship struct{ Type, Target, TargetMode string }

// maxRelsBytes bounds one relationships part read for the order (the part
// is read again as an XML member; both reads count against the inflate
// budget).
const maxRelsBytes = 4 << 20

// rels reads the relationships of the part named part ("" for the
// package). A missing part has none; a corrupt one is an error.
func (p *opcPackage) rels(r *officeRun, part string) ([]relationship, error) {
	dir, base := path.Split(part)
	i, ok := p.byName[strings.ToLower(dir+"_rels/"+base+".rels")]
	if !ok {
		return nil, nil
	}
	var out []relationship
	err := r.walkPackagePart(p.files[i], i, "relationships", func(t xml.StartElement) {
		if t.Name.Local != "Relationship" {
			return
		}
		var rel relationship
		for _, a := range t.Attr {
			switch a.Name.Local {
			case "Type":
				rel.Type = a.Value
			case "Target":
				rel.Target = a.Value
			case "TargetMode":
				rel.TargetMode = a.Value
			}
		}
		out = append(out, rel)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// walkPackagePart calls visit for each start element of a small package
// part (relationships, content types), read at most maxRelsBytes and
// maxXMLDepth deep and counted against the inflate budget; what names the
// part in errors. The part is read again as an XML member for its text.
func (r *officeRun) walkPackagePart(f *zip.File, i int, what string, visit func(xml.StartElement)) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("archive member %d is corrupt or uses an unsupported compression method", i)
	}
	defer rc.Close()
	limit := min(int64(maxRelsBytes), r.inflateLeft)
	lr := &io.LimitedReader{R: rc, N: limit + 1}
	defer func() { r.inflateLeft -= (limit + 1) - lr.N }()
	dec := xml.NewDecoder(lr)
	dec.Strict = false
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if lr.N <= 0 {
			if limit < maxRelsBytes {
				return errBomb
			}
			return fmt.Errorf("%s in archive member %d larger than %d bytes", what, i, maxRelsBytes)
		}
		if err != nil {
			return fmt.Errorf("corrupt %s in archive member %d", what, i)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxXMLDepth {
				return errTooDeep(i)
			}
			visit(t)
		case xml.EndElement:
			depth--
		}
	}
}

// target resolves a relationship's target against its source part.
func target(source string, rel relationship) (string, bool) {
	if strings.EqualFold(rel.TargetMode, "External") || rel.Target == "" {
		return "", false
	}
	t := rel.Target
	if u, err := url.PathUnescape(t); err == nil {
		t = u
	}
	if !strings.HasPrefix(t, "/") {
		t = path.Join(path.Dir(source), t)
	}
	return strings.ToLower(strings.TrimPrefix(path.Clean("/"+t), "/")), true
}

func relType(rel relationship) string {
	return rel.Type[strings.LastIndex(rel.Type, "/")+1:]
}

// readingOrder lists the members to read: the main part first, then the
// parts reached from it through relationships (shared strings before
// sheets, so an XLSX's text starts with its strings), breadth first, then
// every other member in natural order (slide2 before slide10). Every member
// is listed once: the relationships order the text, they never hide a part.
func (p *opcPackage) readingOrder(r *officeRun) ([]int, error) {
	seen := make([]bool, len(p.files))
	var order []int
	add := func(i int) {
		if !seen[i] {
			seen[i] = true
			order = append(order, i)
		}
	}
	pkgRels, err := p.rels(r, "")
	if err != nil {
		return nil, err
	}
	var queue []string
	for _, rel := range pkgRels {
		if relType(rel) != relOfficeDocument {
			continue
		}
		t, ok := target("/", rel)
		if !ok {
			continue
		}
		if _, ok := p.byName[t]; !ok {
			return nil, errors.New("the main part named by the package relationships is missing")
		}
		queue = append(queue, t)
	}
	if len(queue) == 0 {
		for _, name := range conventionalMain {
			if _, ok := p.byName[name]; ok {
				queue = append(queue, name)
			}
		}
	}
	// Each part is queued once, so the walk is bounded by the members.
	queued := map[string]bool{}
	for _, q := range queue {
		queued[q] = true
	}
	for len(queue) > 0 {
		part := queue[0]
		queue = queue[1:]
		add(p.byName[part])
		rels, err := p.rels(r, part)
		if err != nil {
			return nil, err
		}
		sort.SliceStable(rels, func(a, b int) bool {
			return relType(rels[a]) == relSharedStrings && relType(rels[b]) != relSharedStrings
		})
		for _, rel := range rels {
			t, ok := target(part, rel)
			if _, exists := p.byName[t]; ok && exists && !queued[t] {
				queued[t] = true
				queue = append(queue, t)
			}
		}
	}
	rest := make([]int, 0, len(p.files)-len(order))
	for i := range p.files {
		if !seen[i] {
			rest = append(rest, i)
		}
	}
	sort.SliceStable(rest, func(a, b int) bool { return naturalLess(p.files[rest[a]].Name, p.files[rest[b]].Name) })
	return append(order, rest...), nil
}

func naturalLess(a, b string) bool {
	na, sa := trailingNumber(a)
	nb, sb := trailingNumber(b)
	if sa == sb {
		return na < nb
	}
	return a < b
}

func trailingNumber(s string) (int, string) {
	s = strings.TrimSuffix(s, path.Ext(s))
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(s[i:])
	return n, s[:i]
}
