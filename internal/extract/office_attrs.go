package extract

import (
	"strings"
	"unicode/utf8"
)

// Office keeps some of the text it shows, and text a reader of the file
// gets, in attribute values: a worksheet's tab name, a custom number
// format's literal, a data-validation prompt, a list level's text, a
// picture's name and alternative text, a comment's author, a form field's
// default and help text, a pivot cache's values. Reading every attribute
// would flood the text with formatting tokens (every run's language, font
// and size), so the attributes read are named here: by attribute name
// alone where the name always holds free text, and by element and
// attribute where it does only on that element (w:val is formatting on
// w:b and text on w:lvlText). Names are the local part: the prefixes are
// the writer's, and the strict and transitional schemas share local names.

// freeTextAttrs hold free text on whatever element they stand.
var freeTextAttrs = map[string]bool{
	"name": true, "title": true, "descr": true, "description": true,
	"tooltip": true, "display": true, "displayName": true, "displayText": true,
	"prompt": true, "promptTitle": true, "error": true, "errorTitle": true,
	"author": true, "initials": true, "userName": true, "userId": true,
	"comment": true, "help": true, "helpText": true, "statusBar": true, "statusText": true,
	"formatCode": true,
	"alias":      true, "caption": true, "alt": true, "altText": true, "label": true,
	"screenTip": true, "string": true, "instr": true,
	"connection": true, "command": true, "url": true, "sourceFile": true,
	"codeName": true, "location": true, "text": true, "uniqueName": true,
}

// elementTextAttrs hold free text only on the element named.
var elementTextAttrs = map[string]map[string]bool{
	// WordprocessingML: list level text, document variables, form fields
	// (default text, list entries, names), content control alias and tag,
	// symbol of a math operator, VML WordArt.
	"lvlText":    {"val": true},
	"docVar":     {"val": true},
	"default":    {"val": true},
	"listEntry":  {"val": true},
	"helpText":   {"val": true},
	"statusText": {"val": true},
	"tag":        {"val": true, "name": true},
	"listItem":   {"value": true},
	"textpath":   {"string": true},
	// SpreadsheetML: pivot cache items and records (<s v="..."/>), filter
	// values, conditional format text, scenario input cells, a custom
	// filter's value, query parameters.
	"s":            {"v": true},
	"e":            {"v": true},
	"filter":       {"val": true},
	"customFilter": {"val": true},
	"cfRule":       {"text": true},
	"inputCells":   {"val": true},
	"parameter":    {"string": true, "prompt": true},
	"item":         {"n": true},
}

// builtinNames are elements whose name attribute is one of a fixed list
// Office writes in every document (hundreds of latent style names, the
// compatibility settings): noise, not text. Names a user can choose (a
// font's, a theme's) are read.
var builtinNames = map[string]bool{"lsdException": true, "compatSetting": true}

// isTextAttr says whether attribute attr of element elem holds free text.
func isTextAttr(elem, attr string) bool {
	if attr == "name" && builtinNames[elem] {
		return false
	}
	if freeTextAttrs[attr] {
		return true
	}
	return elementTextAttrs[elem][attr]
}

// numberFormatLiterals is the text a custom number format shows in every
// cell it formats: its quoted sections and backslash-escaped characters
// (Excel writes \A\K\I\A as readily as "AKIA"), each literal run apart
// from the placeholders around it, so a key is not glued to the cell's
// digits.
func numberFormatLiterals(code string) string {
	var out, run strings.Builder
	end := func() {
		if run.Len() > 0 {
			out.WriteString(run.String())
			out.WriteByte(' ')
			run.Reset()
		}
	}
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				j = len(code) - i - 1
			}
			run.WriteString(code[i+1 : i+1+j])
			i += j + 1
		case '\\':
			if i+1 < len(code) {
				_, n := utf8.DecodeRuneInString(code[i+1:])
				run.WriteString(code[i+1 : i+1+n])
				i += n
			}
		case '_', '*': // a space as wide as, or a fill of, the next character
			end()
			i++
		case '[': // a color, condition or locale
			end()
			if j := strings.IndexByte(code[i:], ']'); j > 0 {
				i += j
			}
		case '$', '-', '+', '/', '(', ')', ':', '!', '^', '&', '\'', '~', '{', '}', '<', '>', '=', ' ':
			run.WriteByte(c) // shown as written
		default: // a placeholder, a date or time code, a section separator
			end()
		}
	}
	end()
	return strings.TrimSuffix(out.String(), " ")
}
