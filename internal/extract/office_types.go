package extract

import (
	"encoding/xml"
	"path"
	"strings"
)

// contentTypes are a package's declared content types ([Content_Types].xml):
// Office decides how to read a part by them, not by its name or bytes.
type contentTypes struct {
	defaults  map[string]string // lower-case extension -> content type
	overrides map[string]string // lower-case part name -> content type
}

// of is the content type declared for the member named name ("" when none
// is).
func (c contentTypes) of(name string) string {
	part := strings.ToLower(strings.TrimPrefix(name, "/"))
	if ct, ok := c.overrides[part]; ok {
		return ct
	}
	return c.defaults[strings.TrimPrefix(path.Ext(part), ".")]
}

// contentTypes reads [Content_Types].xml, bounded like a relationships part
// (the part is read again as an XML member). A missing part declares none;
// a corrupt one is an error.
func (p *opcPackage) contentTypes(r *officeRun) (contentTypes, error) {
	c := contentTypes{defaults: map[string]string{}, overrides: map[string]string{}}
	i, ok := p.byName["[content_types].xml"]
	if !ok {
		return c, nil
	}
	err := r.walkPackagePart(p.files[i], i, "content types", func(t xml.StartElement) {
		var key, ct string
		for _, a := range t.Attr {
			switch a.Name.Local {
			case "Extension", "PartName":
				key = strings.ToLower(strings.TrimPrefix(a.Value, "/"))
			case "ContentType":
				ct = a.Value
			}
		}
		switch t.Name.Local {
		case "Default":
			c.defaults[strings.TrimPrefix(key, ".")] = ct
		case "Override":
			c.overrides[key] = ct
		}
	})
	return c, err
}
