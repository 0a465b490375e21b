package extract

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

// isTextAttr says whether attribute attr of element elem holds free text.
func isTextAttr(elem, attr string) bool {
	if freeTextAttrs[attr] {
		return true
	}
	return elementTextAttrs[elem][attr]
}
