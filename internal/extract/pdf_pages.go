package extract

import "github.com/ledongthuc/pdf"

// Page tree bounds. The reader's own walk trusts /Count and /Kids: a node
// listing itself among its kids, or a /Count of two billion, keeps it
// looping for ever. The tree is walked here instead, and the reader is
// only asked for objects.
const (
	pdfMaxPages      = 10000
	pdfMaxTreeNodes  = 2 * pdfMaxPages // page nodes plus intermediate nodes
	pdfMaxTreeDepth  = 64              // real trees are a few levels deep
	pdfMaxKidsOfNode = pdfMaxTreeNodes
)

// pdfPage is a page dictionary with the resources it inherits.
type pdfPage struct {
	node      pdf.Value
	resources pdf.Value
}

// pages lists the pages under the page tree root, in order. The reader
// exposes no object identity for dictionaries, so a loop shows as a tree
// deeper than any real one: a depth cap refuses it, and a node cap refuses
// a tree whose shared subtrees multiply (a DAG listing a node many times).
func (x *pdfExtractor) pages(root pdf.Value) []pdfPage {
	if root.Kind() != pdf.Dict {
		stopPDF("malformed page tree (no /Pages dictionary)")
	}
	var out []pdfPage
	nodes := 0
	var walk func(node, resources pdf.Value, depth int)
	walk = func(node, resources pdf.Value, depth int) {
		x.tick()
		if depth > pdfMaxTreeDepth {
			stopPDF("malformed page tree (a loop, or deeper than %d levels)", pdfMaxTreeDepth)
		}
		if nodes++; nodes > pdfMaxTreeNodes {
			stopPDF("malformed page tree (more than %d nodes)", pdfMaxTreeNodes)
		}
		if r := node.Key("Resources"); !r.IsNull() {
			resources = r // inheritable: a page takes its nearest ancestor's
		}
		kids := node.Key("Kids")
		typ := node.Key("Type").Name()
		if typ == "Pages" || typ == "" && kids.Kind() == pdf.Array {
			if kids.Len() > pdfMaxKidsOfNode {
				stopPDF("malformed page tree (more than %d nodes)", pdfMaxTreeNodes)
			}
			for i := 0; i < kids.Len(); i++ {
				kid := kids.Index(i)
				if kid.Kind() != pdf.Dict {
					continue // a null or dangling kid draws nothing
				}
				walk(kid, resources, depth+1)
			}
			return
		}
		if len(out) >= pdfMaxPages {
			stopPDF("more than %d pages", pdfMaxPages)
		}
		out = append(out, pdfPage{node: node, resources: resources})
	}
	walk(root, pdf.Value{}, 0)
	return out
}
